// Stands in for the services the example workflows post to: a Slack incoming webhook and a
// small CRM API. It records every request so the demo and the tests can show what arrived.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readBody } from '../../sandbox/server.mts';

export interface ReceivedRequest {
	method: string;
	path: string;
	body: unknown;
	status: number;
	at: string;
}

export interface CrmContact {
	id: string;
	external_id: string;
	name: string;
	phone: string;
	email: string | null;
	source: string;
}

export interface Receiver {
	baseUrl: string;
	/** Where the Slack example posts, in place of https://hooks.slack.com/services/…. */
	slackWebhookUrl: string;
	/** In place of https://crm.example.com/api. */
	crmBaseUrl: string;
	/** The header the CRM expects, and the CRM's webhook into n8n sends. */
	crmAuth: { name: string; value: string };
	slack: ReceivedRequest[];
	crm: ReceivedRequest[];
	crmContacts: Map<string, CrmContact>;
	crmDeals: Map<string, Record<string, unknown>>;
	close(): Promise<void>;
}

/** The body as JSON, or as text when it is not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
	const text = (await readBody(req)).toString('utf8');
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
}

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
	});
	res.end(text);
}

function text(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

export async function startReceiver(): Promise<Receiver> {
	const crmAuth = { name: 'Authorization', value: `Bearer crm-${randomBytes(12).toString('hex')}` };
	const slack: ReceivedRequest[] = [];
	const crm: ReceivedRequest[] = [];
	const crmContacts = new Map<string, CrmContact>();
	const crmDeals = new Map<string, Record<string, unknown>>();

	function crmAnswer(
		method: string,
		path: string,
		body: Record<string, unknown>,
	): [number, unknown] {
		if (method === 'POST' && path === '/crm/contacts') {
			const externalId = text(body.external_id);
			const existing = [...crmContacts.values()].find(
				(contact) => contact.external_id === externalId,
			);
			const contact: CrmContact = {
				id: existing?.id ?? `crm_${randomBytes(5).toString('hex')}`,
				external_id: externalId,
				name: text(body.name),
				phone: text(body.phone),
				email: text(body.email) || null,
				source: text(body.source),
			};
			crmContacts.set(contact.id, contact);
			return [existing ? 200 : 201, contact];
		}
		const deal = /^\/crm\/deals\/([^/]+)$/.exec(path);
		if (method === 'PATCH' && deal?.[1]) {
			const id = decodeURIComponent(deal[1]);
			const next = { ...crmDeals.get(id), ...body, id };
			crmDeals.set(id, next);
			return [200, next];
		}
		return [404, { error: `no CRM route ${method} ${path}` }];
	}

	const server = createServer((req, res) => {
		void (async () => {
			const method = req.method ?? 'GET';
			const path = new URL(req.url ?? '/', 'http://receiver').pathname;
			const body = await readJson(req);
			const at = new Date().toISOString();
			if (path.startsWith('/slack/')) {
				// Slack's incoming webhooks answer a plain "ok".
				const status = typeof (body as { text?: unknown })?.text === 'string' ? 200 : 400;
				slack.push({ method, path, body, status, at });
				send(res, status, status === 200 ? 'ok' : 'invalid_payload');
				return;
			}
			if (path.startsWith('/crm/')) {
				if (req.headers[crmAuth.name.toLowerCase()] !== crmAuth.value) {
					crm.push({ method, path, body, status: 401, at });
					send(res, 401, { error: 'invalid API key' });
					return;
				}
				const [status, answer] = crmAnswer(method, path, (body ?? {}) as Record<string, unknown>);
				crm.push({ method, path, body, status, at });
				send(res, status, answer);
				return;
			}
			send(res, 404, 'not found');
		})().catch((error: unknown) => send(res, 500, String(error)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl,
		slackWebhookUrl: `${baseUrl}/slack/services/T00000000/B00000000/DEMO`,
		crmBaseUrl: `${baseUrl}/crm`,
		crmAuth,
		slack,
		crm,
		crmContacts,
		crmDeals,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
