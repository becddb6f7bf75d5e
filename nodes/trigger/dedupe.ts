import { createHash } from 'node:crypto';

import type { DeliverySpec } from '../platforms/types';

/** Entries a memory holds at most; at about 160 bytes each (measured), some 8 MB per platform when full. */
export const DEFAULT_CAPACITY = 50_000;

/** Added to a platform's retry window: the last retry can arrive late by up to its answer timeout and some queueing. */
const WINDOW_MARGIN_MS = 10 * 60_000;

/**
 * How long a delivery id must be remembered: the whole retry schedule, each attempt's answer
 * timeout, and a margin. A platform that retries "until 24 h" states that as its schedule.
 */
export function retryWindowMs(delivery: DeliverySpec): number {
	const waits = delivery.retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
	const attempts = delivery.retryDelaysMs.length + 1;
	return waits + attempts * delivery.timeoutMs + WINDOW_MARGIN_MS;
}

export interface DeliveryMemoryOptions {
	/** How long a key is remembered after it is first seen. */
	ttlMs: number;
	capacity?: number;
	now?: () => number;
}

/**
 * Remembers delivery keys for a fixed time within a fixed number of entries. Keys are stored
 * as 96-bit digests, so memory per entry does not depend on the caller's key.
 *
 * Every entry lives equally long, so arrival order is expiry order: a ring of digests in
 * arrival order drops expired entries from its head, and when the memory is full the oldest
 * entry goes first. Past the capacity within one window, the latest retries of the oldest
 * deliveries may run again.
 *
 * It is memory of one process: after a restart, or with several n8n main or webhook
 * processes, a retry that reaches another process is not recognised.
 */
export class DeliveryMemory {
	private readonly expiries = new Map<string, number>();
	private readonly ring: string[] = [];
	private head = 0;
	private count = 0;
	private readonly ttlMs: number;
	private readonly capacity: number;
	private readonly now: () => number;

	constructor(options: DeliveryMemoryOptions) {
		this.ttlMs = options.ttlMs;
		this.capacity = options.capacity ?? DEFAULT_CAPACITY;
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.expiries.size;
	}

	/** Records the key and answers whether it was already there. */
	seenBefore(key: string): boolean {
		const now = this.now();
		while (this.count > 0 && (this.expiries.get(this.ring[this.head]) ?? now) <= now)
			this.dropOldest();
		const digest = createHash('sha256').update(key).digest('base64').slice(0, 16);
		const expiry = this.expiries.get(digest);
		if (expiry !== undefined && expiry > now) return true;
		if (this.count === this.capacity) this.dropOldest();
		this.ring[(this.head + this.count) % this.capacity] = digest;
		this.count++;
		this.expiries.set(digest, now + this.ttlMs);
		return false;
	}

	private dropOldest(): void {
		this.expiries.delete(this.ring[this.head]);
		this.head = (this.head + 1) % this.capacity;
		this.count--;
	}
}

const memories = new Map<string, DeliveryMemory>();

/** The process-wide memory for one platform, sized to cover its retry window. */
export function memoryFor(platform: string, delivery: DeliverySpec): DeliveryMemory {
	let memory = memories.get(platform);
	if (!memory) {
		memory = new DeliveryMemory({ ttlMs: retryWindowMs(delivery) });
		memories.set(platform, memory);
	}
	return memory;
}
