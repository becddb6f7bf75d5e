import { spawn } from 'node:child_process';

export interface RunOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	capture?: boolean;
}

// Child output goes to stderr: under node:test, stdout belongs to the test reporter.
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', options.capture ? 'pipe' : 2, 2],
		});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) resolve(output);
			else {
				const detail = output ? `:\n${output.slice(-2000)}` : '';
				reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${detail}`));
			}
		});
	});
}

// npm sets npm_config_* for scripts it runs (local prefix, user agent...). When the
// installer is started through `npm run`, those would leak into the cache folder's npm.
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}
