import type { INodeProperties } from 'n8n-workflow';

export const channelField: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'string',
	default: '',
	placeholder: 'e.g. whatsapp',
};

export const contactIdFilter = (description: string): INodeProperties => ({
	displayName: 'Contact ID',
	name: 'contact_id',
	type: 'string',
	default: '',
	description,
});

/** `statuses` as the API spells them, in the order the editor lists them. */
export const statusFilter = (statuses: readonly string[], initial: string): INodeProperties => ({
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: statuses.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
	default: initial,
});
