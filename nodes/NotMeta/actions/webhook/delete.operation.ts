import { oneWebhookOperation } from './oneWebhook';

export const { description, readItem, execute } = oneWebhookOperation({
	operation: 'delete',
	description: 'The webhook subscription to delete',
	method: 'DELETE',
	path: 'itemPath',
	output: (id) => ({ id, deleted: true }),
});
