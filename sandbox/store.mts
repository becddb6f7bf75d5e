import type {
	BroteCampaign,
	BroteContact,
	BroteConversation,
	BroteMessage,
	BrotePaymentReceived,
	BroteTicket,
} from '../nodes/Brote/events.ts';
import { seedStore } from './seed.mts';

export type Contact = BroteContact;
export type Conversation = BroteConversation;
export type Ticket = BroteTicket;
export type Campaign = BroteCampaign;

export interface Template {
	name: string;
	language: string;
	variables?: unknown;
}

/** `template` only on template messages: the contract's fields cannot say which template was sent. */
export type Message = BroteMessage & { template?: Template };

export interface PaymentLink {
	id: string;
	url: string;
	amount: number;
	currency: string;
	description: string | null;
	contact_id: string;
	conversation_id: string;
	external_reference: string | null;
	status: 'pending' | 'paid';
	created_at: string;
}

/** The payment.received event's data, plus the link it paid and when. */
export type Payment = BrotePaymentReceived & {
	link_id: string;
	created_at: string;
};

export interface SeedCounts {
	contacts?: number;
	conversations?: number;
	tickets?: number;
}

/** Brote's in-memory data. Maps keep insertion order, which is the list order. */
export class BroteStore {
	readonly contacts = new Map<string, Contact>();
	readonly conversations = new Map<string, Conversation>();
	readonly messages = new Map<string, Message>();
	readonly tickets = new Map<string, Ticket>();
	readonly paymentLinks = new Map<string, PaymentLink>();
	readonly payments = new Map<string, Payment>();
	readonly campaigns = new Map<string, Campaign>();

	/** Adds realistic records; conversations and tickets go to existing contacts (made if none). */
	seed(counts: SeedCounts): void {
		seedStore(this, counts);
	}

	/**
	 * How a bulk create of one contact per phone went: phones no contact holds (`lost`), and
	 * contacts beyond the first for a phone (`duplicated`).
	 */
	phoneTally(phones: Iterable<string>): { lost: number; duplicated: number } {
		const held = new Map<string, number>();
		for (const contact of this.contacts.values()) {
			held.set(contact.phone, (held.get(contact.phone) ?? 0) + 1);
		}
		let lost = 0;
		let duplicated = 0;
		for (const phone of new Set(phones)) {
			const count = held.get(phone) ?? 0;
			if (count === 0) lost++;
			duplicated += Math.max(0, count - 1);
		}
		return { lost, duplicated };
	}
}
