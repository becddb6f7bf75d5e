// One run of an n8n process (or of a service the tests need): started in its own process group
// (so its task runner goes with it), registered with the reaper, and ended with SIGTERM, then
// SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import type { LogFile } from './log-file.mts';
import { signalGroup, track } from './reaper.mts';

export interface StopResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	forced: boolean;
}

export interface N8nProcess {
	pid: number;
	child: ChildProcess;
	/** Ends the process (once; later calls get the same result). */
	terminate(timeoutMs: number): Promise<StopResult>;
}

export function launch(
	/** The program and its arguments, e.g. Node 24 with n8n's bin and `start`. */
	command: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	log: LogFile,
	/** Removed by the reaper if this process dies before stopping n8n. */
	folder: string | undefined,
): N8nProcess {
	const [program, ...args] = command;
	if (!program) throw new Error('launch needs a program');
	const child = spawn(program, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', log.fd, log.fd],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${program} did not start`);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		child.on('exit', (code, signal) => done({ code, signal })),
	);
	const untrack = track(pid, folder);
	let ending: Promise<StopResult> | undefined;
	const terminate = (timeoutMs: number): Promise<StopResult> =>
		(ending ??= (async () => {
			let forced = false;
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				// Unreferenced: a pending timer would keep this process alive after n8n has gone.
				const timer = sleep(timeoutMs, 'timeout' as const, { ref: false });
				if ((await Promise.race([exited, timer])) === 'timeout') {
					forced = true;
					signalGroup(pid, 'SIGKILL');
				}
			}
			const result = await exited;
			signalGroup(pid, 'SIGKILL');
			untrack();
			return { ...result, forced };
		})());
	return { pid, child, terminate };
}
