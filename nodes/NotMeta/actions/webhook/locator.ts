import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../../actions/locator';

export const webhookLocator = (description: string): INodeProperties =>
	resourceLocator('Webhook', 'webhookId', 'searchWebhooks', 'wh_123456789', description);
