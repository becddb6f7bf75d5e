import { listOperation } from '../../../actions/listOperation';
import { notMetaClient, webhookPath } from '../../transport';

export const { description, readItem, execute } = listOperation({
	client: notMetaClient,
	resource: 'webhook',
	path() {
		return webhookPath.call(this, 'collectionPath');
	},
});
