// Building blocks for the tests against a real n8n: workflow JSON, and executions read back
// through n8n's public API.
import { setTimeout as sleep } from 'node:timers/promises';

import type { Execution, N8nServer } from '../../scripts/n8n/server.mts';
import {
	triggerWorkflow as singleTrigger,
	type CredentialRef,
	type SingleTrigger,
} from '../../scripts/n8n/workflow-json.mts';

export type { ChainNode, CredentialRef } from '../../scripts/n8n/workflow-json.mts';

/** A workflow that is just one of this package's trigger nodes. */
export function triggerWorkflow(
	name: string,
	type: string,
	credential: { type: string; ref: CredentialRef },
	parameters: Record<string, unknown>,
): SingleTrigger {
	return singleTrigger(
		name,
		`n8n-nodes-conversa.${type}`,
		{ options: {}, ...parameters },
		{ [credential.type]: credential.ref },
	);
}

/** Whether n8n is done with an execution, whatever its outcome. */
export function finished(execution: Execution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status);
}

/**
 * A workflow's executions once `expected` of them have finished, read again after `settleMs`
 * so that an extra one (the run a duplicate must not start) would be seen too.
 */
export async function executionsOf(
	n8n: N8nServer,
	workflowId: string,
	expected: number,
	{ settleMs = 1500, timeoutMs = 30_000 } = {},
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await n8n.executions(workflowId);
		if (list.filter(finished).length >= expected) break;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${list.length} executions after ${timeoutMs} ms, expected ${expected}`,
			);
		}
		await sleep(200);
	}
	await sleep(settleMs);
	return (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}
