// The output schemas n8n's editor can preview before a trigger's first event: n8n reads
// `__schema__/v<version>.json` next to a node without resource and operation. They are derived
// from the profiles' samples; `UPDATE_SCHEMAS=1` rewrites them after a profile changes.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { identities, profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId, PlatformProfile } from '../../nodes/platforms/types.ts';
import { envelopeItemField } from '../../nodes/trigger/envelope.ts';

interface JsonSchema {
	type: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	enum?: string[];
}

function schemaOf(value: unknown): JsonSchema {
	if (value === null) return { type: 'null' };
	if (Array.isArray(value)) {
		return value.length === 0
			? { type: 'array' }
			: { type: 'array', items: value.map(schemaOf).reduce(merge) };
	}
	if (typeof value === 'object') {
		const properties = Object.fromEntries(
			Object.entries(value).map(([key, v]) => [key, schemaOf(v)]),
		);
		return { type: 'object', properties };
	}
	return { type: typeof value };
}

/** One schema for values seen in several events: objects merge their fields, a null gives way. */
function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
	if (a.type === 'null') return b;
	if (b.type === 'null' || a.type !== b.type) return a;
	if (a.type === 'object') {
		const properties = { ...a.properties };
		for (const [key, schema] of Object.entries(b.properties ?? {})) {
			properties[key] = properties[key] ? merge(properties[key], schema) : schema;
		}
		return { type: 'object', properties };
	}
	if (a.type === 'array' && (a.items || b.items)) {
		return {
			type: 'array',
			items: a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items),
		};
	}
	return a;
}

/**
 * An item with "Output: Full Envelope"; `data` has the fields of every event's sample, and the
 * envelope's other fields (Brote's organizationId) sit beside occurredAt.
 */
function triggerSchema(profile: PlatformProfile): JsonSchema {
	const samples = Object.values(profile.events).map((event) => schemaOf(event.sample));
	const extras = Object.keys(profile.envelope.extraFields ?? {}).map((field) => [
		envelopeItemField(field),
		{ type: 'string' },
	]);
	return {
		type: 'object',
		properties: {
			platform: { type: 'string', enum: [profile.id] },
			id: { type: 'string' },
			type: { type: 'string', enum: Object.keys(profile.events) },
			occurredAt: { type: 'string' },
			...Object.fromEntries(extras),
			data: samples.reduce(merge),
			known: { type: 'boolean' },
			signature: { type: 'string', enum: ['raw', 'compact-json'] },
		},
	};
}

describe('output schemas for the editor', () => {
	for (const platform of Object.keys(identities) as PlatformId[]) {
		const directory = identities[platform].folder;
		it(`${profiles[platform].displayName} Trigger's schema matches its profile's samples`, () => {
			const folder = new URL(`../../nodes/${directory}/__schema__/`, import.meta.url);
			const file = new URL('v1.0.0.json', folder);
			const expected = triggerSchema(profiles[platform]);
			if (process.env.UPDATE_SCHEMAS === '1') {
				mkdirSync(folder, { recursive: true });
				writeFileSync(file, `${JSON.stringify(expected, null, '\t')}\n`);
			}
			assert.deepEqual(
				JSON.parse(readFileSync(file, 'utf8')),
				expected,
				'run with UPDATE_SCHEMAS=1 to regenerate',
			);
			const built = (path: string) =>
				existsSync(new URL(`../../dist/nodes/${directory}/${path}`, import.meta.url));
			if (built(`${directory}Trigger.node.js`))
				assert.ok(built('__schema__/v1.0.0.json'), 'the build ships the schema');
		});
	}
});
