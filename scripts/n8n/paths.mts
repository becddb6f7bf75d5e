// Where the pinned n8n and its Node 24 live. Kept outside the repo: `n8n-node build`
// and `lint` walk the package root, and one stray n8n tree there makes them crawl.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The pinned n8n (2.41.3 does not resolve on the registry: a dependency version is missing),
 * and the oldest release the package is tested on (README, "Supported n8n versions"). A JSON
 * file, so that scripts/run-tests.mjs reads the same figures.
 */
const versions = JSON.parse(readFileSync(new URL('./versions.json', import.meta.url), 'utf8')) as {
	pinned: string;
	oldestSupported: string;
};
export const PINNED_N8N_VERSION = versions.pinned;
export const OLDEST_SUPPORTED_N8N_VERSION = versions.oldestSupported;
/**
 * The n8n every script and test uses: the pinned one, or the one `npm run test:compat -- X`
 * names (through CONVERSA_N8N_VERSION). Each version has its own cache folder.
 */
export const N8N_VERSION = process.env.CONVERSA_N8N_VERSION || PINNED_N8N_VERSION;

/** Whether the n8n in use is `version` or newer (release numbers, compared part by part). */
export function n8nAtLeast(version: string): boolean {
	const have = N8N_VERSION.split('.').map(Number);
	const want = version.split('.').map(Number);
	for (let i = 0; i < want.length; i++) {
		if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > (want[i] ?? 0);
	}
	return true;
}
// Current n8n requires Node 24; the machine runs Node 20.
export const NODE_VERSION = '24.21.0';

export interface N8nPaths {
	root: string;
	nodeDir: string;
	nodeBin: string;
	nodeHeaders: string;
	n8nDir: string;
	n8nBin: string;
	marker: string;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.CONVERSA_N8N_CACHE) return env.CONVERSA_N8N_CACHE;
	const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-conversa', `n8n-${N8N_VERSION}`);
}

export function n8nPaths(root: string = cacheRoot()): N8nPaths {
	const nodeDir = join(root, 'node24');
	const nodePackage = join(nodeDir, 'node_modules', 'node');
	const n8nDir = join(root, 'n8n');
	return {
		root,
		nodeDir,
		nodeBin: join(nodePackage, 'bin', 'node'),
		nodeHeaders: join(nodePackage, 'node_modules', `node-linux-${process.arch}`),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: join(root, 'installed.json'),
	};
}
