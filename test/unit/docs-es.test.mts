// The Spanish quickstart (docs/es/README.md) follows the English README: its links land, its
// commands are the README's (which install-docs.test.mts holds to what the suites run), each of
// its sections names the English section it summarises, and what it quotes from the nodes and
// the platforms' dashboards is quoted as the English README quotes it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

import { anchors, linkTargets, sections, shellCommands } from '../harness/markdown.mts';
import { filesUnder, root } from '../harness/package.mts';

const SPANISH = 'docs/es/README.md';
const es = readFileSync(join(root, SPANISH), 'utf8');
const en = readFileSync(join(root, 'README.md'), 'utf8');

/** A relative link of the Spanish page: the file it names, inside the repository, and its anchor. */
function resolveLink(target: string): { file: string; anchor?: string } {
	const [path, anchor] = target.split('#') as [string, string | undefined];
	const file = path ? resolve(root, dirname(SPANISH), decodeURI(path)) : join(root, SPANISH);
	return { file, anchor };
}

const relativeLinks = linkTargets(es).filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));

describe('the Spanish quickstart', () => {
	it('links only to files of the repository that exist, and to headings or anchors they have', () => {
		assert.ok(relativeLinks.length >= 10, `only ${relativeLinks.length} links`);
		const broken: string[] = [];
		for (const target of relativeLinks) {
			const { file, anchor } = resolveLink(target);
			const inside = relative(root, file);
			if (inside.startsWith('..') || !existsSync(file)) {
				broken.push(`${target}: no such file in the repository`);
			} else if (anchor !== undefined) {
				const offered =
					file.endsWith('.md') && statSync(file).isFile()
						? anchors(readFileSync(file, 'utf8'))
						: new Set<string>();
				if (!offered.has(anchor)) broken.push(`${target}: ${inside} has no #${anchor}`);
			}
		}
		assert.deepEqual(broken, []);
	});

	it('gives only shell commands that the English README gives', () => {
		const english = new Set(shellCommands(en).map((words) => words.join(' ')));
		const spanish = shellCommands(es).map((words) => words.join(' '));
		assert.ok(spanish.length >= 5, `only ${spanish.length} commands`);
		assert.deepEqual(
			spanish.filter((command) => !english.has(command)),
			[],
		);
	});

	it('names, in each section, the English section it follows, which still exists', () => {
		const englishAnchors = anchors(en);
		const parts = sections(es);
		assert.ok(parts.length >= 4, `only ${parts.length} sections`);
		for (const { heading, body } of parts) {
			const mirrored = linkTargets(body)
				.map(resolveLink)
				.filter(({ file, anchor }) => file === join(root, 'README.md') && anchor)
				.map(({ anchor }) => anchor!);
			assert.ok(mirrored.length > 0, `"## ${heading}" links to no section of the English README`);
			for (const anchor of mirrored) {
				assert.ok(englishAnchors.has(anchor), `"## ${heading}": README.md has no #${anchor}`);
			}
		}
	});

	it('names every example workflow in examples/, and only those', () => {
		const examples = filesUnder('examples', ['.json']).map((file) =>
			file.replace(/^examples\//, ''),
		);
		const named = [...es.matchAll(/`([\w.-]+\.json)`/g)].map(([, file]) => file!);
		assert.deepEqual([...new Set(named)].sort(), examples);
	});

	it('quotes names in bold, dashboard labels in italics and messages in quotes as the English README does', () => {
		const prose = es.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
		const bold = [...prose.matchAll(/\*\*([^*]+?)\*\*/g)].map(([, text]) => text!);
		const italic = [...prose.replace(/\*\*[^*]+?\*\*/g, '').matchAll(/\*([^*\n]+)\*/g)].map(
			([, text]) => text!,
		);
		const quoted = [...prose.matchAll(/"([^"\n]+)"/g)].map(([, text]) => text!);
		assert.ok(bold.length >= 20 && italic.length >= 4 && quoted.length >= 5);
		const flat = (text: string) => text.replace(/\s+/g, ' ');
		const english = flat(en);
		assert.deepEqual(
			[...bold, ...italic, ...quoted].map(flat).filter((text) => !english.includes(text)),
			[],
		);
	});
});
