import type {
	BroteCampaignCompleted,
	BrotePaymentReceived,
} from '../nodes/Brote/events.ts';
import type { BroteContext } from './brote-api.mts';
import { ApiError, invalid, notFound } from './errors.mts';
import { newId } from './org.mts';
import type { Router } from './router.mts';
import type { BroteStore, Campaign, Message, Payment } from './store.mts';
import { objectBody, optionalString, plainObject, requiredString } from './validate.mts';

/** What only Brote's side can do (a customer pays, a campaign finishes, a contact writes in), under /_control/brote. */
export function mountBroteControl(router: Router, { store, emit }: BroteContext): void {
	router.add('POST', '/brote/payments/{id}/pay', (req) => {
		const link = store.paymentLinks.get(req.params.id);
		if (!link) throw notFound('Payment link', req.params.id);
		if (link.status === 'paid')
			throw new ApiError(409, 'conflict', `Payment link ${link.id} is already paid`);
		const contact = store.contacts.get(link.contact_id);
		if (!contact) throw notFound('Contact', link.contact_id);
		const body = req.body === undefined ? {} : objectBody(req.body);
		const payment: Payment = {
			payment_id:
				optionalString(body, 'payment_id') ??
				`mp_payment_${Date.now()}${Math.floor(Math.random() * 1000)}`,
			amount: link.amount,
			currency: link.currency,
			conversation_id: link.conversation_id,
			contact_id: contact.id,
			contact: { name: contact.name, phone: contact.phone, email: contact.email },
			external_reference: link.external_reference,
			link_id: link.id,
			created_at: new Date().toISOString(),
		};
		link.status = 'paid';
		store.payments.set(payment.payment_id, payment);
		const { link_id: _link, created_at: _at, ...data } = payment;
		// A link created without an external reference sends null there.
		emit('payment.received', data as BrotePaymentReceived);
		return { status: 200, body: payment };
	});

	router.add('POST', '/brote/campaigns/{id}/complete', (req) => {
		const campaign = store.campaigns.get(req.params.id);
		if (!campaign) throw notFound('Campaign', req.params.id);
		campaign.status = 'completed';
		const overrides =
			req.body === undefined ? undefined : plainObject(objectBody(req.body), 'stats');
		if (overrides && Object.values(overrides).some((v) => !Number.isInteger(v))) {
			throw invalid('stats values must be integers');
		}
		const stats = {
			...audienceStats(store, campaign),
			...overrides,
		} as BroteCampaignCompleted['stats'];
		emit('campaign.completed', { campaign, stats });
		return { status: 200, body: { campaign, stats } };
	});

	router.add('POST', '/brote/conversations/{id}/messages', (req) => {
		const conversation = store.conversations.get(req.params.id);
		if (!conversation) throw notFound('Conversation', req.params.id);
		const contact = store.contacts.get(conversation.contact_id);
		if (!contact) throw notFound('Contact', conversation.contact_id);
		const text = requiredString(objectBody(req.body), 'text');
		const now = new Date().toISOString();
		const message: Message = {
			id: newId(),
			conversation_id: conversation.id,
			direction: 'inbound',
			type: 'text',
			text,
			media_url: null,
			status: 'received',
			created_at: now,
		};
		store.messages.set(message.id, message);
		conversation.updated_at = now;
		emit('message.received', { message, contact });
		return { status: 201, body: message };
	});
}

/** Everyone the audience names and has not opted out; realistic rates after that. */
function audienceStats(store: BroteStore, campaign: Campaign): BroteCampaignCompleted['stats'] {
	const { tags, contact_ids: ids } = campaign.audience;
	let recipients = 0;
	for (const contact of store.contacts.values()) {
		if (contact.opted_out) continue;
		if (ids.includes(contact.id) || contact.tags.some((t) => tags.includes(t))) recipients++;
	}
	const delivered = Math.round(recipients * 0.97);
	const read = Math.round(delivered * 0.78);
	return {
		recipients,
		sent: recipients,
		delivered,
		read,
		replied: Math.round(read * 0.15),
		failed: recipients - delivered,
	};
}
