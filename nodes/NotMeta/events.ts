import type { EventCatalog, PlatformEvent } from '../platforms/types';

/*
 * message.received, conversation.assigned and webhook.verified are documented; the others
 * follow their nesting: `conversation`, `message` and `user` objects under data.
 */

export interface NotMetaMessage {
	id: string;
	conversation_id: string;
	/** Phone numbers in digits only, as the document writes them. */
	from: string;
	to: string;
	type: string;
	text: string;
	timestamp: string;
}

/** A delivery-status update names the message and its new status only. */
export interface NotMetaMessageStatus {
	id: string;
	conversation_id: string;
	status: 'delivered' | 'read' | 'failed';
	timestamp: string;
}

export interface NotMetaConversation {
	id: string;
	status: string;
	assigned_to: string | null;
	created_at: string;
}

export interface NotMetaUser {
	id: string;
	name: string;
	email: string;
	role: string;
}

export interface NotMetaConversationCreated {
	conversation: NotMetaConversation;
}

export interface NotMetaConversationAssigned {
	conversation: { id: string; status: string; assigned_to: string; assigned_at: string };
	user: NotMetaUser;
}

export interface NotMetaConversationUnassigned {
	conversation: { id: string; status: string; assigned_to: null; unassigned_at: string };
	/** The user the conversation was taken from. */
	user: NotMetaUser;
}

export interface NotMetaConversationClosed {
	conversation: { id: string; status: string; assigned_to: string | null; closed_at: string };
	/** Who closed it, or null when it closed on its own. */
	user: NotMetaUser | null;
}

export interface NotMetaConversationReopened {
	conversation: { id: string; status: string; assigned_to: string | null; reopened_at: string };
}

export interface NotMetaMessageReceived {
	message: NotMetaMessage;
	conversation: NotMetaConversation;
}

export interface NotMetaMessageSent {
	message: NotMetaMessage;
	conversation: NotMetaConversation;
	/** The agent who sent it, or null for an automation or the API. */
	user: NotMetaUser | null;
}

export interface NotMetaMessageDelivered {
	message: NotMetaMessageStatus;
}

export interface NotMetaMessageRead {
	message: NotMetaMessageStatus;
}

export interface NotMetaMessageFailed {
	message: NotMetaMessageStatus;
	error: { code: string; message: string };
}

export interface NotMetaUserChanged {
	user: NotMetaUser & { created_at: string; updated_at: string };
}

export interface NotMetaUserDeleted {
	user: NotMetaUser & { deleted_at: string };
}

export interface NotMetaUserPresence {
	user: NotMetaUser & { status: 'online' | 'offline'; changed_at: string };
}

export interface NotMetaWebhookVerified {
	webhook_id: string;
	challenge: string;
}

export interface NotMetaWebhookFailed {
	webhook_id: string;
	url: string;
	event_id: string;
	attempts: number;
	/** Null when the endpoint never answered (timeout, refused connection). */
	last_status_code: number | null;
	error: string;
	failed_at: string;
}

export interface NotMetaEventData {
	'conversation.created': NotMetaConversationCreated;
	'conversation.assigned': NotMetaConversationAssigned;
	'conversation.unassigned': NotMetaConversationUnassigned;
	'conversation.closed': NotMetaConversationClosed;
	'conversation.reopened': NotMetaConversationReopened;
	'message.received': NotMetaMessageReceived;
	'message.sent': NotMetaMessageSent;
	'message.delivered': NotMetaMessageDelivered;
	'message.read': NotMetaMessageRead;
	'message.failed': NotMetaMessageFailed;
	'user.created': NotMetaUserChanged;
	'user.updated': NotMetaUserChanged;
	'user.deleted': NotMetaUserDeleted;
	'user.online': NotMetaUserPresence;
	'user.offline': NotMetaUserPresence;
	'webhook.verified': NotMetaWebhookVerified;
	'webhook.failed': NotMetaWebhookFailed;
}

export type NotMetaEvent = PlatformEvent<'notmeta', NotMetaEventData>;

const juan: NotMetaUser = {
	id: 'user_123456789',
	name: 'Juan Pérez',
	email: 'juan@empresa.com',
	role: 'agent',
};

const conversation: NotMetaConversation = {
	id: 'conv_123456789',
	status: 'open',
	assigned_to: null,
	created_at: '2024-01-01T11:55:00Z',
};

const inbound: NotMetaMessage = {
	id: 'msg_123456789',
	conversation_id: 'conv_123456789',
	from: '5491155550123',
	to: '5491140001234',
	type: 'text',
	text: 'Hola, necesito ayuda',
	timestamp: '2024-01-01T12:00:00Z',
};

const outbound: NotMetaMessage = {
	id: 'msg_123456790',
	conversation_id: 'conv_123456789',
	from: '5491140001234',
	to: '5491155550123',
	type: 'text',
	text: '¡Hola Valentina! Soy Juan, ¿en qué te puedo ayudar?',
	timestamp: '2024-01-01T12:06:12Z',
};

export const notmetaEvents: EventCatalog<NotMetaEventData> = {
	'conversation.created': {
		description: 'A new conversation is created.',
		sample: { conversation },
	},
	'conversation.assigned': {
		description: 'A conversation is assigned to a user.',
		sample: {
			conversation: {
				id: 'conv_123456789',
				status: 'assigned',
				assigned_to: 'user_123456789',
				assigned_at: '2024-01-01T12:05:00Z',
			},
			user: juan,
		},
	},
	'conversation.unassigned': {
		description: 'A conversation is taken away from its user.',
		sample: {
			conversation: {
				id: 'conv_123456789',
				status: 'open',
				assigned_to: null,
				unassigned_at: '2024-01-01T12:30:00Z',
			},
			user: juan,
		},
	},
	'conversation.closed': {
		description: 'A conversation is closed.',
		sample: {
			conversation: {
				id: 'conv_123456789',
				status: 'closed',
				assigned_to: 'user_123456789',
				closed_at: '2024-01-01T12:20:41Z',
			},
			user: juan,
		},
	},
	'conversation.reopened': {
		description: 'A closed conversation is reopened.',
		sample: {
			conversation: {
				id: 'conv_123456789',
				status: 'open',
				assigned_to: 'user_123456789',
				reopened_at: '2024-01-02T09:14:03Z',
			},
		},
	},
	'message.received': {
		description: 'A new inbound message is received.',
		sample: { message: inbound, conversation },
	},
	'message.sent': {
		description: 'An outbound message is sent.',
		sample: {
			message: outbound,
			conversation: { ...conversation, status: 'assigned', assigned_to: juan.id },
			user: juan,
		},
	},
	'message.delivered': {
		description: 'An outbound message reaches the recipient.',
		sample: {
			message: {
				id: outbound.id,
				conversation_id: outbound.conversation_id,
				status: 'delivered',
				timestamp: '2024-01-01T12:06:14Z',
			},
		},
	},
	'message.read': {
		description: 'The recipient reads an outbound message.',
		sample: {
			message: {
				id: outbound.id,
				conversation_id: outbound.conversation_id,
				status: 'read',
				timestamp: '2024-01-01T12:07:02Z',
			},
		},
	},
	'message.failed': {
		description: 'An outbound message could not be sent.',
		sample: {
			message: {
				id: 'msg_123456791',
				conversation_id: outbound.conversation_id,
				status: 'failed',
				timestamp: '2024-01-01T12:08:30Z',
			},
			error: {
				code: 'window_expired',
				message: 'The 24-hour customer service window is closed; send a template instead.',
			},
		},
	},
	'user.created': {
		description: 'A new user (agent or admin) is created.',
		sample: {
			user: {
				id: 'user_123456795',
				name: 'Camila Torres',
				email: 'camila.torres@empresa.com',
				role: 'agent',
				created_at: '2024-01-03T13:00:00Z',
				updated_at: '2024-01-03T13:00:00Z',
			},
		},
	},
	'user.updated': {
		description: "A user's profile or role is updated.",
		sample: {
			user: {
				...juan,
				role: 'supervisor',
				created_at: '2023-11-20T15:42:10Z',
				updated_at: '2024-01-04T10:15:00Z',
			},
		},
	},
	'user.deleted': {
		description: 'A user is deleted.',
		sample: {
			user: {
				id: 'user_123456795',
				name: 'Camila Torres',
				email: 'camila.torres@empresa.com',
				role: 'agent',
				deleted_at: '2024-02-01T18:30:00Z',
			},
		},
	},
	'user.online': {
		description: 'A user comes online.',
		sample: { user: { ...juan, status: 'online', changed_at: '2024-01-01T08:59:12Z' } },
	},
	'user.offline': {
		description: 'A user goes offline.',
		sample: { user: { ...juan, status: 'offline', changed_at: '2024-01-01T18:03:47Z' } },
	},
	'webhook.verified': {
		description:
			'Sent right after a webhook is created; answer 200 with the challenge to activate it.',
		sample: { webhook_id: 'wh_123456789', challenge: 'challenge_string_123' },
	},
	'webhook.failed': {
		description: 'A delivery to this webhook failed after all its retries.',
		sample: {
			webhook_id: 'wh_123456789',
			url: 'https://n8n.empresa.com/webhook/notmeta',
			event_id: 'evt_123456801',
			attempts: 5,
			last_status_code: 503,
			error: 'Service Unavailable',
			failed_at: '2024-01-01T13:22:00Z',
		},
	},
};
