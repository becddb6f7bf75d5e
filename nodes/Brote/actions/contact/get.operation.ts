import { itemOperation } from '../../../actions/itemOperation';
import { recordPath } from '../../../common/recordPath';
import { broteClient } from '../../transport';
import { simpleContact } from '../simplify';
import { contactLocator } from '../locators';

export const { description, readItem, execute } = itemOperation({
	client: broteClient,
	resource: 'contact',
	operation: 'get',
	locator: contactLocator('The contact to get'),
	method: 'GET',
	path(id) {
		return recordPath(this.getNode(), '/contacts/{id}', id, 'Contact');
	},
	simplify: simpleContact,
});
