// The layout CONTRIBUTING.md describes: node code lives in rooms by the side it serves, and each
// room imports only what its side may use; the compiled node and credential paths stay put, so
// saved workflows and credentials keep loading.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

import { identities } from '../../nodes/platforms/index.ts';
import { filesUnder, pkg, root } from '../harness/package.mts';

const NODES = join(root, 'nodes');

/** Absolute paths of the TypeScript files under `dir` (relative to nodes/). */
function sources(dir: string): string[] {
	return filesUnder(join('nodes', dir), ['.ts']).map((file) => join(root, file));
}

/** The room of a file under nodes/: trigger, actions, common, platforms, or a platform's folder. */
function roomOf(file: string): string {
	return relative(NODES, file).split('/')[0]!;
}

/** Every relative import of a file, as the rooms it reaches. */
function importedRooms(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']+)'/g)].map(([, spec]) =>
		roomOf(resolve(dirname(file), spec!)),
	);
}

const PLATFORM_FOLDERS = Object.values(identities).map((identity) => identity.folder);

/** What each room may import besides itself. */
const ALLOWED: Record<string, string[]> = {
	common: ['platforms'],
	trigger: ['common', 'platforms'],
	actions: ['common', 'platforms'],
	platforms: PLATFORM_FOLDERS,
};

describe('rooms by side', () => {
	it('put every file of nodes/ in a room or a platform folder', () => {
		const rooms = new Set(sources('').map(roomOf));
		rooms.delete('types.ts');
		assert.deepEqual([...rooms].sort(), [...Object.keys(ALLOWED), ...PLATFORM_FOLDERS].sort());
	});

	for (const [room, allowed] of Object.entries(ALLOWED)) {
		it(`let ${room}/ import only ${allowed.length > 0 ? allowed.join(', ') : 'itself'}`, () => {
			const reaches = sources(room).flatMap((file) =>
				importedRooms(file)
					.filter((to) => to !== room && !allowed.includes(to))
					.map((to) => `${relative(root, file)} imports from ${to}/`),
			);
			assert.deepEqual(reaches, []);
		});
	}

	it("let a platform's data (events, identity, profile) import no node code", () => {
		const reaches = PLATFORM_FOLDERS.flatMap((folder) =>
			['events.ts', 'identity.ts', 'profile.ts'].flatMap((name) => {
				const file = join(NODES, folder, name);
				return importedRooms(file)
					.filter((to) => to !== 'platforms' && to !== folder)
					.map((to) => `${folder}/${name} imports from ${to}/`);
			}),
		);
		assert.deepEqual(reaches, []);
	});
});

/** The paths the published package has had since 0.1.0: n8n finds the nodes and credentials there. */
const PUBLISHED = {
	nodes: [
		'dist/nodes/Brote/Brote.node.js',
		'dist/nodes/Brote/BroteTrigger.node.js',
		'dist/nodes/NotMeta/NotMeta.node.js',
		'dist/nodes/NotMeta/NotMetaTrigger.node.js',
		'dist/nodes/Horneross/HornerossTrigger.node.js',
		'dist/nodes/CablenetAi/CablenetAiTrigger.node.js',
		'dist/nodes/BuzzBip/BuzzBipTrigger.node.js',
	],
	credentials: [
		'dist/credentials/BroteApi.credentials.js',
		'dist/credentials/NotMetaApi.credentials.js',
		'dist/credentials/HornerossWebhookApi.credentials.js',
		'dist/credentials/CablenetAiWebhookApi.credentials.js',
		'dist/credentials/BuzzBipWebhookApi.credentials.js',
	],
};

describe('compiled paths', () => {
	it("keep every published node and credential path in package.json's lists", () => {
		for (const path of PUBLISHED.nodes) assert.ok(pkg.n8n.nodes.includes(path), path);
		for (const path of PUBLISHED.credentials) assert.ok(pkg.n8n.credentials.includes(path), path);
	});

	it("list each node in its platform's folder", () => {
		for (const path of pkg.n8n.nodes) {
			const folder = /^dist\/nodes\/([^/]+)\/[^/]+\.node\.js$/.exec(path)?.[1];
			assert.ok(folder && PLATFORM_FOLDERS.includes(folder), path);
		}
	});
});
