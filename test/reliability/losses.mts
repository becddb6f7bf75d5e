// Why an R2 event that never ran is excused. Pure, so the rules are unit-tested without n8n.
import type { Execution } from '../../scripts/n8n/server.mts';
import type { AttemptRecord } from '../../sandbox/deliveries.mts';

const STARTUP_PAGE = 'n8n is starting up';

/** When the restart's steps happened (epoch ms), as `N8nServer.restart` reports them. */
export interface RestartTimes {
	termAt: number;
	downAt: number;
	upAt: number;
}

export interface LostEvent {
	id: string;
	workflowId: string;
	gated: boolean;
	attempts: AttemptRecord[];
}

/** What n8n's API tells of a run; `startedAt` is null for a run n8n never started. */
export type ExecutionTimes = Pick<Execution, 'workflowId' | 'status' | 'stoppedAt'> & {
	startedAt: string | null;
};

/** 'startup' and 'shutdown' are n8n's windows on the direct path; 'missing' is a failure. */
export type Loss = 'startup' | 'shutdown' | 'missing';

/** n8n's own answers before it runs webhooks: its "starting up" page and Express's 404. */
export function notRun(attempt: AttemptRecord): boolean {
	return (
		(attempt.status === 200 && attempt.answer.startsWith(STARTUP_PAGE)) ||
		(attempt.status === 404 && attempt.answer.includes('<title>Error</title>'))
	);
}

/** n8n answered 200 between its SIGTERM and its exit: it may never run what it accepted. */
function answeredWhileStopping(attempt: AttemptRecord, restart: RestartTimes): boolean {
	const start = Date.parse(attempt.at);
	const status = attempt.status ?? attempt.lostStatus;
	return status === 200 && start + attempt.latencyMs > restart.termAt && start < restart.downAt;
}

/**
 * n8n's new process accepted it (answered 200, "OK" once the run has started) before it reported
 * ready. n8n 2.41 serves webhooks before its startup recovery, which takes every run then in the
 * database as left over by the previous process and marks it crashed.
 */
function acceptedBeforeReady(attempt: AttemptRecord, restart: RestartTimes): boolean {
	const end = Date.parse(attempt.at) + attempt.latencyMs;
	const status = attempt.status ?? attempt.lostStatus;
	return status === 200 && end > restart.downAt && end <= restart.upAt;
}

/** Statuses of a run that was started and never ended on its own. */
const UNFINISHED = ['crashed', 'unknown', 'new', 'running'];

/**
 * A run the new process began before it reported ready, and that never finished. n8n marks a run
 * running before it answers "OK", so the one it accepted has a start time; a run the old process
 * accepted while stopping and never started has none, and excuses nothing here.
 */
function unfinishedAtStartup(execution: ExecutionTimes, restart: RestartTimes): boolean {
	if (!UNFINISHED.includes(execution.status) || !execution.startedAt) return false;
	const began = Date.parse(execution.startedAt);
	return began > restart.downAt && began <= restart.upAt;
}

/**
 * One verdict per event that never ran, in order. A run n8n crashed at its startup excuses one
 * delivery of its workflow that n8n accepted in that window, so a crash hides no other loss.
 */
export function classifyLosses(
	lost: LostEvent[],
	restart: RestartTimes,
	executions: ExecutionTimes[],
): Loss[] {
	const crashed = new Map<string, number>();
	for (const execution of executions) {
		if (unfinishedAtStartup(execution, restart))
			crashed.set(execution.workflowId, (crashed.get(execution.workflowId) ?? 0) + 1);
	}
	return lost.map((event) => {
		if (event.gated) return 'missing';
		if (event.attempts.some(notRun)) return 'startup';
		const left = crashed.get(event.workflowId) ?? 0;
		if (left > 0 && event.attempts.some((a) => acceptedBeforeReady(a, restart))) {
			crashed.set(event.workflowId, left - 1);
			return 'startup';
		}
		if (event.attempts.some((a) => answeredWhileStopping(a, restart))) return 'shutdown';
		return 'missing';
	});
}
