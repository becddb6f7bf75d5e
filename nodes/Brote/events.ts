import type { EventCatalog, PlatformEvent } from '../platforms/types';

/*
 * Only payment.received has a documented payload. The other payloads embed the objects of the
 * assumed REST contract (docs/platforms.md), so an event and the API agree on every field.
 */

export interface BroteContact {
	id: string;
	name: string;
	/** E.164. */
	phone: string;
	email: string | null;
	tags: string[];
	custom_fields: Record<string, string | number | boolean | null>;
	opted_out: boolean;
	created_at: string;
	updated_at: string;
}

export interface BroteConversation {
	id: string;
	contact_id: string;
	channel: string;
	status: 'open' | 'closed';
	/** User id of the agent, or null while the AI or nobody handles it. */
	assigned_to: string | null;
	created_at: string;
	updated_at: string;
}

export interface BroteMessage {
	id: string;
	conversation_id: string;
	direction: 'inbound' | 'outbound';
	type: 'text' | 'image' | 'document' | 'template';
	text: string | null;
	media_url: string | null;
	status: string;
	created_at: string;
}

export interface BroteTicket {
	id: string;
	contact_id: string;
	conversation_id: string;
	title: string;
	stage: string;
	/** Minor units of `currency`. */
	value: number;
	currency: string;
	status: 'open' | 'won' | 'lost';
	created_at: string;
	updated_at: string;
}

export interface BroteCampaign {
	id: string;
	name: string;
	channel: string;
	message: string;
	audience: { tags: string[]; contact_ids: string[] };
	scheduled_at: string | null;
	status: 'draft' | 'scheduled' | 'sending' | 'completed';
	created_at: string;
}

/** The contact as the documented payment.received payload embeds it. */
export interface BroteContactSummary {
	name: string;
	phone: string;
	email: string | null;
}

export interface BroteConversationCreated {
	conversation: BroteConversation;
	contact: BroteContact;
}

export interface BroteConversationUpdated {
	conversation: BroteConversation;
	changed_fields: string[];
}

export interface BroteConversationClosed {
	conversation: BroteConversation;
	/** User id of the agent who closed it, or null when it closed on its own. */
	closed_by: string | null;
}

export interface BroteMessageReceived {
	message: BroteMessage;
	contact: BroteContact;
}

export interface BroteMessageSent {
	message: BroteMessage;
	contact: BroteContact;
	/** User id of the agent, or null for the AI agent, a campaign or the API. */
	sent_by: string | null;
}

export interface BroteContactCreated {
	contact: BroteContact;
}

export interface BroteContactUpdated {
	contact: BroteContact;
	changed_fields: string[];
}

export interface BroteContactOptedOut {
	contact: BroteContact;
	channel: string;
	reason: string | null;
}

export interface BroteTicketCreated {
	ticket: BroteTicket;
	contact: BroteContact;
}

export interface BroteTicketStageChanged {
	ticket: BroteTicket;
	from_stage: string;
	to_stage: string;
	changed_by: string | null;
}

export interface BroteTicketWon {
	ticket: BroteTicket;
}

export interface BroteTicketLost {
	ticket: BroteTicket;
	lost_reason: string | null;
}

export interface BroteLeadQualified {
	contact_id: string;
	conversation_id: string;
	contact: BroteContactSummary;
	/** 0 to 100. */
	score: number;
	qualified_by: 'ai' | 'agent';
	summary: string;
}

export interface BrotePaymentReceived {
	payment_id: string;
	/** Minor units of `currency` (CLP has none: 49000 is CLP 49.000). */
	amount: number;
	currency: string;
	conversation_id: string;
	contact_id: string;
	contact: BroteContactSummary;
	/** The reference given when the payment link was created; null when none was. */
	external_reference: string | null;
}

export interface BroteCampaignCompleted {
	campaign: BroteCampaign;
	stats: {
		recipients: number;
		sent: number;
		delivered: number;
		read: number;
		replied: number;
		failed: number;
	};
}

export interface BroteAgentHandoff {
	conversation: BroteConversation;
	contact: BroteContact;
	reason: string;
	/** The AI agent's summary of the conversation so far, for the human who takes over. */
	summary: string;
}

export interface BroteEventData {
	'conversation.created': BroteConversationCreated;
	'conversation.updated': BroteConversationUpdated;
	'conversation.closed': BroteConversationClosed;
	'message.received': BroteMessageReceived;
	'message.sent': BroteMessageSent;
	'contact.created': BroteContactCreated;
	'contact.updated': BroteContactUpdated;
	'contact.opted_out': BroteContactOptedOut;
	'ticket.created': BroteTicketCreated;
	'ticket.stage_changed': BroteTicketStageChanged;
	'ticket.won': BroteTicketWon;
	'ticket.lost': BroteTicketLost;
	'lead.qualified': BroteLeadQualified;
	'payment.received': BrotePaymentReceived;
	'campaign.completed': BroteCampaignCompleted;
	'agent.handoff': BroteAgentHandoff;
}

/** Brote's envelope field beyond event, timestamp and data, in every Brote item. */
export interface BroteEnvelope {
	/** `organization_id` of the envelope: which Brote organization sent the event. */
	organizationId: string | null;
}

export type BroteEvent = PlatformEvent<'brote', BroteEventData, BroteEnvelope>;

const MARIA_ID = 'abf7dca8-148e-4e26-a2b6-2d8c9ea8fd17';
const CONVERSATION_ID = 'c7fbfd0a-8356-4f08-806d-c5af086bcfa1';
const TICKET_ID = 'c04f73cc-5ed9-416e-8bbc-dc15e58767f3';
const AGENT_ID = 'b02ad392-ee85-4afe-b169-b13fe5380561';

const maria: BroteContact = {
	id: MARIA_ID,
	name: 'María González',
	phone: '+56987654321',
	email: 'maria@ejemplo.cl',
	tags: ['cliente', 'santiago'],
	custom_fields: { rut: '15.432.876-5', comuna: 'Providencia' },
	opted_out: false,
	created_at: '2026-05-12T14:05:11.000Z',
	updated_at: '2026-05-19T10:02:37.000Z',
};

const conversation: BroteConversation = {
	id: CONVERSATION_ID,
	contact_id: MARIA_ID,
	channel: 'whatsapp',
	status: 'open',
	assigned_to: null,
	created_at: '2026-05-19T09:58:02.000Z',
	updated_at: '2026-05-19T09:58:02.000Z',
};

const ticket: BroteTicket = {
	id: TICKET_ID,
	contact_id: MARIA_ID,
	conversation_id: CONVERSATION_ID,
	title: 'Plan Anual Pilates - María González',
	stage: 'propuesta_enviada',
	value: 49000,
	currency: 'CLP',
	status: 'open',
	created_at: '2026-05-19T10:04:50.000Z',
	updated_at: '2026-05-19T10:12:18.000Z',
};

export const broteEvents: EventCatalog<BroteEventData> = {
	'conversation.created': {
		description: 'A contact starts a new conversation on any connected channel.',
		sample: { conversation, contact: maria },
	},
	'conversation.updated': {
		description: 'A conversation changes, for example its assigned agent.',
		sample: {
			conversation: {
				...conversation,
				assigned_to: AGENT_ID,
				updated_at: '2026-05-19T10:01:44.000Z',
			},
			changed_fields: ['assigned_to'],
		},
	},
	'conversation.closed': {
		description: 'A conversation is closed by an agent or by inactivity.',
		sample: {
			conversation: {
				...conversation,
				status: 'closed',
				assigned_to: AGENT_ID,
				updated_at: '2026-05-19T10:41:09.000Z',
			},
			closed_by: AGENT_ID,
		},
	},
	'message.received': {
		description: 'A contact sends an inbound message.',
		sample: {
			message: {
				id: '2faacff4-d26b-489b-91ca-dca67ffcaca1',
				conversation_id: CONVERSATION_ID,
				direction: 'inbound',
				type: 'text',
				text: 'Hola, ¿el plan anual de pilates incluye clases los sábados?',
				media_url: null,
				status: 'received',
				created_at: '2026-05-19T09:58:02.000Z',
			},
			contact: maria,
		},
	},
	'message.sent': {
		description: 'An outbound message is sent by an agent, the AI agent, a campaign or the API.',
		sample: {
			message: {
				id: 'a5360a1a-8431-4b6a-9b2d-c7a4edf963b2',
				conversation_id: CONVERSATION_ID,
				direction: 'outbound',
				type: 'text',
				text: '¡Hola María! Sí, el plan anual incluye clases de lunes a sábado. Te envío el link de pago.',
				media_url: null,
				status: 'sent',
				created_at: '2026-05-19T09:58:40.000Z',
			},
			contact: maria,
			sent_by: null,
		},
	},
	'contact.created': {
		description: 'A new contact is added, from a first message, an import or the API.',
		sample: {
			contact: {
				id: '48f5985f-eca8-4484-9fa4-0ade93d09e83',
				name: 'Joaquín Muñoz',
				phone: '+56912345678',
				email: null,
				tags: [],
				custom_fields: {},
				opted_out: false,
				created_at: '2026-05-19T11:20:03.000Z',
				updated_at: '2026-05-19T11:20:03.000Z',
			},
		},
	},
	'contact.updated': {
		description: "A contact's fields, tags or custom fields change.",
		sample: {
			contact: {
				...maria,
				tags: ['cliente', 'santiago', 'plan_anual'],
				updated_at: '2026-05-19T10:24:02.000Z',
			},
			changed_fields: ['tags'],
		},
	},
	'contact.opted_out': {
		description: 'A contact asks to stop receiving messages; campaigns skip them from now on.',
		sample: {
			contact: {
				...maria,
				id: 'e5633f2d-433a-447a-b3a2-2c42fe8baa61',
				name: 'Catalina Rojas',
				phone: '+56955512034',
				email: 'catarojas@gmail.com',
				tags: ['lead'],
				custom_fields: {},
				opted_out: true,
				updated_at: '2026-05-20T16:47:30.000Z',
			},
			channel: 'whatsapp',
			reason: 'Respondió "BAJA" a una campaña',
		},
	},
	'ticket.created': {
		description: 'A sales ticket (deal) is opened in the pipeline.',
		sample: {
			ticket: { ...ticket, stage: 'nuevo', updated_at: ticket.created_at },
			contact: maria,
		},
	},
	'ticket.stage_changed': {
		description: 'A ticket moves to another pipeline stage.',
		sample: { ticket, from_stage: 'nuevo', to_stage: 'propuesta_enviada', changed_by: AGENT_ID },
	},
	'ticket.won': {
		description: 'A ticket is marked as won.',
		sample: {
			ticket: { ...ticket, stage: 'ganado', status: 'won', updated_at: '2026-05-19T10:23:46.000Z' },
		},
	},
	'ticket.lost': {
		description: 'A ticket is marked as lost, with the reason when one was given.',
		sample: {
			ticket: {
				...ticket,
				id: '4c814c9f-b75c-41dc-9001-e5fa0a21fb26',
				title: 'Membresía Trimestral - Sofía Fernández',
				contact_id: '42658001-8a35-407d-8247-f761d455d473',
				conversation_id: 'f7c91dc7-3d57-4b5a-bcce-1fe7787bf378',
				stage: 'perdido',
				value: 8990000,
				currency: 'ARS',
				status: 'lost',
				updated_at: '2026-05-21T18:02:11.000Z',
			},
			lost_reason: 'Eligió otro gimnasio más cerca de su casa',
		},
	},
	'lead.qualified': {
		description: 'The AI agent or an agent marks a contact as a qualified lead.',
		sample: {
			contact_id: MARIA_ID,
			conversation_id: CONVERSATION_ID,
			contact: { name: maria.name, phone: maria.phone, email: maria.email },
			score: 86,
			qualified_by: 'ai',
			summary: 'Quiere el plan anual de pilates, presupuesto confirmado, puede pagar hoy.',
		},
	},
	'payment.received': {
		description: 'A Mercado Pago payment from a payment link is confirmed.',
		sample: {
			payment_id: 'mp_payment_81234567890',
			amount: 49000,
			currency: 'CLP',
			conversation_id: CONVERSATION_ID,
			contact_id: MARIA_ID,
			contact: { name: maria.name, phone: maria.phone, email: maria.email },
			external_reference: TICKET_ID,
		},
	},
	'campaign.completed': {
		description: 'A campaign finishes sending to its whole audience.',
		sample: {
			campaign: {
				id: 'c98f5460-4f46-4d61-a649-acd44bdf977e',
				name: 'Cyber Day Mayo 2026',
				channel: 'whatsapp',
				message:
					'Hola {{nombre}}, este Cyber Day tu plan anual tiene 30% de descuento. ¿Te lo reservo?',
				audience: { tags: ['cliente'], contact_ids: [] },
				scheduled_at: '2026-05-25T13:00:00.000Z',
				status: 'completed',
				created_at: '2026-05-22T15:31:08.000Z',
			},
			stats: { recipients: 1840, sent: 1832, delivered: 1795, read: 1411, replied: 238, failed: 8 },
		},
	},
	'agent.handoff': {
		description: 'The AI agent hands a conversation over to a human agent.',
		sample: {
			conversation: {
				...conversation,
				assigned_to: AGENT_ID,
				updated_at: '2026-05-19T10:01:44.000Z',
			},
			contact: maria,
			reason: 'La clienta pidió hablar con una persona',
			summary: 'Consulta por plan anual de pilates con clases los sábados; quiere pagar en cuotas.',
		},
	},
};
