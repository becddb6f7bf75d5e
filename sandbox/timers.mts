/**
 * Sleeps that `cancelAll` ends at once, and for good (they resolve `false`), so closing the sandbox never
 * leaves a retry timer holding the process open or a caller waiting forever.
 */
export class Timers {
	private readonly pending = new Map<NodeJS.Timeout, (fired: boolean) => void>();
	private cancelled = false;

	sleep(ms: number): Promise<boolean> {
		if (this.cancelled) return Promise.resolve(false);
		return new Promise((resolve) => {
			const timer = setTimeout(
				() => {
					this.pending.delete(timer);
					resolve(true);
				},
				Math.max(0, ms),
			);
			this.pending.set(timer, resolve);
		});
	}

	cancelAll(): void {
		this.cancelled = true;
		for (const [timer, resolve] of this.pending) {
			clearTimeout(timer);
			resolve(false);
		}
		this.pending.clear();
	}
}
