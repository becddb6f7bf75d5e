import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The optional fields of a write, in n8n's usual "Additional Fields" collection. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The text fields among `keys` that were filled in, to send as they were typed. */
export function filledText(fields: IDataObject, keys: readonly string[]): IDataObject {
	const filled: IDataObject = {};
	for (const key of keys) {
		if (typeof fields[key] === 'string' && fields[key] !== '') filled[key] = fields[key];
	}
	return filled;
}
