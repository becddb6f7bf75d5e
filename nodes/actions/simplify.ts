import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The few fields of a record that a person or a model needs to act on it. */
export type Simplifier = (record: IDataObject) => IDataObject;

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** A simplifier keeping `keys`, those the record has, in this order. */
export function keepFields(keys: readonly string[]): Simplifier {
	return (record) =>
		Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

/** The records as they are, or simplified when the item's Simplify is on. */
export function simplified<T extends IDataObject | IDataObject[]>(
	records: T,
	simplify: Simplifier | undefined,
	on: boolean,
): T {
	if (!simplify || !on) return records;
	return (Array.isArray(records) ? records.map(simplify) : simplify(records)) as T;
}

/** Whether the item asks for Simplify; never where the operation offers none. */
export function wantsSimplify(
	this: IExecuteFunctions,
	itemIndex: number,
	simplify: Simplifier | undefined,
): boolean {
	return simplify !== undefined && this.getNodeParameter('simplify', itemIndex) === true;
}
