import { listOperation } from '../../../actions/listOperation';
import { broteClient } from '../../transport';
import { simpleCampaign } from '../simplify';
import { channelField, statusFilter } from '../fields';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'campaign',
	path: '/campaigns',
	simplify: simpleCampaign,
	filters: [channelField, statusFilter(['completed', 'draft', 'scheduled', 'sending'], 'draft')],
});
