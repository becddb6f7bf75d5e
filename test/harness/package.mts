// The package as the unit tests see it: package.json, the node and credential classes that the
// built `dist` declares (loaded the way n8n loads them), and the source files under a folder.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

/** The package root, with a trailing slash. */
export const root = new URL('../../', import.meta.url).pathname;

export interface PackageJson {
	name: string;
	version: string;
	license: string;
	homepage?: string;
	keywords: string[];
	author?: { name?: string; email?: string } | string;
	repository?: { type?: string; url?: string } | string;
	scripts: Record<string, string>;
	files: string[];
	dependencies?: Record<string, string>;
	devDependencies: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

export interface Built<T> {
	/** The file as package.json lists it, such as `dist/nodes/Brote/Brote.node.js`. */
	file: string;
	instance: T;
}

const require = createRequire(import.meta.url);

/** One instance of every class each listed file exports, as n8n instantiates them. */
function instances<T>(files: string[]): Array<Built<T>> {
	return files.flatMap((file) =>
		Object.values(require(join(root, file)) as Record<string, unknown>)
			.filter((value): value is new () => T => typeof value === 'function')
			.map((Class) => ({ file, instance: new Class() })),
	);
}

/** The built node types that package.json declares. Needs `npm run build`. */
export function builtNodes(): Array<Built<INodeType>> {
	return instances<INodeType>(pkg.n8n.nodes);
}

/** The built credential types that package.json declares. Needs `npm run build`. */
export function builtCredentials(): Array<Built<ICredentialType>> {
	return instances<ICredentialType>(pkg.n8n.credentials);
}

/** Files under `dir` (relative to the root) whose names end in one of `endings`, sorted. */
export function filesUnder(dir: string, endings: string[]): string[] {
	return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && endings.some((ending) => entry.name.endsWith(ending)))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();
}
