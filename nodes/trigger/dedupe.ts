import { createHash } from 'node:crypto';

import type { DeliverySpec } from '../platforms/types';

/** Entries one trigger holds at most: a flood of its own deliveries forgets its own oldest first. */
export const TRIGGER_CAPACITY = 50_000;

/** Entries the process holds at most, over all triggers; at about 160 bytes each, some 32 MB. */
export const TOTAL_CAPACITY = 200_000;

/** Added to a platform's retry window: the last retry can arrive late by up to its answer timeout and some queueing. */
const WINDOW_MARGIN_MS = 10 * 60_000;

/**
 * How long a platform keeps retrying one delivery: the whole retry schedule, each attempt's
 * answer timeout, and a margin. A platform that retries "until 24 h" states that as its schedule.
 */
export function retryWindowMs(delivery: DeliverySpec): number {
	const waits = delivery.retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
	const attempts = delivery.retryDelaysMs.length + 1;
	return waits + attempts * delivery.timeoutMs + WINDOW_MARGIN_MS;
}

export interface DeliveryMemoryOptions {
	/** Entries one trigger holds at most. */
	perTrigger?: number;
	/** Entries all triggers hold together at most. */
	total?: number;
	now?: () => number;
}

interface Entry {
	digest: string;
	expiry: number;
}

/**
 * One trigger's keys: its entries in arrival order from `head` on (forgotten ones included until
 * they reach the head), and the live entry of each digest.
 */
interface TriggerKeys {
	readonly trigger: string;
	readonly live: Map<string, Entry>;
	queue: Array<Entry | undefined>;
	head: number;
	count: number;
}

/**
 * Remembers delivery keys per trigger, each for the time its caller asks, within a bound per
 * trigger and one for the process. Keys are stored as 96-bit digests, so memory per entry does not
 * depend on the caller's key.
 *
 * A trigger's entries leave in arrival order: expired ones from the head of its queue, and the
 * oldest first when it is full. When the process is full, the trigger holding the most entries
 * gives up its oldest, so a trigger that floods (another user's workflow, whose secret that user
 * chooses) evicts its own entries, and then those of triggers as large as itself, never those of
 * a trigger below its share.
 *
 * It is memory of one process: after a restart, or with several n8n main or webhook processes, a
 * retry that reaches another process is not recognised.
 */
export class DeliveryMemory {
	private readonly triggers = new Map<string, TriggerKeys>();
	/** Triggers by the number of entries they hold, to find the largest in constant time. */
	private readonly bySize = new Map<number, Set<TriggerKeys>>();
	private largest = 0;
	private slots = 0;
	private readonly perTrigger: number;
	private readonly total: number;
	private readonly now: () => number;

	constructor(options: DeliveryMemoryOptions = {}) {
		this.perTrigger = options.perTrigger ?? TRIGGER_CAPACITY;
		this.total = options.total ?? TOTAL_CAPACITY;
		// Read at each call, not captured once, so it is the clock of the moment.
		this.now = options.now ?? (() => Date.now());
	}

	/** Entries held over all triggers. */
	get size(): number {
		return this.slots;
	}

	/**
	 * Records the key for this trigger, to be recognised for `ttlMs`. Undefined when it is already
	 * there; otherwise a function that forgets this record again.
	 */
	record(trigger: string, key: string, ttlMs: number): (() => void) | undefined {
		const now = this.now();
		const keys = this.triggers.get(trigger) ?? {
			trigger,
			live: new Map<string, Entry>(),
			queue: [],
			head: 0,
			count: 0,
		};
		this.dropExpired(keys, now);
		const digest = createHash('sha256').update(key).digest('base64').slice(0, 16);
		const known = keys.live.get(digest);
		if (known && known.expiry > now) return undefined;

		if (keys.count === this.perTrigger) this.dropOldest(keys);
		else if (this.slots >= this.total) this.dropFromLargest();
		const entry: Entry = { digest, expiry: now + ttlMs };
		keys.queue.push(entry);
		keys.live.set(digest, entry);
		this.resize(keys, 1);
		// An emptied trigger leaves the map; this one holds an entry again.
		if (keys.count === 1) this.triggers.set(trigger, keys);
		const { live } = keys;
		return () => {
			if (live.get(digest) === entry) live.delete(digest);
		};
	}

	private dropExpired(keys: TriggerKeys, now: number): void {
		while (keys.count > 0) {
			const oldest = keys.queue[keys.head]!;
			if (keys.live.get(oldest.digest) === oldest && oldest.expiry > now) return;
			this.dropOldest(keys);
		}
	}

	private dropFromLargest(): void {
		const largest = this.bySize.get(this.largest)?.values().next();
		if (largest && !largest.done) this.dropOldest(largest.value);
	}

	private dropOldest(keys: TriggerKeys): void {
		const oldest = keys.queue[keys.head]!;
		if (keys.live.get(oldest.digest) === oldest) keys.live.delete(oldest.digest);
		keys.queue[keys.head++] = undefined;
		// Cut the dropped head off once it is half the array: amortized constant time, and the
		// array stays at most twice what the trigger holds.
		if (keys.head * 2 >= keys.queue.length) {
			keys.queue = keys.queue.slice(keys.head);
			keys.head = 0;
		}
		this.resize(keys, -1);
		if (keys.count === 0) this.triggers.delete(keys.trigger);
	}

	/** Moves a trigger to the size bucket of its new count. */
	private resize(keys: TriggerKeys, change: -1 | 1): void {
		const from = this.bySize.get(keys.count);
		if (from) {
			from.delete(keys);
			if (from.size === 0) this.bySize.delete(keys.count);
		}
		keys.count += change;
		this.slots += change;
		if (keys.count > 0) {
			const to = this.bySize.get(keys.count) ?? new Set<TriggerKeys>();
			to.add(keys);
			this.bySize.set(keys.count, to);
		}
		// Counts move by one, so when the largest bucket empties, the one below holds a trigger.
		if (keys.count > this.largest) this.largest = keys.count;
		else if (this.largest > 0 && !this.bySize.has(this.largest)) this.largest--;
	}
}

/** The process's memory, shared by every trigger of every platform. */
export const deliveryMemory = new DeliveryMemory();
