// `npm run demo`: the sandbox platforms, a real n8n with this package installed, the example
// workflows wired to both, a few signed sample events, and what ran. Runs until Ctrl-C;
// `--once` stops after the summary (exit code 1 if an expected outcome is missing); `--queue`
// runs n8n in queue mode (main, two webhook processes behind a proxy, two workers, Postgres
// and Redis).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startSandbox, type Sandbox } from '../sandbox/index.mts';
import { playScenario, type Check } from './demo/scenario.mts';
import { startReceiver, type Receiver } from './demo/receiver.mts';
import { setUpExamples, type InstalledExample } from './demo/setup.mts';
import { formatRuns, workflowRuns, type WorkflowRuns } from './demo/summary.mts';
import { ensureN8n } from './n8n/install.mts';
import { N8N_VERSION, cacheRoot } from './n8n/paths.mts';
import { portIsFree } from './n8n/ports.mts';
import { startQueueN8n } from './n8n/queue.mts';
import { startN8n, type N8nServer } from './n8n/server.mts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const PREFERRED_PORT = 5678;

const say = (line = '') => process.stdout.write(`${line}\n`);

async function settledRuns(n8n: N8nServer, workflows: InstalledExample[]): Promise<WorkflowRuns[]> {
	// Executions are saved after their webhook has answered; wait until the count holds still.
	const total = (runs: WorkflowRuns[]) => runs.reduce((sum, run) => sum + run.executions.length, 0);
	let runs = await workflowRuns(n8n, workflows);
	for (let stable = 0; stable < 3; ) {
		await sleep(500);
		const next = await workflowRuns(n8n, workflows);
		stable =
			total(next) === total(runs) &&
			next.every((run) => run.executions.every((e) => e.status !== 'running' && e.status !== 'new'))
				? stable + 1
				: 0;
		runs = next;
	}
	return runs;
}

interface Running {
	sb?: Sandbox;
	receiver?: Receiver;
	n8n?: N8nServer;
}

async function stopAll(running: Running): Promise<void> {
	say('Stopping n8n, the sandbox and the receiver...');
	await running.n8n?.stop();
	await running.receiver?.close();
	await running.sb?.close();
	say('Stopped.');
}

/**
 * Resolves on Ctrl-C once the demo is up. Before that, a Ctrl-C stops what has started and
 * exits; an n8n still booting is killed by the reaper's exit hook.
 */
function onStop(running: Running, isUp: () => boolean): Promise<void> {
	return new Promise((resolve) => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.on(signal, () => {
				if (isUp()) return resolve();
				say();
				void stopAll(running).finally(() => process.exit(130));
			});
		}
	});
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { once: { type: 'boolean' }, port: { type: 'string' }, queue: { type: 'boolean' } },
	});
	if (!existsSync(join(packageDir, 'dist', 'package.json'))) {
		say('The package is not built: run `npm run build` first (`npm run demo` does it for you).');
		return 2;
	}

	const started = Date.now();
	const running: Running = {};
	let up = false;
	const stopped = onStop(running, () => up);
	try {
		if (!existsSync(join(cacheRoot(), 'installed.json'))) {
			say(
				`First run: installing Node 24 and n8n ${N8N_VERSION} into ${cacheRoot()} (about 5 minutes and 2.9 GB; reused afterwards).`,
			);
		}
		const install = await ensureN8n();
		if (!install.reused) say(`Installed in ${install.seconds} s (${install.size}).`);

		const sb = (running.sb = await startSandbox());
		sb.brote.seed({ contacts: 12, conversations: 8, tickets: 4 });
		const receiver = (running.receiver = await startReceiver());
		const port = values.port
			? Number(values.port)
			: (await portIsFree(PREFERRED_PORT))
				? PREFERRED_PORT
				: undefined;
		say(
			values.queue
				? `Starting n8n ${N8N_VERSION} in queue mode (main, 2 webhook processes behind a proxy, 2 workers, Postgres, Redis), each with n8n-nodes-conversa installed...`
				: `Starting n8n ${N8N_VERSION} with n8n-nodes-conversa installed as a community package...`,
		);
		const n8n = (running.n8n = values.queue
			? await startQueueN8n({ packageDir, port })
			: await startN8n({ packageDir, port }));
		say(`n8n is up after ${(n8n.timings.readyMs / 1000).toFixed(1)} s.`);

		say('Creating credentials and importing the example workflows...');
		const setup = await setUpExamples(n8n, sb, receiver);
		for (const example of setup.examples)
			say(`  active: ${example.name} (examples/${example.file})`);

		say();
		say('Sending signed sample events:');
		const checks: Check[] = await playScenario({
			sb,
			receiver,
			setup,
			log: (line) => say(`  ${line}`),
		});
		const runs = await settledRuns(n8n, setup.examples);

		say();
		say('Executions, read back through n8n:');
		say(formatRuns(runs));
		say();
		say(`n8n editor:  ${n8n.url}`);
		say(`login:       ${n8n.owner.email} / ${n8n.owner.password}`);
		say(`API key:     ${n8n.apiKey}`);
		say(`sandbox:     ${sb.baseUrl} (Brote API ${sb.urls.brote}, key ${sb.apiKeys.brote})`);
		say(`receiver:    Slack ${receiver.slackWebhookUrl}, CRM ${receiver.crmBaseUrl}`);
		const horneross = setup.examples.find((e) => e.file === 'slack-alerts.json')?.webhooks[
			'Horneross Trigger'
		];
		if (horneross) {
			say('more events: npm run sandbox -- send horneross lead.captured \\');
			say(`               --url ${horneross} --secret ${setup.hornerossSecret}`);
		}
		const failed = checks.filter((check) => !check.ok).length;
		say();
		say(
			failed === 0
				? `All ${checks.length} expected outcomes happened (${((Date.now() - started) / 1000).toFixed(0)} s).`
				: `${failed} of ${checks.length} expected outcomes did not happen.`,
		);
		if (!values.once) {
			up = true;
			say('Open the editor to look around. Ctrl-C stops n8n, the sandbox and the receiver.');
			await stopped;
			say();
		}
		return failed === 0 ? 0 : 1;
	} finally {
		up = true;
		await stopAll(running);
	}
}

process.exitCode = await main();
