import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { itemOperation } from '../../../actions/itemOperation';
import type { ItemParameters } from '../../../actions/itemOperation';
import type { Operation } from '../../../actions/operations';
import { notMetaClient, webhookPath } from '../../transport';
import { webhookLocator } from './locator';

interface OneWebhookSpec {
	operation: string;
	/** What the locator says it picks. */
	description: string;
	method: IHttpRequestMethods;
	path: 'itemPath' | 'statsPath';
	output?(id: string): IDataObject;
}

/** An operation on one webhook subscription, at a path of NotMeta's profile. */
export function oneWebhookOperation(spec: OneWebhookSpec): Operation<ItemParameters> {
	return itemOperation({
		client: notMetaClient,
		resource: 'webhook',
		operation: spec.operation,
		locator: webhookLocator(spec.description),
		method: spec.method,
		path(id) {
			return webhookPath.call(this, spec.path, id);
		},
		output: spec.output,
	});
}
