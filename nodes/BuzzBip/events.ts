import type { EventCatalog, PlatformEvent } from '../platforms/types';

/*
 * Only message.received has a documented payload; the others follow its camelCase ids
 * (`evt_`, `msg_`, `conv_`, `cnt_`) and flat shape.
 */

export interface BuzzBipMessageReceived {
	messageId: string;
	conversationId: string;
	contactId: string;
	channel: string;
	body: string;
	/** E.164. */
	from: string;
}

export interface BuzzBipMessageSent {
	messageId: string;
	conversationId: string;
	contactId: string;
	channel: string;
	body: string;
	/** E.164. */
	to: string;
	deliveredAt: string;
}

export interface BuzzBipMessageFailed {
	messageId: string;
	conversationId: string;
	contactId: string;
	channel: string;
	to: string;
	error: { code: string; message: string };
}

export interface BuzzBipConversationOpened {
	conversationId: string;
	contactId: string;
	channel: string;
	assigneeId: string | null;
	openedAt: string;
}

export interface BuzzBipConversationResolved {
	conversationId: string;
	contactId: string;
	channel: string;
	/** The agent who resolved it, or null for an automation. */
	resolvedBy: string | null;
	resolvedAt: string;
}

export interface BuzzBipContact {
	contactId: string;
	name: string;
	/** E.164. */
	phone: string | null;
	email: string | null;
	tags: string[];
	attributes: Record<string, string | number | boolean | null>;
}

export interface BuzzBipContactCreated extends BuzzBipContact {
	source: string;
}

export interface BuzzBipContactUpdated extends BuzzBipContact {
	updatedFields: string[];
}

export interface BuzzBipWorkflowTriggered {
	workflowId: string;
	workflowName: string;
	runId: string;
	trigger: 'api' | 'automation';
	contactId: string | null;
	conversationId: string | null;
	variables: Record<string, string>;
}

export interface BuzzBipEventData {
	'message.received': BuzzBipMessageReceived;
	'message.sent': BuzzBipMessageSent;
	'message.failed': BuzzBipMessageFailed;
	'conversation.opened': BuzzBipConversationOpened;
	'conversation.resolved': BuzzBipConversationResolved;
	'contact.created': BuzzBipContactCreated;
	'contact.updated': BuzzBipContactUpdated;
	'workflow.triggered': BuzzBipWorkflowTriggered;
}

export type BuzzBipEvent = PlatformEvent<'buzzbip', BuzzBipEventData>;

const ana: BuzzBipContact = {
	contactId: 'cnt_def456',
	name: 'Ana Sofía Hernández',
	phone: '+5215512345678',
	email: 'anasofia.hdz@outlook.com',
	tags: ['cliente', 'cdmx'],
	attributes: { ultimoPedido: 'PED-4521', totalCompras: 3 },
};

export const buzzbipEvents: EventCatalog<BuzzBipEventData> = {
	'message.received': {
		description: 'A contact sends an inbound message.',
		sample: {
			messageId: 'msg_abc123',
			conversationId: 'conv_xyz789',
			contactId: 'cnt_def456',
			channel: 'whatsapp',
			body: 'Hola, necesito ayuda con mi pedido PED-4521',
			from: '+5215512345678',
		},
	},
	'message.sent': {
		description: 'An outbound message is delivered.',
		sample: {
			messageId: 'msg_abc124',
			conversationId: 'conv_xyz789',
			contactId: 'cnt_def456',
			channel: 'whatsapp',
			body: '¡Hola Ana Sofía! Tu pedido PED-4521 salió hoy y llega mañana antes de las 14:00.',
			to: '+5215512345678',
			deliveredAt: '2026-06-01T14:33:10Z',
		},
	},
	'message.failed': {
		description: 'An outbound message could not be delivered.',
		sample: {
			messageId: 'msg_abc125',
			conversationId: 'conv_xyz790',
			contactId: 'cnt_ghi012',
			channel: 'whatsapp',
			to: '+5215598765432',
			error: {
				code: 'recipient_unreachable',
				message: 'The number is not on WhatsApp or has blocked the business.',
			},
		},
	},
	'conversation.opened': {
		description: 'A new conversation is opened.',
		sample: {
			conversationId: 'conv_xyz789',
			contactId: 'cnt_def456',
			channel: 'whatsapp',
			assigneeId: null,
			openedAt: '2026-06-01T14:32:00Z',
		},
	},
	'conversation.resolved': {
		description: 'A conversation is marked as resolved.',
		sample: {
			conversationId: 'conv_xyz789',
			contactId: 'cnt_def456',
			channel: 'whatsapp',
			resolvedBy: 'usr_4k8m2p',
			resolvedAt: '2026-06-01T14:51:37Z',
		},
	},
	'contact.created': {
		description: 'A new contact is added to the Audience.',
		sample: { ...ana, source: 'whatsapp' },
	},
	'contact.updated': {
		description: "A contact's fields or tags are updated.",
		sample: { ...ana, tags: ['cliente', 'cdmx', 'vip'], updatedFields: ['tags'] },
	},
	'workflow.triggered': {
		description: 'A workflow is started through the API or an automation.',
		sample: {
			workflowId: 'wf_carrito_abandonado',
			workflowName: 'Recuperar carrito abandonado',
			runId: 'run_9d3f7a21',
			trigger: 'automation',
			contactId: 'cnt_def456',
			conversationId: null,
			variables: { carritoTotal: 'MXN 1,349.00', cupon: 'VUELVE10' },
		},
	},
};
