import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** "Return All" and "Limit", shown for one list operation. */
export function returnAllFields(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** The limit to stop at, or undefined for all. */
export function listLimit(
	getNodeParameter: (name: string, itemIndex: number) => unknown,
	itemIndex: number,
): number | undefined {
	if (getNodeParameter('returnAll', itemIndex) === true) return undefined;
	return Number(getNodeParameter('limit', itemIndex));
}
