import { setTimeout as sleep } from 'node:timers/promises';

/** A clock the test moves by hand, for code that takes a `now` function. */
export function clock(start = 0) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** An ISO 8601 time `minutes` before now (after, when negative): an event's own time. */
export function minutesAgo(minutes: number): string {
	return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** Resolves once `condition` holds, checking every 10 ms; fails after 5 s. */
export async function waitUntil(condition: () => boolean, what: string): Promise<void> {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}
