// The registry (nodes/platforms/*/identity.ts) spells each platform's names once. Where n8n's
// linter wants a literal instead (a credential's name, a dashboard trigger's credential test)
// or n8n reads a file (the codex .node.json, package.json's lists), this checks the copy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import type { INodeType } from 'n8n-workflow';

import { identities, profiles } from '../../nodes/platforms/index.ts';
import { docsUrl } from '../../nodes/platforms/identity.ts';
import { SIGNING_SECRET_TEST } from '../../nodes/trigger/index.ts';
import { pkg, root } from '../harness/package.mts';
import { CLASSES, PLATFORMS } from '../harness/platforms.mts';

interface Codex {
	node: string;
	resources: { credentialDocumentation: Array<{ url: string }> };
}

function codex(folder: string, file: string): Codex {
	return JSON.parse(readFileSync(join(root, 'nodes', folder, file), 'utf8')) as Codex;
}

describe('the registry and the literals n8n needs', () => {
	for (const platform of PLATFORMS) {
		const identity = identities[platform];
		const { trigger, action, credential } = CLASSES[platform];

		it(`${platform}: the credential class's name literal is the registry's`, () => {
			assert.equal(new credential().name, identity.credential);
		});

		it(`${platform}: the trigger's credential, and its test where the platform has no API`, () => {
			const expected = profiles[platform].subscription
				? [{ name: identity.credential, required: true }]
				: [{ name: identity.credential, required: true, testedBy: SIGNING_SECRET_TEST }];
			const { description } = new trigger() as INodeType;
			assert.deepEqual(description.credentials, expected);
		});

		it(`${platform}: the codex files name the node types and the credential's docs`, () => {
			const nodes = [identity.triggerNode, ...(identity.actionNode ? [identity.actionNode] : [])];
			const files = [trigger, ...(action ? [action] : [])].map((Node) => `${Node.name}.node.json`);
			files.forEach((file, index) => {
				const { node, resources } = codex(identity.folder, file);
				assert.equal(node, `${pkg.name}.${nodes[index]}`, file);
				assert.deepEqual(resources.credentialDocumentation, [
					{ url: docsUrl(identity.docsAnchor) },
				]);
			});
		});

		it(`${platform}: package.json lists its nodes and its credential`, () => {
			const listed = (file: string) =>
				pkg.n8n.nodes.includes(file) || pkg.n8n.credentials.includes(file);
			for (const Class of [trigger, ...(action ? [action] : [])]) {
				assert.ok(listed(`dist/nodes/${identity.folder}/${Class.name}.node.js`), Class.name);
			}
			assert.ok(listed(`dist/credentials/${credential.name}.credentials.js`), credential.name);
		});
	}
});
