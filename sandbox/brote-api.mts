import type { BroteEventData } from '../nodes/Brote/events.ts';
import { invalid, notFound } from './errors.mts';
import { CHANNELS, CURRENCIES, TICKET_STAGES, newId } from './org.mts';
import { profiles } from '../nodes/platforms/index.ts';
import { paginate } from './pagination.mts';
import type { Reply, Router } from './router.mts';
import type { BroteStore, Contact, Message, Template } from './store.mts';
import {
	type Body,
	email,
	httpUrl,
	isoDate,
	objectBody,
	oneOf,
	optionalString,
	phone,
	plainObject,
	positiveInteger,
	requiredString,
	stringArray,
} from './validate.mts';

function page<T>(items: readonly T[], query: URLSearchParams) {
	return paginate(items, query, profiles.brote);
}

export type BroteEmit = <K extends keyof BroteEventData>(type: K, data: BroteEventData[K]) => void;

export interface BroteContext {
	store: BroteStore;
	emit: BroteEmit;
	/** Where a payment link points: the sandbox's own page for it. */
	linkUrl: (linkId: string) => string;
}

const CONTACT_FIELDS = ['name', 'phone', 'email', 'tags', 'custom_fields', 'opted_out'];
const MESSAGE_TYPES = ['text', 'image', 'document', 'template'] as const;

function only(body: Body, allowed: readonly string[]): void {
	const extra = Object.keys(body).filter((k) => !allowed.includes(k));
	if (extra.length > 0)
		throw invalid(`Unknown fields: ${extra.join(', ')}; allowed: ${allowed.join(', ')}`);
}

function found<T>(map: Map<string, T>, id: string, what: string): T {
	const item = map.get(id);
	if (item === undefined) throw notFound(what, id);
	return item;
}

function customFields(body: Body): Contact['custom_fields'] | undefined {
	const fields = plainObject(body, 'custom_fields');
	if (fields === undefined) return undefined;
	for (const [key, value] of Object.entries(fields)) {
		if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
			throw invalid(`custom_fields.${key} must be a string, number, boolean or null`);
		}
	}
	return fields as Contact['custom_fields'];
}

function matches(contact: Contact, q: string): boolean {
	const needle = q.toLowerCase();
	const digits = q.replace(/\D/g, '');
	return (
		contact.name.toLowerCase().includes(needle) ||
		(contact.email ?? '').toLowerCase().includes(needle) ||
		(digits.length > 0 && contact.phone.includes(digits))
	);
}

function filterBy<T extends object>(
	items: T[],
	query: URLSearchParams,
	fields: readonly (keyof T & string)[],
): T[] {
	let result = items;
	for (const field of fields) {
		const wanted = query.get(field);
		if (wanted !== null) result = result.filter((item) => String(item[field]) === wanted);
	}
	return result;
}

function contactRoutes(router: Router, { store, emit }: BroteContext): void {
	router.add('GET', '/contacts', (req) => {
		const q = req.query.get('q');
		const all = [...store.contacts.values()];
		return { status: 200, body: page(q ? all.filter((c) => matches(c, q)) : all, req.query) };
	});

	router.add('POST', '/contacts', (req) => {
		const body = objectBody(req.body);
		only(
			body,
			CONTACT_FIELDS.filter((f) => f !== 'opted_out'),
		);
		const now = new Date().toISOString();
		const contact: Contact = {
			id: newId(),
			name: requiredString(body, 'name'),
			phone: phone(requiredString(body, 'phone')) as string,
			email: email(optionalString(body, 'email')) ?? null,
			tags: stringArray(body, 'tags') ?? [],
			custom_fields: customFields(body) ?? {},
			opted_out: false,
			created_at: now,
			updated_at: now,
		};
		store.contacts.set(contact.id, contact);
		emit('contact.created', { contact });
		return { status: 201, body: contact };
	});

	router.add('GET', '/contacts/{id}', (req) => ({
		status: 200,
		body: found(store.contacts, req.params.id, 'Contact'),
	}));

	router.add('PATCH', '/contacts/{id}', (req) => {
		const contact = found(store.contacts, req.params.id, 'Contact');
		const body = objectBody(req.body);
		only(body, CONTACT_FIELDS);
		const next: Partial<Contact> = {};
		if (body.name !== undefined) next.name = requiredString(body, 'name');
		if (body.phone !== undefined) next.phone = phone(requiredString(body, 'phone'));
		if (body.email !== undefined) next.email = email(optionalString(body, 'email')) ?? null;
		if (body.tags !== undefined) next.tags = stringArray(body, 'tags');
		const fields = customFields(body);
		// Custom fields merge; a null value removes the field.
		if (fields !== undefined) {
			const merged = { ...contact.custom_fields, ...fields };
			for (const [key, value] of Object.entries(fields)) if (value === null) delete merged[key];
			next.custom_fields = merged;
		}
		if (body.opted_out !== undefined) {
			if (typeof body.opted_out !== 'boolean') throw invalid('opted_out must be a boolean');
			next.opted_out = body.opted_out;
		}
		const changed = (Object.keys(next) as (keyof Contact)[]).filter(
			(k) => JSON.stringify(next[k]) !== JSON.stringify(contact[k]),
		);
		if (changed.length === 0) return { status: 200, body: contact };
		const optingOut = next.opted_out === true && !contact.opted_out;
		Object.assign(contact, next, { updated_at: new Date().toISOString() });
		emit('contact.updated', { contact, changed_fields: changed });
		if (optingOut) emit('contact.opted_out', { contact, channel: CHANNELS[0], reason: null });
		return { status: 200, body: contact };
	});
}

function template(body: Body): Template {
	const value = plainObject(body, 'template');
	if (value === undefined)
		throw invalid('template is required for template messages: { name, language, variables? }');
	const variables = value.variables;
	if (variables !== undefined && (variables === null || typeof variables !== 'object')) {
		throw invalid('template.variables must be an array or an object');
	}
	return {
		name: requiredString(value, 'name'),
		language: requiredString(value, 'language'),
		...(variables !== undefined ? { variables } : {}),
	};
}

function conversationRoutes(router: Router, { store, emit }: BroteContext): void {
	router.add('GET', '/conversations', (req) => ({
		status: 200,
		body: page(
			filterBy([...store.conversations.values()], req.query, ['contact_id', 'status', 'channel']),
			req.query,
		),
	}));

	router.add('POST', '/conversations/{id}/messages', (req) => {
		const conversation = found(store.conversations, req.params.id, 'Conversation');
		const body = objectBody(req.body);
		only(body, ['type', 'text', 'media_url', 'template']);
		const type = oneOf(body.type ?? 'text', MESSAGE_TYPES, 'type');
		const text = optionalString(body, 'text') ?? null;
		const mediaUrl = httpUrl(optionalString(body, 'media_url'), 'media_url') ?? null;
		if (type === 'text' && !text?.trim())
			throw invalid('text is required and must not be empty for text messages');
		if ((type === 'image' || type === 'document') && !mediaUrl)
			throw invalid(`media_url is required for ${type} messages`);
		const now = new Date().toISOString();
		const message: Message = {
			id: newId(),
			conversation_id: conversation.id,
			direction: 'outbound',
			type,
			text,
			media_url: mediaUrl,
			...(type === 'template' ? { template: template(body) } : {}),
			status: 'sent',
			created_at: now,
		};
		store.messages.set(message.id, message);
		conversation.updated_at = now;
		emit('message.sent', {
			message,
			contact: found(store.contacts, conversation.contact_id, 'Contact'),
			sent_by: null,
		});
		return { status: 201, body: message };
	});
}

function ticketRoutes(router: Router, { store, emit }: BroteContext): void {
	router.add('GET', '/tickets', (req) => ({
		status: 200,
		body: page(
			filterBy([...store.tickets.values()], req.query, ['stage', 'status', 'contact_id']),
			req.query,
		),
	}));

	router.add('PATCH', '/tickets/{id}/stage', (req) => {
		const ticket = found(store.tickets, req.params.id, 'Ticket');
		const body = objectBody(req.body);
		only(body, ['stage', 'lost_reason']);
		const stage = oneOf(body.stage, TICKET_STAGES, 'stage');
		const lostReason = optionalString(body, 'lost_reason') ?? null;
		if (stage === ticket.stage) return { status: 200, body: ticket };
		const from = ticket.stage;
		Object.assign(ticket, {
			stage,
			status: stage === 'won' ? 'won' : stage === 'lost' ? 'lost' : 'open',
			updated_at: new Date().toISOString(),
		});
		emit('ticket.stage_changed', { ticket, from_stage: from, to_stage: stage, changed_by: null });
		if (stage === 'won') emit('ticket.won', { ticket });
		if (stage === 'lost') emit('ticket.lost', { ticket, lost_reason: lostReason });
		return { status: 200, body: ticket };
	});
}

function paymentRoutes(router: Router, { store, linkUrl }: BroteContext): void {
	router.add('POST', '/payments/links', (req): Reply => {
		const body = objectBody(req.body);
		only(body, [
			'amount',
			'currency',
			'description',
			'contact_id',
			'conversation_id',
			'external_reference',
		]);
		const amount = positiveInteger(body, 'amount');
		const currency = oneOf(body.currency, CURRENCIES, 'currency');
		const contactId = requiredString(body, 'contact_id');
		if (!store.contacts.has(contactId))
			throw invalid(`contact_id ${contactId} is not a contact of this organization`);
		const conversationId =
			optionalString(body, 'conversation_id') ?? latestConversation(store, contactId);
		const conversation = conversationId ? store.conversations.get(conversationId) : undefined;
		if (!conversation || conversation.contact_id !== contactId) {
			throw invalid(
				'conversation_id must be a conversation of that contact (it defaults to their latest one, and they have none)',
			);
		}
		const id = newId();
		const link = {
			id,
			url: linkUrl(id),
			amount,
			currency,
			description: optionalString(body, 'description') ?? null,
			contact_id: contactId,
			conversation_id: conversation.id,
			external_reference: optionalString(body, 'external_reference') ?? null,
			status: 'pending' as const,
			created_at: new Date().toISOString(),
		};
		store.paymentLinks.set(id, link);
		return { status: 201, body: link };
	});

	router.add('GET', '/payments', (req) => ({
		status: 200,
		body: page(
			filterBy([...store.payments.values()], req.query, ['contact_id', 'conversation_id']),
			req.query,
		),
	}));
}

function latestConversation(store: BroteStore, contactId: string): string | undefined {
	let latest: string | undefined;
	for (const c of store.conversations.values()) if (c.contact_id === contactId) latest = c.id;
	return latest;
}

function campaignRoutes(router: Router, { store }: BroteContext): void {
	router.add('GET', '/campaigns', (req) => ({
		status: 200,
		body: page(
			filterBy([...store.campaigns.values()], req.query, ['status', 'channel']),
			req.query,
		),
	}));

	router.add('POST', '/campaigns', (req) => {
		const body = objectBody(req.body);
		only(body, ['name', 'channel', 'message', 'audience', 'scheduled_at']);
		const audience = plainObject(body, 'audience') ?? {};
		only(audience, ['tags', 'contact_ids']);
		const contactIds = stringArray(audience, 'contact_ids') ?? [];
		const unknown = contactIds.filter((id) => !store.contacts.has(id));
		if (unknown.length > 0)
			throw invalid(`audience.contact_ids has unknown contacts: ${unknown.join(', ')}`);
		const scheduledAt = isoDate(optionalString(body, 'scheduled_at'), 'scheduled_at') ?? null;
		const campaign = {
			id: newId(),
			name: requiredString(body, 'name'),
			channel: oneOf(body.channel ?? CHANNELS[0], CHANNELS, 'channel'),
			message: requiredString(body, 'message'),
			audience: { tags: stringArray(audience, 'tags') ?? [], contact_ids: contactIds },
			scheduled_at: scheduledAt,
			status: scheduledAt ? ('scheduled' as const) : ('draft' as const),
			created_at: new Date().toISOString(),
		};
		store.campaigns.set(campaign.id, campaign);
		return { status: 201, body: campaign };
	});
}

/** The 12 documented endpoints, relative to the API's base URL. */
export function mountBroteApi(router: Router, context: BroteContext): void {
	contactRoutes(router, context);
	conversationRoutes(router, context);
	ticketRoutes(router, context);
	paymentRoutes(router, context);
	campaignRoutes(router, context);
}
