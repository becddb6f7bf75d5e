import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields, filledText } from '../../../actions/additionalFields';
import { broteClient } from '../../transport';
import { recordPath } from '../../../common/recordPath';
import { ticketLocator } from '../locators';
import { nonEmptyText, resourceId } from '../../../actions/validation';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

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
	additionalFields([
		{
			displayName: 'Lost Reason',
			name: 'lost_reason',
			type: 'string',
			default: '',
			description: 'Why the deal was lost, when moving the ticket to "lost"',
		},
	]),
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
	const ticketId = resourceId.call(this, 'ticketId', 'Ticket', itemIndex);
	const stage = nonEmptyText.call(
		this,
		this.getNodeParameter('stage', itemIndex),
		'Stage',
		itemIndex,
	);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		path: recordPath(this.getNode(), '/tickets/{id}/stage', ticketId, 'Ticket'),
		body: { stage: stage.trim(), ...filledText(additional, ['lost_reason']) },
	};
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'ticket',
	operation: 'moveStage',
	properties,
	method: 'PATCH',
	// Moving to a stage the ticket is already in changes nothing, so a lost answer may be retried.
	idempotent: true,
	write,
});
