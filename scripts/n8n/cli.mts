// For humans: `node --import tsx scripts/n8n/cli.mts install|start [port] [--queue]`.
// `start` serves the built package (run `npm run build` first) until Ctrl-C; `--queue` starts
// queue mode (main, two webhook processes behind a proxy on `port`, two workers, Postgres, Redis).
import { fileURLToPath } from 'node:url';

import { ensureN8n } from './install.mts';
import { startQueueN8n } from './queue.mts';
import { startN8n } from './server.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

async function install(): Promise<void> {
	const report = await ensureN8n();
	console.log(
		report.reused
			? `n8n already installed at ${report.paths.root}`
			: `n8n installed at ${report.paths.root} in ${report.seconds} s, ${report.size} on disk`,
	);
}

async function start(port: number | undefined, queue: boolean): Promise<void> {
	const n8n = queue
		? await startQueueN8n({ packageDir, port })
		: await startN8n({ packageDir, port });
	console.log(
		`n8n is ready (${(n8n.timings.readyMs / 1000).toFixed(1)} s) with ${packageDir} installed.`,
	);
	console.log(`  editor:   ${n8n.url}`);
	console.log(`  login:    ${n8n.owner.email} / ${n8n.owner.password}`);
	console.log(`  API key:  ${n8n.apiKey}`);
	console.log(`  data:     ${n8n.userFolder} (removed on exit)`);
	console.log('Ctrl-C stops it.');
	await new Promise<void>((resolve) => {
		const shutdown = () => resolve();
		process.once('SIGINT', shutdown);
		process.once('SIGTERM', shutdown);
	});
	console.log('stopping n8n...');
	const result = await n8n.stop();
	console.log(`n8n stopped${result.forced ? ' (killed after the timeout)' : ''}.`);
}

const args = process.argv.slice(2);
const queue = args.includes('--queue');
const [command, portArg] = args.filter((arg) => arg !== '--queue');
if (command === 'install') await install();
else if (command === 'start') await start(portArg ? Number(portArg) : undefined, queue);
else {
	console.error('usage: node --import tsx scripts/n8n/cli.mts install | start [port] [--queue]');
	process.exitCode = 2;
}
