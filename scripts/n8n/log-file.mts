// n8n writes to a file, not to pipes: with pipes, an n8n that outlives this process
// (killed, say) spins at full CPU on its broken output once it is asked to shut down.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

export class LogFile {
	readonly fd: number;
	private final: string[] | undefined;
	private echoed = 0;
	private readonly timer: NodeJS.Timeout | undefined;

	constructor(
		readonly path: string,
		echo: boolean,
	) {
		this.fd = openSync(path, 'a+');
		if (echo) this.timer = setInterval(() => this.echo(), 250).unref();
	}

	lines(): string[] {
		if (this.final) return this.final;
		try {
			return readFileSync(this.path, 'utf8').split('\n').slice(0, -1);
		} catch {
			return [];
		}
	}

	tail(count: number): string {
		return this.lines().slice(-count).join('\n');
	}

	/** Keeps the content readable after the file is deleted with its folder. */
	close(): void {
		if (this.final) return;
		if (this.timer) {
			clearInterval(this.timer);
			this.echo();
		}
		this.final = this.lines();
		closeSync(this.fd);
	}

	private echo(): void {
		const buffer = Buffer.alloc(64 * 1024);
		for (;;) {
			const read = readSync(this.fd, buffer, 0, buffer.length, this.echoed);
			if (read === 0) return;
			this.echoed += read;
			process.stderr.write(buffer.subarray(0, read));
		}
	}
}
