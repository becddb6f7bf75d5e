import { listOperation } from '../../../actions/listOperation';
import { resourceId } from '../../../actions/validation';
import { notMetaClient, webhookPath } from '../../transport';
import { webhookLocator } from './locator';

export const { description, readItem, execute } = listOperation({
	client: notMetaClient,
	resource: 'webhook',
	operation: 'getLogs',
	fields: [webhookLocator('The webhook subscription whose delivery log to read')],
	path(itemIndex) {
		const webhookId = resourceId.call(this, 'webhookId', 'Webhook', itemIndex);
		return webhookPath.call(this, 'logsPath', webhookId);
	},
});
