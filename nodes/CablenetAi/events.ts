import type { EventCatalog, PlatformEvent } from '../platforms/types';

/* Every payload below is the document's, field for field. */

/** The document lists USD, DOP, EUR and MXN, "and more". */
export type CablenetAICurrency = string;

export interface CablenetAILeadCreated {
	id: string;
	org_id: string;
	/** `meta`, `whatsapp`, `form`, `portal:<id>` or `import`. */
	source: string;
	name: string;
	/** E.164. */
	phone: string | null;
	email: string | null;
	property_id: string | null;
	created_at: string;
}

export interface CablenetAILeadStatusChanged {
	id: string;
	from_status: string;
	to_status: string;
	/** User id. */
	changed_by: string;
	changed_at: string;
}

export interface CablenetAIContractSigned {
	id: string;
	contract_number: string;
	property_id: string;
	buyer_id: string;
	total_amount: number;
	currency: CablenetAICurrency;
	signed_at: string;
	/** A signed URL, valid for 24 h. */
	pdf_url: string;
}

export interface CablenetAIPaymentReceived {
	id: string;
	contract_id: string;
	installment_id: string | null;
	amount: number;
	currency: CablenetAICurrency;
	method: 'stripe' | 'cardnet' | 'azul' | 'transfer' | 'cash';
	received_at: string;
}

export interface CablenetAIAppointmentScheduled {
	id: string;
	type: 'visit' | 'meeting' | 'call';
	starts_at: string;
	property_id: string | null;
	contact_id: string;
}

export interface CablenetAIMlsCollaborationCreated {
	id: string;
	listing_id: string;
	requesting_agency_id: string;
	/** 0 to 100. */
	split_pct: number;
	created_at: string;
}

export interface CablenetAIEventData {
	'lead.created': CablenetAILeadCreated;
	'lead.status_changed': CablenetAILeadStatusChanged;
	'contract.signed': CablenetAIContractSigned;
	'payment.received': CablenetAIPaymentReceived;
	'appointment.scheduled': CablenetAIAppointmentScheduled;
	'mls.collaboration.created': CablenetAIMlsCollaborationCreated;
}

export type CablenetAIEvent = PlatformEvent<'cablenetai', CablenetAIEventData>;

/**
 * The assumed envelope. The type may come as `event` instead of `type`, or only in the
 * X-CablenetAI-Event header.
 */
const ORG_ID = '0305a23e-a1c5-45ab-b6fa-4c368f46d676';
const LEAD_ID = '796bfb07-e049-4c60-89db-081cac99094a';
const PROPERTY_ID = 'd8bcaa3f-a6a5-4697-95f1-8e205c790613';
const CONTRACT_ID = '410ab3fa-684d-44d8-85c5-3bf795fcdfec';

export const cablenetaiEvents: EventCatalog<CablenetAIEventData> = {
	'lead.created': {
		description:
			'A new lead arrives from Meta Lead Ads, WhatsApp, a form, a property portal or an import.',
		sample: {
			id: LEAD_ID,
			org_id: ORG_ID,
			source: 'whatsapp',
			name: 'José Ramírez',
			phone: '+18095551234',
			email: 'jose.ramirez@gmail.com',
			property_id: PROPERTY_ID,
			created_at: '2026-03-10T14:22:05Z',
		},
	},
	'lead.status_changed': {
		description: 'A lead moves to another stage of the pipeline.',
		sample: {
			id: LEAD_ID,
			from_status: 'contactado',
			to_status: 'visita_agendada',
			changed_by: 'f0ef9d19-bc50-4414-a833-fe764742e218',
			changed_at: '2026-03-11T09:40:12Z',
		},
	},
	'contract.signed': {
		description: 'Every party has signed a digital contract.',
		sample: {
			id: CONTRACT_ID,
			contract_number: 'CV-2026-0142',
			property_id: PROPERTY_ID,
			buyer_id: LEAD_ID,
			total_amount: 8950000,
			currency: 'DOP',
			signed_at: '2026-04-02T16:05:44Z',
			pdf_url: `https://files.cablenet.ai/contracts/${CONTRACT_ID}.pdf?expires=1775232344&signature=9f2c41d0`,
		},
	},
	'payment.received': {
		description: 'A payment is confirmed (Stripe, Cardnet, Azul or a manual transfer).',
		sample: {
			id: 'd24514ea-3936-4962-96fc-24bfb1aca3bc',
			contract_id: CONTRACT_ID,
			installment_id: 'c609bd33-309c-415a-a215-9274a9e260ec',
			amount: 895000,
			currency: 'DOP',
			method: 'cardnet',
			received_at: '2026-04-05T13:18:27Z',
		},
	},
	'appointment.scheduled': {
		description: 'A property visit, meeting or call is scheduled.',
		sample: {
			id: '5e12cd4d-1b89-4f6c-9c1e-0ce3ca891b6d',
			type: 'visit',
			starts_at: '2026-03-14T15:00:00Z',
			property_id: PROPERTY_ID,
			contact_id: LEAD_ID,
		},
	},
	'mls.collaboration.created': {
		description: 'An agent of the MLS network asks to collaborate on a listing.',
		sample: {
			id: '813ac545-f383-4d44-8892-52c9279e23fd',
			listing_id: PROPERTY_ID,
			requesting_agency_id: 'fd762cfa-cef5-4bd6-afa4-5da0ce7cafec',
			split_pct: 50,
			created_at: '2026-03-12T18:30:00Z',
		},
	},
};
