import type {
	BroteCampaign,
	BroteContact,
	BroteConversation,
	BroteMessage,
	BrotePaymentReceived,
	BroteTicket,
} from '../nodes/platforms/brote/events.ts';
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
}
