import type { INodeProperties } from 'n8n-workflow';

/** A required item picked from a searchable list or typed in by ID. */
export function resourceLocator(
	displayName: string,
	name: string,
	searchListMethod: string,
	idExample: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${idExample}`,
				validation: [
					{
						type: 'regex',
						// Dots only would be a path step in the request's URL (`..`).
						properties: {
							regex: '^(?!\\.+$)\\S+$',
							errorMessage: 'An ID has no spaces, and is not dots only',
						},
					},
				],
			},
		],
		description,
	};
}
