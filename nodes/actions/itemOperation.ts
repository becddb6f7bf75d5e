import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { PlatformClient } from './client';
import type { Operation } from './operations';
import { type Simplifier, simplified, simplifyProperty, wantsSimplify } from './simplify';
import { resourceId } from './validation';

export interface ItemParameters {
	id: string;
	path: string;
	simplify: boolean;
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
	/** Offers Simplify, which keeps these few fields of the record. */
	simplify?: Simplifier;
}

/** An operation on one item picked by its resource locator, sending no body. */
export function itemOperation(spec: ItemOperationSpec): Operation<ItemParameters> {
	const { client, locator, method, output, simplify } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			simplify ? [locator, simplifyProperty] : [locator],
		),
		readItem(itemIndex) {
			const id = resourceId.call(this, locator.name, locator.displayName, itemIndex);
			return {
				id,
				path: spec.path.call(this, id),
				simplify: wantsSimplify.call(this, itemIndex, simplify),
			};
		},
		async execute(itemIndex, { id, path, simplify: on }) {
			const answer = await client.request.call(this, { method, path }, itemIndex);
			return output ? output(id) : simplified(answer, simplify, on);
		},
	};
}
