// n8n runs in its own process group (so its task runner can be stopped with it), which
// also means a Ctrl-C, a kill or a crash of this process does not reach it. This does.
import { rmSync } from 'node:fs';

interface Tracked {
	pid: number;
	folder?: string;
}

const tracked = new Set<Tracked>();
let installed = false;

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

// The instance is throwaway: killing it outright loses nothing and lets its folder go
// before this process ends.
function reapAll(): void {
	for (const entry of tracked) {
		signalGroup(entry.pid, 'SIGKILL');
		if (entry.folder) rmSync(entry.folder, { recursive: true, force: true });
	}
	tracked.clear();
}

// The signal is re-raised unless someone else (the demo, say) listens for it and stops
// things itself.
function onSignal(signal: NodeJS.Signals): void {
	if (process.listenerCount(signal) > 0) return;
	reapAll();
	process.kill(process.pid, signal);
}

function install(): void {
	if (installed) return;
	installed = true;
	process.on('exit', reapAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
}

/** Registers a running n8n; the returned function forgets it once it has been stopped. */
export function track(pid: number, folder?: string): () => void {
	install();
	const entry = { pid, folder };
	tracked.add(entry);
	return () => tracked.delete(entry);
}
