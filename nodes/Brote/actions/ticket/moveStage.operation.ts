import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteRequest } from '../../transport';
import { ticketLocator } from '../locators';
import { nonEmptyText, resourceId } from '../../../shared/validation';

const properties: INodeProperties[] = [
	ticketLocator('The ticket to move'),
	{
		displayName: 'Stage',
		name: 'stage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. proposal',
		description:
			'The pipeline stage to move the ticket to. Moving it to "won" or "lost" closes it.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Lost Reason',
				name: 'lost_reason',
				type: 'string',
				default: '',
				description: 'Why the deal was lost, when moving the ticket to "lost"',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['moveStage'] } },
	properties,
);

interface MoveParameters {
	ticketId: string;
	body: IDataObject;
}

export function parameters(this: IExecuteFunctions, itemIndex: number): MoveParameters {
	const ticketId = resourceId.call(this, 'ticketId', 'Ticket', itemIndex);
	const stage = nonEmptyText.call(
		this,
		this.getNodeParameter('stage', itemIndex),
		'Stage',
		itemIndex,
	);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { stage: stage.trim() };
	if (typeof additional.lost_reason === 'string' && additional.lost_reason !== '') {
		body.lost_reason = additional.lost_reason;
	}
	return { ticketId, body };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ticketId, body }: MoveParameters,
): Promise<IDataObject> {
	// Moving to a stage the ticket is already in changes nothing, so a lost answer may be retried.
	return await broteRequest.call(
		this,
		{
			method: 'PATCH',
			path: `/tickets/${encodeURIComponent(ticketId)}/stage`,
			body,
			idempotent: true,
		},
		itemIndex,
	);
}
