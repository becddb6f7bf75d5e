import { oneWebhookOperation } from './oneWebhook';

export const { description, readItem, execute } = oneWebhookOperation({
	operation: 'get',
	description: 'The webhook subscription to get',
	method: 'GET',
	path: 'itemPath',
});
