import { randomBytes, randomUUID } from 'node:crypto';

/** The sandbox organization's pipeline and options: sandbox data, not Brote facts. */
export const TICKET_STAGES = [
	'new',
	'qualified',
	'proposal',
	'negotiation',
	'won',
	'lost',
] as const;
export const CURRENCIES = ['CLP', 'ARS', 'MXN', 'BRL', 'COP', 'PEN', 'UYU', 'USD'] as const;
export const CHANNELS = ['whatsapp', 'instagram', 'messenger', 'webchat'] as const;

/** A UUID, as the platforms' samples show; with a prefix, `<prefix>_<hex>` (wh_…, evt_…). */
export function newId(prefix?: string): string {
	return prefix ? `${prefix}_${randomBytes(10).toString('hex')}` : randomUUID();
}
