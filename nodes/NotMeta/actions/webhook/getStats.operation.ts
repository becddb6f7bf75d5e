import { oneWebhookOperation } from './oneWebhook';

export const { description, readItem, execute } = oneWebhookOperation({
	operation: 'getStats',
	description: 'The webhook subscription whose delivery statistics to get',
	method: 'GET',
	path: 'statsPath',
});
