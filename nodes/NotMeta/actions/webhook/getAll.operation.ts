import { listOperation } from '../../../shared/listOperation';
import { notMetaClient, webhookPath } from '../../transport';

export const { description, parameters, execute } = listOperation({
	client: notMetaClient,
	resource: 'webhook',
	path() {
		return webhookPath.call(this, 'collectionPath');
	},
});
