import { CHANNELS, CURRENCIES, TICKET_STAGES, newId } from './org.mts';
import type { BroteStore, Contact, SeedCounts } from './store.mts';

const FIRST = [
	'María',
	'José',
	'Camila',
	'Matías',
	'Valentina',
	'Benjamín',
	'Sofía',
	'Tomás',
	'Isidora',
	'Joaquín',
	'Fernanda',
	'Diego',
];
const LAST = [
	'González',
	'Muñoz',
	'Rojas',
	'Díaz',
	'Pérez',
	'Soto',
	'Contreras',
	'Silva',
	'Martínez',
	'Sepúlveda',
	'Morales',
	'Fuentes',
];
const TAGS = ['cliente', 'lead', 'vip', 'mayorista', 'newsletter'];
const TITLES = [
	'Cotización plan anual',
	'Pedido mayorista',
	'Renovación de contrato',
	'Demo solicitada',
];

function ascii(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

const FIRST_ASCII = FIRST.map(ascii);
const LAST_ASCII = LAST.map(ascii);

function pick<T>(list: readonly T[], n: number): T {
	return list[n % list.length];
}

function seedContacts(store: BroteStore, count: number, now: string): void {
	const start = store.contacts.size;
	for (let i = start; i < start + count; i++) {
		const f = i % FIRST.length;
		const l = Math.floor(i / FIRST.length) % LAST.length;
		const contact: Contact = {
			id: newId(),
			name: `${FIRST[f]} ${LAST[l]}`,
			// Distinct per index, so a search by phone finds exactly one contact.
			phone: `+569${String(10_000_000 + i).slice(-8)}`,
			email: `${FIRST_ASCII[f]}.${LAST_ASCII[l]}${i}@ejemplo.cl`,
			tags: [pick(TAGS, i)],
			custom_fields: { rut: `${10_000_000 + i}-${i % 10}` },
			opted_out: false,
			created_at: now,
			updated_at: now,
		};
		store.contacts.set(contact.id, contact);
	}
}

function contactIds(store: BroteStore, atLeast: number, now: string): string[] {
	if (store.contacts.size < atLeast) seedContacts(store, atLeast - store.contacts.size, now);
	return [...store.contacts.keys()];
}

function seedConversations(store: BroteStore, count: number, now: string): void {
	const ids = contactIds(store, 1, now);
	for (let i = 0; i < count; i++) {
		const id = newId();
		store.conversations.set(id, {
			id,
			contact_id: pick(ids, i),
			channel: pick(CHANNELS, i),
			status: i % 4 === 3 ? 'closed' : 'open',
			assigned_to: i % 2 === 0 ? `agent_${(i % 3) + 1}` : null,
			created_at: now,
			updated_at: now,
		});
	}
}

function seedTickets(store: BroteStore, count: number, now: string): void {
	if (store.conversations.size === 0)
		seedConversations(store, Math.min(count, Math.max(1, store.contacts.size)), now);
	const conversations = [...store.conversations.values()];
	const openStages = TICKET_STAGES.filter((s) => s !== 'won' && s !== 'lost');
	for (let i = 0; i < count; i++) {
		const id = newId();
		const conversation = pick(conversations, i);
		store.tickets.set(id, {
			id,
			contact_id: conversation.contact_id,
			conversation_id: conversation.id,
			title: pick(TITLES, i),
			stage: pick(openStages, i),
			value: 49_000 + 1_000 * (i % 50),
			currency: CURRENCIES[0],
			status: 'open',
			created_at: now,
			updated_at: now,
		});
	}
}

export function seedStore(store: BroteStore, counts: SeedCounts): void {
	const now = new Date().toISOString();
	if (counts.contacts) seedContacts(store, counts.contacts, now);
	if (counts.conversations) seedConversations(store, counts.conversations, now);
	if (counts.tickets) seedTickets(store, counts.tickets, now);
}
