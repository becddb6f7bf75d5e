// `npm run demo` as a user runs it (minus the build, which `npm test` has just done): it must
// import and run the three example workflows, print the editor URL and login, keep running,
// and on Ctrl-C stop everything it started.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { loadExamples } from '../../scripts/demo/examples.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { freePort } from '../../scripts/n8n/ports.mts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = 'Ctrl-C stops n8n';

let child: ReturnType<typeof spawn> | undefined;

after(() => {
	// Only reached with the demo still running when an assertion failed midway.
	if (child?.exitCode === null && child.pid) process.kill(child.pid, 'SIGINT');
});

async function reachable(url: string): Promise<boolean> {
	return await fetch(url)
		.then(async (response) => (await response.arrayBuffer(), true))
		.catch(() => false);
}

test('npm run demo runs every example, prints the editor and its login, and Ctrl-C stops it all', async () => {
	await ensureN8n();
	const port = await freePort();
	const started = Date.now();
	child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.mts', '--port', String(port)], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<number | null>((resolve) =>
		child!.on('exit', (code) => resolve(code)),
	);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

	const deadline = Date.now() + 240_000;
	while (!output.includes(READY)) {
		if (child.exitCode !== null)
			assert.fail(`the demo exited (${child.exitCode}) before it was ready:\n${output}`);
		if (Date.now() > deadline) assert.fail(`the demo was not ready after 240 s:\n${output}`);
		await sleep(250);
	}
	const readyMs = Date.now() - started;

	const editor = `http://127.0.0.1:${port}`;
	assert.match(output, new RegExp(`n8n editor: +${editor.replace(/[.]/g, '\\.')}`));
	assert.match(output, /login: +owner@conversa\.test \/ \S+/);
	for (const { workflow } of loadExamples())
		assert.ok(output.includes(`active: ${workflow.name}`), `${workflow.name} not active`);
	assert.doesNotMatch(output, /✗/);
	assert.match(output, /All \d+ expected outcomes happened/);
	assert.match(output, /Executions, read back through n8n:/);
	assert.equal(await reachable(`${editor}/healthz`), true);

	child.kill('SIGINT');
	const code = await Promise.race([exited, sleep(60_000, 'timeout' as const, { ref: false })]);
	assert.equal(code, 0, output);
	assert.match(output, /Stopped\./);
	assert.equal(await reachable(`${editor}/healthz`), false);
	process.stderr.write(
		`demo ready after ${(readyMs / 1000).toFixed(1)} s, stopped ${((Date.now() - started - readyMs) / 1000).toFixed(1)} s after Ctrl-C\n`,
	);
});
