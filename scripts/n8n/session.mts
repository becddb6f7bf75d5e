// Logs in as the owner the way the editor does, and gets a public API key from that session.
import { randomUUID } from 'node:crypto';

import { requestJson } from './http.mts';

export interface Session {
	url: string;
	headers: Record<string, string>;
}

export async function login(url: string, email: string, password: string): Promise<Session> {
	// n8n binds the auth cookie to this header and rejects requests that change it.
	const browserId = randomUUID();
	const result = await requestJson(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'browser-id': browserId },
		body: { emailOrLdapLoginId: email, password },
	});
	const cookie = result.response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.find((pair) => pair?.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n login returned no n8n-auth cookie');
	return { url, headers: { cookie, 'browser-id': browserId } };
}

/**
 * Logs in as the owner. n8n before 2.20 ignores the N8N_INSTANCE_OWNER_* variables: there the
 * first login fails and the owner is set up the way the editor's first screen does it.
 */
export async function ownerSession(
	url: string,
	owner: { email: string; password: string },
): Promise<Session> {
	try {
		return await login(url, owner.email, owner.password);
	} catch (error) {
		const setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: owner.email,
				firstName: 'Conversa',
				lastName: 'Owner',
				password: owner.password,
			}),
		});
		await setup.arrayBuffer();
		if (!setup.ok) throw error;
		return await login(url, owner.email, owner.password);
	}
}

export async function createApiKey(session: Session): Promise<string> {
	const { url, headers } = session;
	// The scopes an owner may grant differ between n8n versions; ask rather than hard-code.
	const scopes = await requestJson<{ data: string[] }>(`${url}/rest/api-keys/scopes`, { headers });
	const created = await requestJson<{ data: { rawApiKey: string } }>(`${url}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: { label: 'conversa-e2e', scopes: scopes.body.data, expiresAt: null },
	});
	return created.body.data.rawApiKey;
}

// The node types the editor offers, community packages included.
export async function nodeTypeNames(session: Session): Promise<string[]> {
	const types = await requestJson<Array<{ name: string }>>(`${session.url}/types/nodes.json`, {
		headers: session.headers,
	});
	return [...new Set(types.body.map((type) => type.name))];
}

/** A call to the editor's own REST API (/rest), as the logged-in owner; never throws on a status. */
export async function editorRequest(
	session: Session,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${session.url}/rest${path}`, {
		method,
		headers: {
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...session.headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		// Not JSON: the text itself is the answer.
	}
	return { status: response.status, body: parsed };
}
