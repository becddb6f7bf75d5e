// A saved workflow holds only the parameters a user changed; n8n fills in the rest from the node's
// description at the version the node was saved with, and a saved credential likewise. So within
// a node version, a parameter's name, type, default, option values and display conditions, and
// what "All Events" means, must stay as parameters.snapshot.json records them; credentials, which
// n8n does not version, keep every property they have. Additions are allowed and recorded: run
// UPDATE_PARAMETER_SNAPSHOT=1 node scripts/run-tests.mjs test/unit/parameters.test.mts
// That writes new versions and additions, and refuses while anything recorded would change.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';

import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import { catalogAt } from '../../nodes/trigger/versions.ts';
import { workflowLib } from '../harness/n8n.mts';
import { CLASSES, CREDENTIAL_CLASSES, PLATFORMS } from '../harness/platforms.mts';

const SNAPSHOT = new URL('parameters.snapshot.json', import.meta.url);
const UPDATE = process.env.UPDATE_PARAMETER_SNAPSHOT === '1';
const HOW_TO_RECORD =
	'UPDATE_PARAMETER_SNAPSHOT=1 node scripts/run-tests.mjs test/unit/parameters.test.mts';

/** What a saved workflow depends on in one parameter. */
interface Parameter {
	name: string;
	type: string;
	default: unknown;
	displayOptions?: IDisplayOptions;
	/** An option's value, a collection's parameter, or a fixed collection's group. */
	options?: Array<unknown | Parameter | Group>;
}

interface Group {
	name: string;
	values: Parameter[];
}

interface VersionEntry {
	properties: Parameter[];
	/** What "All Events" subscribes to at this version: a computed default. */
	allEvents?: string[];
}

interface Snapshot {
	nodes: Record<string, Record<string, VersionEntry>>;
	credentials: Record<string, Parameter[]>;
}

type Shown = Pick<INodeProperties, 'displayOptions'>;

/** Whether a parameter's `@version` conditions show it at this version (n8n's own check). */
function shownAt(parameter: Shown, version: number | undefined): boolean {
	if (version === undefined) return true;
	const show = parameter.displayOptions?.show?.['@version'];
	const hide = parameter.displayOptions?.hide?.['@version'];
	return (
		(show === undefined || workflowLib.NodeHelpers.checkConditions(show, [version])) &&
		(hide === undefined || !workflowLib.NodeHelpers.checkConditions(hide, [version]))
	);
}

/** The display conditions other than `@version`, which the entry's version already resolves. */
function conditions(options: IDisplayOptions | undefined): IDisplayOptions | undefined {
	const result: IDisplayOptions = {};
	for (const key of ['show', 'hide'] as const) {
		const entries = Object.entries(options?.[key] ?? {}).filter(([name]) => name !== '@version');
		if (entries.length > 0) result[key] = Object.fromEntries(entries);
	}
	return Object.keys(result).length > 0 ? result : undefined;
}

function option(
	entry: INodePropertyOptions | INodeProperties | INodePropertyCollection,
	version: number | undefined,
): unknown {
	if ('value' in entry) return entry.value;
	if ('type' in entry) return parameter(entry, version);
	return { name: entry.name, values: parameters(entry.values, version) };
}

function parameter(property: INodeProperties, version: number | undefined): Parameter {
	return {
		name: property.name,
		type: property.type,
		default: property.default,
		displayOptions: conditions(property.displayOptions),
		options: property.options?.map((entry) => option(entry, version)),
	};
}

function parameters(properties: INodeProperties[], version?: number): Parameter[] {
	return properties
		.filter((property) => shownAt(property, version))
		.map((property) => parameter(property, version));
}

function versionsOf(node: INodeType | IVersionedNodeType): Array<[number, INodeType]> {
	if ('nodeVersions' in node) {
		return Object.entries(node.nodeVersions).map(([version, type]) => [Number(version), type]);
	}
	const { version } = node.description;
	return (Array.isArray(version) ? version : [version]).map((v) => [v, node]);
}

/** Today's parameters of every node version and credential, as JSON keeps them. */
function currentSnapshot(): Snapshot {
	const snapshot: Snapshot = { nodes: {}, credentials: {} };
	for (const platform of PLATFORMS) {
		const { trigger, action } = CLASSES[platform];
		for (const [Node, isTrigger] of [
			[trigger, true],
			[action, false],
		] as const) {
			if (!Node) continue;
			const node = new Node();
			snapshot.nodes[node.description.name] = Object.fromEntries(
				versionsOf(node).map(([version, type]): [string, VersionEntry] => [
					String(version),
					{
						properties: parameters(type.description.properties, version),
						...(isTrigger ? { allEvents: catalogAt(profiles[platform], version) } : {}),
					},
				]),
			);
		}
	}
	for (const Credential of CREDENTIAL_CLASSES) {
		const credential = new Credential();
		snapshot.credentials[credential.name] = parameters(credential.properties);
	}
	return JSON.parse(JSON.stringify(snapshot)) as Snapshot;
}

function isParameter(value: unknown): value is Parameter {
	return typeof value === 'object' && value !== null && 'type' in value;
}

function isGroup(value: unknown): value is Group {
	return typeof value === 'object' && value !== null && 'values' in value;
}

function show(value: unknown): string {
	return JSON.stringify(value) ?? 'nothing';
}

/** What a saved value would meet differently: each recorded parameter, as it is now. */
function changes(recorded: Parameter[], current: Parameter[], path = ''): string[] {
	const found: string[] = [];
	for (const before of recorded) {
		const name = `${path}${before.name}`;
		const sameName = current.filter((p) => p.name === before.name);
		const now = sameName.find((p) => isDeepStrictEqual(p.displayOptions, before.displayOptions));
		if (sameName.length === 0) {
			found.push(`"${name}" is gone`);
			continue;
		}
		if (!now) {
			found.push(
				`"${name}" is shown when ${show(sameName.map((p) => p.displayOptions))}, not ${show(before.displayOptions)}`,
			);
			continue;
		}
		if (now.type !== before.type)
			found.push(`"${name}" is of type ${now.type}, not ${before.type}`);
		if (!isDeepStrictEqual(now.default, before.default)) {
			found.push(`"${name}" defaults to ${show(now.default)}, not ${show(before.default)}`);
		}
		found.push(...optionChanges(before.options ?? [], now.options ?? [], `${name}.`));
	}
	return found;
}

function optionChanges(recorded: unknown[], current: unknown[], path: string): string[] {
	const nested = (pick: (value: unknown) => boolean) => current.filter(pick) as never[];
	const found = changes(recorded.filter(isParameter), nested(isParameter), path);
	for (const group of recorded.filter(isGroup)) {
		const now = nested(isGroup).find((g: Group) => g.name === group.name) as Group | undefined;
		if (now) found.push(...changes(group.values, now.values, `${path}${group.name}.`));
		else found.push(`"${path}${group.name}" is gone`);
	}
	for (const value of recorded.filter((v) => !isParameter(v) && !isGroup(v))) {
		if (!current.some((v) => isDeepStrictEqual(v, value))) {
			found.push(`"${path.slice(0, -1)}" has no option ${show(value)} any more`);
		}
	}
	return found;
}

function nodeChanges(recorded: VersionEntry, current: VersionEntry): string[] {
	const found = changes(recorded.properties, current.properties);
	if (!isDeepStrictEqual(recorded.allEvents, current.allEvents)) {
		found.push(
			`"All Events" would subscribe to ${show(current.allEvents)}, not ${show(recorded.allEvents)}`,
		);
	}
	return found;
}

const recorded: Snapshot = existsSync(SNAPSHOT)
	? (JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot)
	: { nodes: {}, credentials: {} };
const current = currentSnapshot();

/** What would change for saved workflows, one message per node version or credential. */
function nodeProblems(name: string): string[] {
	const now = current.nodes[name];
	return Object.entries(recorded.nodes[name]).flatMap(([version, entry]) => {
		if (!now?.[version]) {
			return [
				`${name}: version ${version} is gone, so n8n could no longer load workflows saved with it. Keep it in the description's version list.`,
			];
		}
		const found = nodeChanges(entry, now[version]);
		if (found.length === 0) return [];
		return [
			`${name} version ${version}: ${found.join('; ')}. A workflow saved with version ${version} keeps only what its user changed, and n8n fills in the rest from this description, so it would now run differently. Raise the node's version instead: add the next number to the description's version list, show the changed parameter from the new version on with '@version' display conditions and keep version ${version}'s as it was, then record the new version with ${HOW_TO_RECORD} (CONTRIBUTING.md, "Raising a node's version").`,
		];
	});
}

function credentialProblems(name: string): string[] {
	const now = current.credentials[name];
	const found = now ? changes(recorded.credentials[name], now) : ['the credential is gone'];
	if (found.length === 0) return [];
	return [
		`${name}: ${found.join('; ')}. n8n does not version credentials, and a saved credential keeps only the values its user entered: keep this property as it was and add a new property instead, then record it with ${HOW_TO_RECORD}.`,
	];
}

const problems = [
	...Object.keys(recorded.nodes).map((name): [string, string[]] => [name, nodeProblems(name)]),
	...Object.keys(recorded.credentials).map((name): [string, string[]] => [
		name,
		credentialProblems(name),
	]),
];

describe('recorded parameters stay as they are', () => {
	for (const [name, found] of problems) {
		it(name, () => assert.equal(found.length, 0, found.join('\n')));
	}
});

/** Node versions and credentials whose parameters differ from the snapshot's. */
function unrecorded(): string[] {
	const versions = Object.entries(current.nodes).flatMap(([name, entries]) =>
		Object.entries(entries)
			.filter(([version, entry]) => !isDeepStrictEqual(entry, recorded.nodes[name]?.[version]))
			.map(([version]) => `${name} version ${version}`),
	);
	const credentials = Object.entries(current.credentials)
		.filter(([name, properties]) => !isDeepStrictEqual(properties, recorded.credentials[name]))
		.map(([name]) => name);
	return [...versions, ...credentials];
}

it('the snapshot records every node version, credential and addition', () => {
	const missing = unrecorded();
	if (missing.length === 0) return;
	const breaking = problems.flatMap(([, found]) => found);
	if (UPDATE) {
		assert.equal(
			breaking.length,
			0,
			`Not written: recorded parameters would change.\n${breaking.join('\n')}`,
		);
		writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, '\t')}\n`);
		return;
	}
	assert.fail(
		`Parameters not in test/unit/parameters.snapshot.json: ${missing.join(', ')}. Record them with ${HOW_TO_RECORD}.`,
	);
});
