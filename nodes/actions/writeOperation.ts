import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { PlatformClient } from './client';
import type { Operation } from './operations';

export interface Write {
	path: string;
	body: IDataObject;
}

export interface WriteOperationSpec {
	client: PlatformClient;
	resource: string;
	operation: string;
	properties: INodeProperties[];
	method: IHttpRequestMethods;
	/** Whether sending it twice does no harm; by default only reads are. */
	idempotent?: boolean;
	/** Reads and checks one item's parameters into what to send; throws, sends nothing. */
	write(this: IExecuteFunctions, itemIndex: number): Write;
}

/** An operation that sends one body built from the item's parameters. */
export function writeOperation(spec: WriteOperationSpec): Operation<Write> {
	const { client, method, idempotent } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			spec.properties,
		),
		readItem(itemIndex) {
			return spec.write.call(this, itemIndex);
		},
		async execute(itemIndex, { path, body }) {
			return await client.request.call(this, { method, path, body, idempotent }, itemIndex);
		},
	};
}
