import { listSearch } from '../../actions/listSearch';
import { notMetaClient, webhookPath } from '../transport';

/** The webhook list has no search, so its pages are filtered here by URL, ID or event. */
export const searchWebhooks = listSearch({
	client: notMetaClient,
	path() {
		return webhookPath.call(this, 'collectionPath');
	},
	label: (webhook) => `${String(webhook.url)} (${String(webhook.status)})`,
	alsoMatches: (webhook) => (Array.isArray(webhook.events) ? webhook.events.join(' ') : ''),
	plural: 'webhooks',
});
