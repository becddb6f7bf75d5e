import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { PlatformClient } from './client';
import type { Operation } from './operations';
import { resourceId } from './validation';

export interface ItemParameters {
	id: string;
	path: string;
}

export interface ItemOperationSpec {
	client: PlatformClient;
	resource: string;
	operation: string;
	/** Picks the item; its name is the parameter read, its display name the field named in errors. */
	locator: INodeProperties;
	method: IHttpRequestMethods;
	path(this: IExecuteFunctions, id: string): string;
	/** What the item becomes when the answer has nothing to show (a DELETE answers 204). */
	output?(id: string): IDataObject;
}

/** An operation on one item picked by its resource locator, sending no body. */
export function itemOperation(spec: ItemOperationSpec): Operation<ItemParameters> {
	const { client, locator, method, output } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[locator],
		),
		readItem(itemIndex) {
			const id = resourceId.call(this, locator.name, locator.displayName, itemIndex);
			return { id, path: spec.path.call(this, id) };
		},
		async execute(itemIndex, { id, path }) {
			const answer = await client.request.call(this, { method, path }, itemIndex);
			return output ? output(id) : answer;
		},
	};
}
