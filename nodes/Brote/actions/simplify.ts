import type { IDataObject } from 'n8n-workflow';

import type { BroteCampaign, BroteContact, BrotePaymentReceived, BroteTicket } from '../events';
import { keepFields, type Simplifier } from '../../actions/simplify';

/** Keeps these fields of a `T`, as the API names them; the type checks the names. */
const keep = <T>(...keys: Array<keyof T & string>): Simplifier => keepFields(keys);

/** Who the contact is and whether they may be messaged; no custom fields or timestamps. */
export const simpleContact = keep<BroteContact>(
	'id',
	'name',
	'phone',
	'email',
	'tags',
	'opted_out',
);

/** Where the deal stands and what it is worth. */
export const simpleTicket = keep<BroteTicket>(
	'id',
	'title',
	'stage',
	'status',
	'value',
	'currency',
	'contact_id',
);

/** What the campaign is and when it goes out; not its message or its audience's IDs. */
export const simpleCampaign = keep<BroteCampaign>(
	'id',
	'name',
	'status',
	'channel',
	'scheduled_at',
);

const paymentFields = keep<BrotePaymentReceived>(
	'payment_id',
	'amount',
	'currency',
	'contact_id',
	'external_reference',
);

/** What was paid and by whom, the payer's name lifted out of the embedded contact. */
export const simplePayment: Simplifier = (record) => {
	const contact = record.contact as IDataObject | undefined;
	return { ...paymentFields(record), contact_name: contact?.name ?? null };
};
