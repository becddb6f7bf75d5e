/** At most one log line per key in this time; the refusals between are counted, not logged. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** Keys whose throttle state is kept; past it the longest-quiet key is forgotten first. */
const MAX_NODES = 1_000;

export interface Admission {
	log: boolean;
	/** Refusals not logged since the last line, to report in this one. */
	suppressed: number;
}

interface NodeState {
	loggedAt: number;
	suppressed: number;
}

/**
 * Throttles refusal lines per key (a node, or one event of a node), so a flood of bad deliveries
 * cannot flood n8n's log: the first refusal is logged, later ones within the interval are
 * counted, and the next line says how many were left out. An infinite interval logs a key once.
 */
export class RefusalThrottle {
	private readonly nodes = new Map<string, NodeState>();

	constructor(
		private readonly intervalMs = REFUSAL_LOG_INTERVAL_MS,
		private readonly now: () => number = Date.now,
	) {}

	admit(key: string): Admission {
		const now = this.now();
		const state = this.nodes.get(key);
		if (state && now - state.loggedAt < this.intervalMs) {
			state.suppressed++;
			return { log: false, suppressed: state.suppressed };
		}
		const suppressed = state?.suppressed ?? 0;
		// Re-inserted, so the map's order is the order of the last line, oldest first.
		this.nodes.delete(key);
		if (this.nodes.size >= MAX_NODES) this.nodes.delete(this.nodes.keys().next().value as string);
		this.nodes.set(key, { loggedAt: now, suppressed: 0 });
		return { log: true, suppressed };
	}
}
