import { parseArgs } from 'node:util';

import { profiles } from '../nodes/platforms/index.ts';
import type { PlatformId } from '../nodes/platforms/types.ts';
import type { AttemptRecord } from './deliveries.mts';
import { type Sandbox, type SandboxOptions, startSandbox } from './index.mts';

const DEFAULT_PORT = 4010;

const USAGE = `Usage:
  npm run sandbox                      serve the five platforms (PORT, default ${DEFAULT_PORT})
  npm run sandbox -- send <platform> <event> --url <url> --secret <secret>
      [--pretty] [--bad-signature] [--omit-signature] [--duplicate] [--burst N]
      [--data '<json>'] [--no-retry] [--time-scale 0.01]
Platforms: ${Object.keys(profiles).join(', ')}`;

function printAttempt(a: AttemptRecord): void {
	const status = a.status === null ? 'no answer' : String(a.status);
	const tag = a.duplicate ? ' (duplicate)' : '';
	const detail = a.error ?? (a.answer ? `answer: ${a.answer.slice(0, 200)}` : '');
	console.log(
		`  ${a.eventId} attempt ${a.attempt}${tag}: ${status} in ${a.latencyMs} ms ${a.ok ? 'ok' : 'FAILED'} ${detail}`,
	);
}

async function send(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			secret: { type: 'string' },
			pretty: { type: 'boolean' },
			'bad-signature': { type: 'boolean' },
			'omit-signature': { type: 'boolean' },
			duplicate: { type: 'boolean' },
			burst: { type: 'string' },
			data: { type: 'string' },
			'no-retry': { type: 'boolean' },
			'time-scale': { type: 'string' },
		},
	});
	const [platform, type] = positionals;
	if (!platform || !type || !values.url || !values.secret || !Object.hasOwn(profiles, platform)) {
		console.error(USAGE);
		return 2;
	}
	const sandbox = await startSandbox({ timeScale: Number(values['time-scale'] ?? 0.01) });
	try {
		const result = await sandbox.deliver({
			platform: platform as PlatformId,
			type,
			url: values.url,
			secret: values.secret,
			data: values.data === undefined ? undefined : JSON.parse(values.data),
			pretty: values.pretty,
			badSignature: values['bad-signature'],
			omitSignature: values['omit-signature'],
			duplicate: values.duplicate,
			burst: values.burst === undefined ? undefined : Number(values.burst),
			retry: !values['no-retry'],
			onAttempt: printAttempt,
		});
		const all = result.burst ?? [result];
		const delivered = all.filter((r) => r.ok).length;
		console.log(`${delivered} of ${all.length} ${platform} ${type} deliveries succeeded`);
		return delivered === all.length ? 0 : 1;
	} finally {
		await sandbox.close();
	}
}

async function listen(options: SandboxOptions): Promise<Sandbox> {
	try {
		return await startSandbox(options);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
		console.warn(`Port ${options.port} is busy; using a free one instead.`);
		return startSandbox({ ...options, port: 0 });
	}
}

async function serve(): Promise<void> {
	const sandbox = await listen({ port: Number(process.env.PORT ?? DEFAULT_PORT) });
	sandbox.brote.seed({ contacts: 50, conversations: 20, tickets: 10 });
	console.log(`Conversa platform sandbox on ${sandbox.baseUrl}

  Brote API     ${sandbox.urls.brote}
    API key     ${sandbox.apiKeys.brote}
  NotMeta API   ${sandbox.urls.notmeta}
    API key     ${sandbox.apiKeys.notmeta}
  Control       ${sandbox.controlUrl}   (POST /faults, /deliver, /seed, /brote/payments/{id}/pay, GET /state ...)

Seeded 50 contacts, 20 conversations and 10 tickets. Ctrl-C stops.`);
	const stop = async (signal: string) => {
		console.log(`\n${signal}: stopping`);
		await sandbox.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'send') process.exitCode = await send(rest);
else if (command === undefined) await serve();
else if (command === 'help' || command === '--help') console.log(USAGE);
else {
	console.error(USAGE);
	process.exitCode = 2;
}
