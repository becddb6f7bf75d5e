import { NodeOperationError } from 'n8n-workflow';

import { profiles } from '../platforms';
import { notmetaIdentity } from './identity';
import type { SubscriptionApiSpec } from '../platforms/types';
import { platformClient } from '../actions/client';
import type { ApiContext } from '../common/transport';
import { recordPath } from '../common/recordPath';

export const notMetaClient = platformClient(profiles.notmeta, notmetaIdentity.credential);

/** A path of NotMeta's subscription API from its profile, with the webhook's ID filled in. */
export function webhookPath(
	this: ApiContext,
	which: keyof SubscriptionApiSpec,
	webhookId?: string,
): string {
	const template = notMetaClient.profile.subscription?.[which];
	if (!template) {
		throw new NodeOperationError(this.getNode(), `NotMeta's profile has no ${which} for webhooks`);
	}
	return webhookId === undefined
		? template
		: recordPath(this.getNode(), template, webhookId, 'Webhook');
}
