// R2's verdict on an event that never ran, on the timelines its runs have shown. The
// first is r2_469 of a clean-clone run: sent straight to n8n while it started again, answered
// 200 "OK" (n8n's answer once it has started the run) before n8n reported ready, and n8n's
// startup recovery marked that run crashed before it got anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { AttemptRecord } from '../../sandbox/deliveries.mts';
import {
	classifyLosses,
	type ExecutionTimes,
	type LostEvent,
	type RestartTimes,
} from '../reliability/losses.mts';

const at = (time: string) => `2026-12-06T17:58:${time}Z`;
const ms = (time: string) => Date.parse(at(time));

const RESTART: RestartTimes = { termAt: ms('05.000'), downAt: ms('06.000'), upAt: ms('18.756') };
const WORKFLOW = 'wf-notmeta';

function attempt(
	time: string,
	status: number | null,
	answer: string,
	latencyMs = 90,
): AttemptRecord {
	return {
		platform: 'notmeta',
		eventId: 'evt',
		type: 'message.received',
		attempt: 1,
		status,
		latencyMs,
		answer,
		body: answer,
		ok: status === 200,
		at: at(time),
	};
}

function event(attempts: AttemptRecord[], gated = false): LostEvent {
	return { id: 'r2_469', workflowId: WORKFLOW, gated, attempts };
}

function execution(status: string, startedAt: string | null, stoppedAt: string): ExecutionTimes {
	return {
		workflowId: WORKFLOW,
		status,
		startedAt: startedAt === null ? startedAt : at(startedAt),
		stoppedAt: at(stoppedAt),
	};
}

/** The run n8n started for the delivery and its startup recovery then marked crashed. */
const CRASHED = execution('crashed', '18.120', '18.400');

describe('R2 losses', () => {
	it('excuses a direct delivery answered 200 before n8n was ready whose run n8n crashed', () => {
		assert.deepEqual(classifyLosses([event([attempt('18.056', 200, 'OK')])], RESTART, [CRASHED]), [
			'startup',
		]);
	});

	it('excuses a delivery answered with n8n\'s "starting up" page', () => {
		const page = attempt('12.000', 200, 'n8n is starting up. Please wait', 5);
		assert.deepEqual(classifyLosses([event([page])], RESTART, []), ['startup']);
	});

	it('excuses a delivery answered 200 between the SIGTERM and the exit', () => {
		assert.deepEqual(classifyLosses([event([attempt('05.500', 200, 'OK')])], RESTART, []), [
			'shutdown',
		]);
	});

	it('counts as missing the same delivery answered after n8n was ready', () => {
		assert.deepEqual(
			classifyLosses([event([attempt('18.800', 200, 'OK')])], RESTART, [
				execution('crashed', '18.850', '19.000'),
			]),
			['missing'],
		);
	});

	it('counts as missing a delivery answered before ready when no run of its workflow crashed then', () => {
		const finished = execution('success', '18.120', '18.300');
		const earlier = execution('crashed', '04.000', '04.500');
		assert.deepEqual(
			classifyLosses([event([attempt('18.056', 200, 'OK')])], RESTART, [finished, earlier]),
			['missing'],
		);
	});

	it('counts as missing a delivery answered before ready when the crashed run never started', () => {
		// What the old process accepted while stopping and dropped, crashed by the new one's recovery.
		assert.deepEqual(
			classifyLosses([event([attempt('18.056', 200, 'OK')])], RESTART, [
				execution('crashed', null, '18.400'),
			]),
			['missing'],
		);
	});

	it("counts as missing a delivery whose crashed run belongs to another workflow's", () => {
		assert.deepEqual(
			classifyLosses([event([attempt('18.056', 200, 'OK')])], RESTART, [
				{ ...CRASHED, workflowId: 'wf-brote' },
			]),
			['missing'],
		);
	});

	it('excuses no more deliveries than n8n crashed runs', () => {
		const accepted = event([attempt('18.056', 200, 'OK')]);
		assert.deepEqual(classifyLosses([accepted, accepted], RESTART, [CRASHED]), [
			'startup',
			'missing',
		]);
	});

	it('counts as missing a delivery behind the readiness gate, whatever its timeline', () => {
		assert.deepEqual(
			classifyLosses([event([attempt('18.056', 200, 'OK')], true)], RESTART, [CRASHED]),
			['missing'],
		);
		const page = attempt('12.000', 200, 'n8n is starting up. Please wait', 5);
		assert.deepEqual(classifyLosses([event([page], true)], RESTART, []), ['missing']);
	});
});
