import type { EventCatalog, PlatformEvent } from '../platforms/types';

/** Visitors may stay anonymous, so every field is optional. */
export interface HornerossContact {
	email?: string;
	firstName?: string;
	phoneNumber?: string;
}

export interface HornerossConversationCreated {
	conversationId: string;
	channel: string;
	contact: HornerossContact;
}

export interface HornerossMessageCreated {
	conversationId: string;
	messageId: string;
	/** `user` for the visitor; the document shows no other value. */
	role: string;
	content: string;
	contact: HornerossContact;
}

export interface HornerossStatusChanged {
	conversationId: string;
	previousStatus: string;
	/** The document's CRM example closes a ticket on `resolved`. */
	newStatus: string;
}

export interface HornerossLeadCaptured {
	conversationId: string;
	contact: HornerossContact;
}

export interface HornerossEventData {
	'conversation.created': HornerossConversationCreated;
	'conversation.message.created': HornerossMessageCreated;
	'conversation.status.changed': HornerossStatusChanged;
	'lead.captured': HornerossLeadCaptured;
}

export type HornerossEvent = PlatformEvent<'horneross', HornerossEventData>;

export const hornerossEvents: EventCatalog<HornerossEventData> = {
	'conversation.created': {
		description: 'A visitor starts a new conversation with the assistant.',
		sample: {
			conversationId: 'conv_k2m9q4x7',
			channel: 'web',
			contact: {},
		},
	},
	'conversation.message.created': {
		description: 'A new message is posted in a conversation.',
		sample: {
			conversationId: 'conv_k2m9q4x7',
			messageId: 'msg_p8r3t6w1',
			role: 'user',
			content: 'Hola, necesito ayuda con la factura de mi último pedido',
			contact: { email: 'lucia.fernandez@ejemplo.com.ar' },
		},
	},
	'conversation.status.changed': {
		description: "A conversation's status changes, for example to resolved.",
		sample: {
			conversationId: 'conv_k2m9q4x7',
			previousStatus: 'open',
			newStatus: 'resolved',
		},
	},
	'lead.captured': {
		description: "The assistant captures a lead's contact details in a conversation.",
		sample: {
			conversationId: 'conv_k2m9q4x7',
			contact: {
				email: 'lucia.fernandez@ejemplo.com.ar',
				firstName: 'Lucía',
				phoneNumber: '+5491123456789',
			},
		},
	},
};
