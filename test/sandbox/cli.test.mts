import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { pythonHmac } from '../harness/python-hmac.mts';
import { type Receiver, startReceiver } from '../harness/receiver.mts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'sandbox/cli.mts'];
const run = promisify(execFile);

describe('npm run sandbox', () => {
	let receiver: Receiver;
	let refusing: Receiver;
	before(async () => {
		receiver = await startReceiver();
		refusing = await startReceiver(() => ({ status: 401, body: 'Invalid signature' }));
	});
	after(async () => {
		await receiver.close();
		await refusing.close();
	});

	test('send delivers a signed event, prints each attempt and exits 0', async () => {
		const { stdout } = await run(
			process.execPath,
			[
				...CLI,
				'send',
				'horneross',
				'lead.captured',
				'--url',
				receiver.url,
				'--secret',
				'cli-secret',
				'--duplicate',
				'--pretty',
			],
			{ cwd: ROOT },
		);
		assert.match(stdout, /attempt 1: 200 in [\d.]+ ms ok/);
		assert.match(stdout, /attempt 2 \(duplicate\): 200/);
		assert.match(stdout, /1 of 1 horneross lead.captured deliveries succeeded/);
		assert.equal(receiver.received.length, 2);
		const [digest] = await pythonHmac([{ secret: 'cli-secret', body: receiver.received[0].body }]);
		assert.equal(receiver.received[0].headers['x-horneross-signature'], digest);
	});

	test('send exits 1 when the endpoint refuses, and 2 on bad usage', async () => {
		const args = [
			...CLI,
			'send',
			'notmeta',
			'user.online',
			'--url',
			refusing.url,
			'--secret',
			's',
			'--bad-signature',
			'--no-retry',
			'--burst',
			'3',
		];
		await assert.rejects(
			run(process.execPath, args, { cwd: ROOT }),
			(err: { code?: number; stdout?: string }) => {
				assert.equal(err.code, 1);
				assert.match(
					err.stdout ?? '',
					/attempt 1: 401 in [\d.]+ ms FAILED answer: Invalid signature/,
				);
				assert.match(err.stdout ?? '', /0 of 3 notmeta user.online deliveries succeeded/);
				return true;
			},
		);
		assert.equal(refusing.received.length, 3);
		await assert.rejects(
			run(process.execPath, [...CLI, 'send', 'nowhere', 'x'], { cwd: ROOT }),
			(err: { code?: number }) => err.code === 2,
		);
	});

	test('serve prints URLs and keys, answers, and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, CLI, { cwd: ROOT, env: { ...process.env, PORT: '0' } });
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
		while (!out.includes('Ctrl-C stops')) await once(child.stdout, 'data');
		const url = /Brote API\s+(\S+)/.exec(out)![1];
		const key = /API key\s+(\S+)/.exec(out)![1];
		assert.match(out, /NotMeta API\s+http:\/\/127\.0\.0\.1:\d+\/notmeta\/v1/);
		assert.match(out, /Control\s+http:\/\/127\.0\.0\.1:\d+\/_control/);
		const answer = await fetch(`${url}/contacts?limit=100`, {
			headers: { authorization: `Bearer ${key}` },
		});
		assert.equal(((await answer.json()) as { data: unknown[] }).data.length, 50);
		child.kill('SIGTERM');
		const [code] = await once(child, 'exit');
		assert.equal(code, 0);
	});
});
