// Proves the real-n8n harness itself: install, boot with this package linked, activate
// a workflow of n8n's built-in Webhook node both ways, read executions back, stop.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { ensureN8n } from '../../scripts/n8n/install.mts';
import { PACKAGE_NAME, startN8n, type N8nServer, type WorkflowJson } from '../../scripts/n8n/server.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

// The type names the built package declares, read from `dist` as n8n itself would.
function declaredNodeTypes(): string[] {
	const manifest = require(join(packageDir, 'package.json')) as { n8n?: { nodes?: string[] } };
	return (manifest.n8n?.nodes ?? []).flatMap((file) =>
		Object.values(require(join(packageDir, file)) as Record<string, unknown>)
			.filter((value): value is new () => { description: { name: string } } => typeof value === 'function')
			.map((NodeClass) => `${PACKAGE_NAME}.${new NodeClass().description.name}`),
	);
}

function webhookWorkflow(name: string, path: string): WorkflowJson {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function post(n8n: N8nServer, path: string): Promise<number> {
	const response = await fetch(`${n8n.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ hello: path }),
	});
	await response.arrayBuffer();
	return response.status;
}

// Executions are saved after the webhook has answered.
async function settledExecutions(n8n: N8nServer, workflowId: string) {
	const deadline = Date.now() + 20_000;
	let list = await n8n.executions(workflowId);
	while (list.length === 0 && Date.now() < deadline) {
		await sleep(250);
		list = await n8n.executions(workflowId);
	}
	await sleep(1000);
	return n8n.executions(workflowId);
}

let n8n: N8nServer;

before(async () => {
	const install = await ensureN8n();
	if (!install.reused) process.stderr.write(`n8n installed in ${install.seconds} s (${install.size})\n`);
	n8n = await startN8n({ packageDir });
	process.stderr.write(`n8n ready in ${n8n.timings.readyMs} ms, API key after ${n8n.timings.apiKeyMs} ms\n`);
});

after(async () => {
	await n8n?.stop();
});

test('n8n offers every node the built package declares', async () => {
	const offered = await n8n.nodeTypes();
	assert.ok(offered.includes('n8n-nodes-base.webhook'));
	for (const type of declaredNodeTypes()) assert.ok(offered.includes(type), `${type} not loaded`);
});

test('a CLI-published webhook goes live and its one request is one execution', async () => {
	const started = Date.now();
	const [id] = await n8n.importAndActivate([webhookWorkflow('smoke cli', 'smoke')], 'cli');
	assert.ok(id);
	const published = Date.now();
	await n8n.waitForWebhook('smoke', 'POST');
	process.stderr.write(
		`CLI import+publish took ${published - started} ms; webhook live ${Date.now() - published} ms later\n`,
	);

	assert.equal(await post(n8n, 'smoke'), 200);
	const runs = await settledExecutions(n8n, id);
	assert.equal(runs.length, 1);
	assert.equal(runs[0]?.status, 'success');
	assert.equal(runs[0]?.mode, 'webhook');
});

test('an API-activated webhook goes live, and is gone after deactivation', async () => {
	const started = Date.now();
	const [id] = await n8n.importAndActivate([webhookWorkflow('smoke api', 'smoke-api')]);
	assert.ok(id);
	await n8n.waitForWebhook('smoke-api', 'POST');
	process.stderr.write(`API create+activate to live webhook: ${Date.now() - started} ms\n`);
	assert.equal(await post(n8n, 'smoke-api'), 200);
	assert.equal((await settledExecutions(n8n, id)).length, 1);

	await n8n.deactivate(id);
	await n8n.waitForWebhookGone('smoke-api', 'POST');
	assert.equal(await post(n8n, 'smoke-api'), 404);
	assert.equal((await n8n.executions(id)).length, 1);
	const rss = n8n.rssBytes();
	assert.ok(rss && rss > 0);
	process.stderr.write(`n8n main process RSS ${Math.round(rss / 2 ** 20)} MB\n`);
});

test('stop ends the n8n process', async () => {
	const { pid } = n8n;
	const result = await n8n.stop();
	assert.equal(result.forced, false);
	assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
	assert.throws(() => process.kill(-pid, 0), { code: 'ESRCH' });
});
