// Exactly once in queue mode. The sandbox delivers Q_EVENTS events (default 1,000) across the
// five triggers through the proxy in front of two webhook processes, each platform retrying on
// its own schedule (time-scaled by Q_TIME_SCALE, default 0.05). Every seventh event loses its
// first answer after n8n handled it, so the platform retries, and the proxy's round-robin sends
// the retry to the other webhook process, whose de-duplication memory has never seen it.
//
// Each trigger's output goes to two branches, one per exactly-once recipe of the README, each
// ending in a side-effect node: n8n's Remove Duplicates on the event id, and an atomic claim of
// the event id in Postgres. Measured side by side in the one run: events that ran twice (what
// the trigger's in-process memory alone gives, the baseline), and for each recipe the events
// whose side effect happened twice and the events lost. The Postgres claim must reach 0 and 0;
// Remove Duplicates is reported (its read-then-write can let a concurrent copy through).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import type { DeliveryResult } from '../../sandbox/deliveries.mts';
import * as setup from './setup.mts';

const EVENTS = Number(process.env.Q_EVENTS ?? 1000);
const TIME_SCALE = Number(process.env.Q_TIME_SCALE ?? 0.05);
const RATE = Number(process.env.Q_RATE ?? 10);
const LOSE_EVERY = 7;
const GUARDS: setup.Guard[] = ['removeDuplicates', 'postgresClaim'];
const ID_PATTERN = /"replay_id":"(q_\d+)"/g;

let rig: setup.Rig;

before(async () => {
	rig = await setup.startRig({ timeScale: TIME_SCALE, queue: true, guards: GUARDS });
});

after(async () => {
	await rig?.close();
});

test(`queue mode: ${EVENTS} events through two webhook processes with lost answers and retries: behind the Postgres claim no side effect twice, none lost`, async () => {
	const { sb, receivers } = rig;
	const started = Date.now();
	const deliveries: Array<Promise<DeliveryResult>> = [];
	for (let i = 0; i < EVENTS; i++) {
		const platform = setup.PLATFORMS[i % setup.PLATFORMS.length] as PlatformId;
		const id = `q_${i}`;
		deliveries.push(
			sb.deliver({
				platform,
				type: setup.SELECTED[platform],
				url: receivers[platform].url,
				secret: receivers[platform].secret,
				id,
				data: {
					...(profiles[platform].events[setup.SELECTED[platform]]?.sample as object),
					replay_id: id,
				},
				...(i % LOSE_EVERY === LOSE_EVERY - 1 ? { loseAnswers: 1 } : {}),
			}),
		);
		await sleep(1000 / RATE);
	}
	const results = await Promise.all(deliveries);
	const sentSeconds = (Date.now() - started) / 1000;

	const runs = new Map<string, number>();
	const effects = new Map(GUARDS.map((guard) => [guard, new Map<string, number>()]));
	const statuses = new Map<string, number>();
	const errors = new Set<string>();
	for (const platform of setup.PLATFORMS) {
		for (const execution of await setup.settledExecutions(
			rig.bench.n8n,
			receivers[platform].workflowId,
		)) {
			statuses.set(execution.status, (statuses.get(execution.status) ?? 0) + 1);
			const error = execution.data?.resultData?.error as { message?: string } | undefined;
			if (error) errors.add(String(error.message).slice(0, 200));
			setup.countIds(runs, setup.nodeText(execution, 'Trigger'), ID_PATTERN);
			for (const guard of GUARDS)
				setup.countIds(
					effects.get(guard)!,
					setup.nodeText(execution, setup.sideEffect(guard)),
					ID_PATTERN,
				);
		}
	}
	const ids = results.map((_, i) => `q_${i}`);
	const ranTwice = ids.filter((id) => (runs.get(id) ?? 0) > 1);
	const outcome = (guard: setup.Guard) => {
		const counted = effects.get(guard)!;
		return {
			twice: ids.filter((id) => (counted.get(id) ?? 0) > 1),
			lost: ids.filter((id) => (counted.get(id) ?? 0) === 0),
		};
	};
	const undelivered = results.filter((result) => !result.ok).map((result) => result.id);
	const retried = results.filter((result) => result.attempts.length > 1).length;
	const lostAnswers = results
		.flatMap((r) => r.attempts)
		.filter((a) => a.lostStatus !== undefined).length;
	const answered = new Map<string, number>();
	for (const attempt of results.flatMap((r) => r.attempts)) {
		const status = String(attempt.lostStatus ?? attempt.status);
		answered.set(status, (answered.get(status) ?? 0) + 1);
	}
	process.stderr.write(
		[
			`queue replay: ${EVENTS} events (time scale ${TIME_SCALE}) in ${sentSeconds.toFixed(0)} s through ${rig.bench.n8n.url}: ${retried} retried, ${lostAnswers} answers lost, ${undelivered.length} undelivered`,
			`   attempts answered: ${[...answered].map(([status, n]) => `${status}×${n}`).join(' ')}`,
			`   executions: ${[...runs.values()].reduce((a, b) => a + b, 0)} (${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')})`,
			`   baseline, the trigger's in-process memory alone: ${ranTwice.length} events ran twice`,
			...GUARDS.map((guard) => {
				const { twice, lost } = outcome(guard);
				return `   behind ${guard}: ${twice.length} side effects twice, ${lost.length} events lost`;
			}),
			...[...errors].map((message) => `   execution error: ${message}`),
		].join('\n') + '\n',
	);
	const claim = outcome('postgresClaim');
	assert.deepEqual(undelivered.slice(0, 10), [], 'every event delivered by the platform’s rule');
	assert.deepEqual(claim.lost.slice(0, 10), [], 'every event’s side effect happened');
	assert.deepEqual(claim.twice.slice(0, 10), [], 'no side effect happened twice');
	assert.ok(lostAnswers > 0, 'some answers were lost, so some retries happened');
});
