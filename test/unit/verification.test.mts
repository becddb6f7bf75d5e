// n8n's rules for verifying a community node, each one a program can check, run against the
// repository and the built `dist` (npm test builds first; after changing nodes/ or credentials/
// alone, run `npm run build`). The rules: n8n's "Community node verification guidelines" and its
// "UX guidelines for community nodes", which a verified node must follow too.
//
// Checked in other files, not repeated here:
// - "the linter passes" (n8n's scanner, `@n8n/scan-community-package`): scanner.test.mts runs it
//   over the source and over the packed tarball;
// - "published from a GitHub Actions workflow with provenance": workflows.test.mts;
// - "API keys and secrets are password fields": credentials.test.mts;
// - "a delete returns { deleted: true }": test/engine/notmeta-webhooks.test.mts (NotMeta's webhook
//   delete is the only delete);
// - the n8n manifest (API version, strict mode, listed files built): package.test.mts.
import assert from 'node:assert/strict';
import { accessSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

import ts from 'typescript';

import { anchors as anchorsOf, headings as headingsOf } from '../harness/markdown.mts';
import { builtCredentials, builtNodes, filesUnder, pkg, root } from '../harness/package.mts';

const nodes = builtNodes();
const credentials = builtCredentials();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const sourceFiles = [...filesUnder('nodes', ['.ts']), ...filesUnder('credentials', ['.ts'])].filter(
	(file) => !file.endsWith('.d.ts'),
);
const builtFiles = [
	...filesUnder('dist/nodes', ['.js']),
	...filesUnder('dist/credentials', ['.js']),
];

// ---------------------------------------------------------------------------------------------
// English, judged mechanically: no accented letters used by Spanish or Portuguese, and none of
// their commonest short words. Platform labels stay as the platform shows them, in Spanish where
// the platform's dashboard is, because that is what the user has to find: the code base writes
// them in double quotes or as a dashboard path after "under" ("under Configuración → API Keys",
// credentials/BroteApi.credentials.ts); the README writes them in quotes, italics or code.

const words = (text: string) => text.trim().split(/\s+/);
const ACCENTED = /[áéíóúñãõçàâêôü¿¡]/i;
const FOREIGN_WORDS = new Set(
	words('de del la el los las una uma para con por que não você também são está'),
);

/** Text with the platform labels taken out: quoted text, and a dashboard path after "under". */
function withoutLabels(text: string): string {
	return text
		.replace(/"[^"\n]*"|“[^”\n]*”/g, ' ')
		.replace(/\bunder ([^.;,()\n]*→[^.;,()\n]*)/g, 'under ');
}

/** Why `text` is not English, or undefined when nothing says it is not. */
function notEnglish(text: string): string | undefined {
	const rest = withoutLabels(text);
	const accented = ACCENTED.exec(rest);
	if (accented) return `accented letter "${accented[0]}"`;
	const word = rest
		.split(/\s+/)
		.map((w) => w.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
		.find((w) => FOREIGN_WORDS.has(w));
	return word ? `the word "${word}"` : undefined;
}

/** The texts that are not English, each with where it is and why. */
function foreign(texts: Text[]): string[] {
	return texts.flatMap(({ where, text }) => {
		const why = notEnglish(text);
		return why ? [`${where}: ${why} in ${JSON.stringify(text)}`] : [];
	});
}

// n8n's UX guidelines: error messages and their descriptions avoid these words.
const BLAMING_WORDS = /\b(error|problem|failure|mistake)s?\b/i;

// ---------------------------------------------------------------------------------------------
// The text a user sees in the editor: every display string of the built node and credential
// descriptions, walked recursively.

const TEXT_KEYS = new Set(
	words(`
		displayName description hint placeholder action subtitle errorMessage message
		activationMessage eventTriggerDescription multipleValueButtonText`),
);

interface Text {
	where: string;
	text: string;
}

type Described = Record<string, unknown>;

/**
 * Event samples are shown as a notice per event, "Sample data of <event>, ...:" and then the
 * sample as a list, one field an item. The sample is the platform's own data, in the language
 * its users write in, so only the sentence before the list is the node's text.
 */
function sampleNoticeText(property: Described): string | undefined {
	if (property.type !== 'notice' || !String(property.name).startsWith('sample')) return undefined;
	const text = String(property.displayName);
	const start = text.indexOf('<ul><li>data:');
	assert.ok(start > 0, `${String(property.name)}: no sample after the sentence`);
	return text.slice(0, start);
}

/** Calls `visit` with every object inside `value`, `value` included, and where it is. */
function eachObject(
	value: unknown,
	where: string,
	visit: (object: Described, where: string) => void,
): void {
	if (Array.isArray(value)) {
		value.forEach((item, i) => eachObject(item, `${where}[${i}]`, visit));
	} else if (value && typeof value === 'object') {
		visit(value as Described, where);
		for (const [key, item] of Object.entries(value)) eachObject(item, `${where}.${key}`, visit);
	}
}

/** An option ({ name, value }) shows its `name`; elsewhere `name` is an identifier. */
const isOption = (object: Described) =>
	'value' in object && !('type' in object) && typeof object.name === 'string';

function uiTexts(value: unknown, where: string): Text[] {
	const texts: Text[] = [];
	eachObject(value, where, (object, at) => {
		const sample = sampleNoticeText(object);
		for (const [key, item] of Object.entries(object)) {
			if (typeof item !== 'string') continue;
			if (key === 'displayName' && sample !== undefined)
				texts.push({ where: `${at}.${key}`, text: sample });
			else if (TEXT_KEYS.has(key) || (key === 'name' && isOption(object))) {
				texts.push({ where: `${at}.${key}`, text: item });
			}
		}
	});
	return texts;
}

const nodeTexts = nodes.flatMap(({ file, instance }) =>
	uiTexts(instance.description, `${file} ${instance.description.name}`),
);
const credentialTexts = credentials.flatMap(({ file, instance }) =>
	uiTexts(
		{ displayName: instance.displayName, properties: instance.properties },
		`${file} ${instance.name}`,
	),
);
const editorTexts = [...nodeTexts, ...credentialTexts];

// ---------------------------------------------------------------------------------------------
// Source code, read with TypeScript's parser: comments and identifiers apart, so a comment that
// says "process" is not code that uses it.

function parseFile(file: string): ts.SourceFile {
	return ts.createSourceFile(
		file,
		readFileSync(join(root, file), 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
	visit(node);
	ts.forEachChild(node, (child) => walk(child, visit));
}

/** The fixed text of a string or template literal, with `…` where a template inserts a value. */
function literalText(node: ts.Node): string | undefined {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
	if (ts.isTemplateExpression(node)) {
		return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
	}
	return undefined;
}

function line(source: ts.SourceFile, node: ts.Node): string {
	return `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

const ALLOWED_MODULES = ['n8n-workflow', 'node:crypto', 'crypto'];
// What n8n's scanner and lint ban in node code, and the ways to reach the environment or files.
const BANNED_GLOBALS = new Set(
	words('process globalThis global setTimeout setInterval setImmediate __dirname __filename eval'),
);
const FILE_FUNCTIONS =
	/^(readFile|readFileSync|writeFile|writeFileSync|appendFile|appendFileSync|readdir|readdirSync|createReadStream|createWriteStream|existsSync|openSync|statSync)$/;

/** Every way a file reaches beyond n8n-workflow, crypto and its own package, or into the host. */
function hostAccess(source: ts.SourceFile): string[] {
	const found: string[] = [];
	const moduleUse = (specifier: ts.Node, node: ts.Node) => {
		const name = ts.isStringLiteralLike(specifier) ? specifier.text : specifier.getText(source);
		if (!ALLOWED_MODULES.includes(name) && !name.startsWith('./') && !name.startsWith('../')) {
			found.push(`${line(source, node)} loads "${name}"`);
		}
	};
	walk(source, (node) => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
			moduleUse(node.moduleSpecifier, node);
		} else if (ts.isCallExpression(node) && node.arguments[0]) {
			const callee = node.expression;
			const loads =
				callee.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(callee) && callee.text === 'require');
			if (loads) moduleUse(node.arguments[0], node);
		} else if (ts.isIdentifier(node)) {
			const parent = node.parent;
			const isMemberName =
				(ts.isPropertyAccessExpression(parent) && parent.name === node) ||
				((ts.isPropertyAssignment(parent) ||
					ts.isPropertyDeclaration(parent) ||
					ts.isMethodDeclaration(parent) ||
					ts.isPropertySignature(parent)) &&
					parent.name === node);
			if (FILE_FUNCTIONS.test(node.text)) found.push(`${line(source, node)} uses ${node.text}`);
			else if (BANNED_GLOBALS.has(node.text) && !isMemberName) {
				found.push(`${line(source, node)} uses ${node.text}`);
			} else if (
				node.text === 'Function' &&
				(ts.isNewExpression(parent) || ts.isCallExpression(parent)) &&
				parent.expression === node
			) {
				found.push(`${line(source, node)} uses Function`);
			}
		}
	});
	return found;
}

const ERROR_CLASSES = new Set(['NodeApiError', 'NodeOperationError']);

function isErrorConstruction(node: ts.Node): node is ts.NewExpression {
	return (
		ts.isNewExpression(node) &&
		ts.isIdentifier(node.expression) &&
		ERROR_CLASSES.has(node.expression.text)
	);
}

/**
 * The fixed text of every message and description given to a NodeApiError or NodeOperationError:
 * literals in the constructor's arguments (after the node), literals a constant named there holds,
 * and literals passed to a function of the same file that hands its parameter to the constructor
 * (such as `invalid(this, itemIndex, message)` in nodes/actions/validation.ts).
 */
function errorMessages(source: ts.SourceFile): Text[] {
	const constants = new Map<string, ts.Expression>();
	const wrappers = new Map<string, number[]>();
	const constructions: ts.NewExpression[] = [];
	walk(source, (node) => {
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			constants.set(node.name.text, node.initializer);
		}
		if (isErrorConstruction(node)) constructions.push(node);
		if (ts.isFunctionDeclaration(node) && node.name && node.body) {
			const parameters = node.parameters.map((p) => p.name.getText(source));
			const passed = new Set<number>();
			walk(node.body, (inner) => {
				if (!isErrorConstruction(inner)) return;
				for (const argument of inner.arguments?.slice(1) ?? []) {
					walk(argument, (n) => {
						if (ts.isIdentifier(n) && parameters.includes(n.text))
							passed.add(parameters.indexOf(n.text));
					});
				}
			});
			if (passed.size > 0) wrappers.set(node.name.text, [...passed]);
		}
	});

	const texts: Text[] = [];
	const collect = (expression: ts.Node, depth = 0) =>
		walk(expression, (n) => {
			const text = literalText(n);
			const isKey = ts.isPropertyAssignment(n.parent) && n.parent.name === n;
			if (text !== undefined && !isKey) texts.push({ where: line(source, n), text });
			if (depth === 0 && ts.isIdentifier(n) && constants.has(n.text))
				collect(constants.get(n.text)!, 1);
		});
	for (const construction of constructions) {
		for (const argument of construction.arguments?.slice(1) ?? []) collect(argument);
	}
	walk(source, (node) => {
		if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
		for (const index of wrappers.get(node.expression.text) ?? []) {
			if (node.arguments[index]) collect(node.arguments[index]);
		}
	});
	const unique = new Map(texts.map((text) => [`${text.where} ${text.text}`, text]));
	return [...unique.values()];
}

/**
 * Every string in node and credential source but the platforms' event samples: the `sample`
 * of each event and the records those samples are built from, the file-level constants of
 * each platform's events.ts (nodes/<Platform>/events.ts) that are not exported.
 */
function sourceStrings(source: ts.SourceFile): Text[] {
	const texts: Text[] = [];
	const sampleRecords = /^nodes\/[^/]+\/events\.ts$/.test(source.fileName);
	const visit = (node: ts.Node): void => {
		if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'sample') return;
		if (
			sampleRecords &&
			ts.isVariableStatement(node) &&
			node.parent === source &&
			!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
		) {
			return;
		}
		const text = literalText(node);
		if (text !== undefined) texts.push({ where: line(source, node), text });
		ts.forEachChild(node, visit);
	};
	visit(source);
	return texts;
}

const sources = sourceFiles.map(parseFile);
const messages = sources.flatMap(errorMessages);

// ---------------------------------------------------------------------------------------------

describe('the checks catch what they look for (so a pass means something)', () => {
	const probe = (lines: string[]) =>
		ts.createSourceFile('probe.ts', lines.join('\n'), ts.ScriptTarget.Latest, true);

	it('English: Spanish and Portuguese are caught, platform labels are not', () => {
		for (const text of [
			'Clave de la API',
			'Número de teléfono',
			'Respondió a una campaña',
			'Você não tem acesso',
			'Created in Brote under Configuración',
		]) {
			assert.ok(notEnglish(text), text);
		}
		for (const text of [
			'Created per organization in Brote under Configuración → API Keys',
			'Open "Configuración" in Brote, then API Keys',
			'Requests a minute your plan allows; under the limit, nothing waits',
		]) {
			assert.equal(notEnglish(text), undefined, text);
		}
	});

	it('host access: the environment, files, timers and other modules are caught in code, not in comments', () => {
		const source = probe([
			"import { readFile } from 'node:fs/promises';",
			"import { NodeApiError } from 'n8n-workflow';",
			"import { helper } from './helper';",
			'// process.env and setTimeout in a comment are fine',
			'const key = process.env.KEY;',
			"const fs = require('fs');",
			'setTimeout(() => undefined, 1);',
			'const g = globalThis;',
			'const x = { process: 1 }.process;',
		]);
		assert.deepEqual(hostAccess(source), [
			'probe.ts:1 loads "node:fs/promises"',
			'probe.ts:1 uses readFile',
			'probe.ts:5 uses process',
			'probe.ts:6 loads "fs"',
			'probe.ts:7 uses setTimeout',
			'probe.ts:8 uses globalThis',
		]);
	});

	it('error messages: literals, constants and wrapper arguments are all found', () => {
		const source = probe([
			'function invalid(node, message, description) {',
			'  return new NodeOperationError(node, message, { description });',
			'}',
			"const story = 'the whole story';",
			"throw new NodeApiError(node, { message: story }, { message: `Got ${x} back`, description: 'Try again' });",
			"throw invalid(node, 'Field must be a number', 'Enter a number');",
		]);
		assert.deepEqual(
			errorMessages(source)
				.map((m) => m.text)
				.sort(),
			['Enter a number', 'Field must be a number', 'Got … back', 'Try again', 'the whole story'],
		);
	});
});

describe('n8n verification: the package', () => {
	it('is built and linted with the n8n-node tool', () => {
		assert.ok(pkg.devDependencies['@n8n/node-cli']);
		assert.equal(pkg.scripts.build, 'n8n-node build');
		assert.equal(pkg.scripts.lint, 'n8n-node lint');
		// No script npm would run on install: n8n's scanner refuses them.
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
			assert.equal(pkg.scripts[script], undefined, script);
		}
	});

	it('has no runtime dependencies, and n8n-workflow only as a peer, any version', () => {
		assert.deepEqual(pkg.dependencies ?? {}, {});
		assert.deepEqual(pkg.peerDependencies, { 'n8n-workflow': '*' });
	});

	it('is MIT licensed, in package.json and in LICENSE.md', () => {
		assert.equal(pkg.license, 'MIT');
		const license = readFileSync(join(root, 'LICENSE.md'), 'utf8');
		assert.match(license, /^MIT License\n/);
		assert.match(
			license,
			/Permission is hereby granted, free of charge, to any person obtaining a copy/,
		);
		assert.match(license, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
	});

	it('names its public GitHub repository, author and homepage, all of one repository', () => {
		const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
		const [, owner, name] =
			/^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(repository ?? '') ??
			[];
		assert.ok(owner && name, `repository: ${repository}`);
		assert.ok(
			pkg.homepage?.startsWith(`https://github.com/${owner}/${name}#`),
			`homepage: ${pkg.homepage}`,
		);
		const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
		assert.ok(author && author.trim().length > 0, 'author');
	});

	it('is written in TypeScript: every node and credential it lists is built from a .ts file', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			assert.ok(existsSync(join(root, source)), `${file} has no ${source}`);
		}
	});
});

describe('n8n verification: documentation', () => {
	const headings = headingsOf(readme);
	const anchors = anchorsOf(readme);
	const section = (title: string) => {
		const start = readme.indexOf(`\n## ${title}\n`);
		assert.ok(start >= 0, `README has no "## ${title}"`);
		const end = readme.indexOf('\n## ', start + 1);
		return readme.slice(start, end < 0 ? undefined : end);
	};

	it('the README says how to install, what each node and credential is, and has examples', () => {
		assert.ok(
			headings.some((h) => /^Install\b/.test(h)),
			'an install section',
		);
		assert.ok(headings.includes('Triggers') && headings.includes('Platforms'));
		for (const { instance } of nodes) {
			assert.ok(
				readme.includes(instance.description.displayName),
				instance.description.displayName,
			);
			const platform = instance.description.displayName.replace(/ Trigger$/, '');
			assert.ok(headings.includes(platform), `a section on ${platform}`);
		}
		for (const { instance } of credentials) {
			assert.ok(readme.includes(instance.displayName), `credential ${instance.displayName}`);
		}
	});

	it('the README names every example workflow in examples/, and only those', () => {
		const examples = filesUnder('examples', ['.json']).map((file) =>
			file.replace(/^examples\//, ''),
		);
		assert.ok(examples.length > 0);
		const named = [...section('Examples').matchAll(/`([\w.-]+\.json)`/g)].map(([, file]) => file!);
		assert.deepEqual([...new Set(named)].sort(), examples);
	});

	it('every link into the README, from the nodes, credentials, codex files or itself, lands', () => {
		const home = pkg.homepage!.replace(/#.*$/, '');
		const linked = new Set<string>();
		const texts = [
			JSON.stringify(nodes.map(({ instance }) => instance.description)),
			JSON.stringify(credentials.map(({ instance }) => instance)),
			...filesUnder('dist/nodes', ['.node.json']).map((file) =>
				readFileSync(join(root, file), 'utf8'),
			),
		];
		for (const text of texts) {
			for (const [, anchor] of text.matchAll(
				new RegExp(`${home.replace(/[.]/g, '\\.')}#([\\w-]+)`, 'g'),
			)) {
				linked.add(anchor!);
			}
		}
		assert.ok(linked.size >= 10, `only ${linked.size} links`);
		for (const [, anchor] of readme.matchAll(/\]\(#([\w-]+)\)/g)) linked.add(anchor!);
		const missing = [...linked].filter((anchor) => !anchors.has(anchor));
		assert.deepEqual(missing, [], `README has no heading or anchor for ${missing.join(', ')}`);
	});
});

describe('n8n verification: no environment variables, files or other modules', () => {
	it('in the source of nodes and credentials', () => {
		assert.ok(sources.length > 20);
		assert.deepEqual(sources.flatMap(hostAccess), []);
	});

	it('in the built JavaScript n8n loads', () => {
		assert.ok(builtFiles.length > 20, 'no build: run `npm run build`');
		assert.deepEqual(builtFiles.map(parseFile).flatMap(hostAccess), []);
	});
});

describe('n8n verification: English only', () => {
	it('in every display text of the nodes and credentials, in the built descriptions', () => {
		assert.ok(nodeTexts.length > 500 && credentialTexts.length > 20);
		assert.deepEqual(foreign(editorTexts), []);
	});

	it('in every error message and its description', () => {
		assert.ok(messages.length > 20, `only ${messages.length} messages found`);
		assert.deepEqual(foreign(messages), []);
	});

	it('in every other string of node and credential source, event samples aside', () => {
		assert.deepEqual(foreign(sources.flatMap(sourceStrings)), []);
	});

	it('in the README, code, quotes and italics aside', () => {
		const blank = (text: string) => text.replace(/[^\n]/g, '');
		const prose = readme
			.replace(/```[\s\S]*?```/g, blank)
			.replace(/`[^`\n]*`/g, ' ')
			.replace(/\*\*/g, '')
			.replace(/\*[^*\n]+\*/g, ' ')
			.replace(/\]\([^)]*\)/g, ']');
		const lines = prose.split('\n').map((text, i) => ({ where: `README.md:${i + 1}`, text }));
		assert.deepEqual(foreign(lines), []);
	});
});

describe("n8n's UX guidelines", () => {
	it('error messages and descriptions avoid "error", "problem", "failure" and "mistake"', () => {
		const blaming = [
			...new Set(messages.filter(({ text }) => BLAMING_WORDS.test(text)).map(({ text }) => text)),
		];
		assert.deepEqual(blaming, []);
	});

	// Every object in the built descriptions: node descriptions, and credential properties.
	const described = (visit: (object: Described, where: string) => void) => {
		for (const { file, instance } of nodes) eachObject(instance.description, file, visit);
		for (const { file, instance } of credentials) eachObject(instance.properties, file, visit);
	};

	it('Title Case for names and labels, sentence case for descriptions and actions', () => {
		const SMALL = new Set(words('a an the and or of in on to for by at with from as per via'));
		// Platform identifiers such as event types (contact.created) are shown as they are.
		const identifier = (word: string) => /[._*:/@{]/.test(word) || /\d/.test(word);
		const titleCase = (text: string) =>
			words(text).every(
				(word, i) => !/^[a-z]/.test(word) || (i > 0 && SMALL.has(word)) || identifier(word),
			);
		const wrong: string[] = [];
		described((object, where) => {
			const label = object.type !== 'notice' ? object.displayName : undefined;
			const option = isOption(object) ? object.name : undefined;
			for (const text of [label, option]) {
				if (typeof text === 'string' && !titleCase(text)) {
					wrong.push(`${where}: "${text}" is not Title Case`);
				}
			}
			for (const key of ['description', 'action', 'hint']) {
				const text = object[key];
				if (typeof text === 'string' && /^[a-z]/.test(text) && !identifier(words(text)[0]!)) {
					wrong.push(`${where}.${key}: "${text}" does not start as a sentence`);
				}
			}
		});
		assert.deepEqual(wrong, []);
	});

	it('a boolean parameter is described with "Whether ..."', () => {
		const wrong: string[] = [];
		described((object, where) => {
			if (object.type === 'boolean' && !/^Whether\b/.test(String(object.description))) {
				wrong.push(`${where} ${String(object.name)}: ${JSON.stringify(object.description)}`);
			}
		});
		assert.deepEqual(wrong, []);
	});

	it('a resource locator starts on "From list"', () => {
		const locators: string[] = [];
		described((object, where) => {
			if (object.type !== 'resourceLocator') return;
			locators.push(where);
			const modes = object.modes as Array<{ name: string }>;
			if (modes.some((mode) => mode.name === 'list')) {
				assert.equal((object.default as { mode?: string }).mode, 'list', where);
			}
		});
		assert.ok(locators.length > 0);
	});
});

describe('n8n verification: icons and tools', () => {
	it('every node and credential has a light and a dark icon, both files present', () => {
		const items = [
			...nodes.map(({ file, instance }) => ({
				file,
				name: instance.description.name,
				icon: instance.description.icon,
			})),
			...credentials.map(({ file, instance }) => ({
				file,
				name: instance.name,
				icon: instance.icon,
			})),
		];
		assert.equal(items.length, pkg.n8n.nodes.length + pkg.n8n.credentials.length);
		for (const { file, name, icon } of items) {
			assert.ok(icon && typeof icon === 'object', `${name}: icon is not { light, dark }`);
			const { light, dark } = icon as { light: string; dark: string };
			assert.notEqual(light, dark, `${name}: one icon for both themes`);
			for (const path of [light, dark]) {
				assert.match(path, /^file:.+\.(svg|png)$/, `${name}: ${path}`);
				const built = join(root, dirname(file), path.slice('file:'.length));
				assert.ok(statSync(built).size > 0, `${name}: ${relative(root, built)} missing`);
				accessSync(built.replace(`${join(root, 'dist')}/`, root));
			}
		}
	});

	it('the action nodes, Brote and NotMeta, can be used as AI tools', () => {
		const actions = nodes.filter(({ instance }) => !instance.description.group.includes('trigger'));
		assert.deepEqual(actions.map(({ instance }) => instance.description.name).sort(), [
			'brote',
			'notMeta',
		]);
		for (const { instance } of actions) assert.equal(instance.description.usableAsTool, true);
	});
});
