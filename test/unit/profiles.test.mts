import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { profiles, type PlatformProfile } from '../../nodes/platforms/index.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';

// The users' page on the platforms is the contract the profiles must match; it is in the repo, so a
// clone alone runs this test.
const PLATFORMS_MD = readFileSync(new URL('../../docs/platforms.md', import.meta.url), 'utf8');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function byDisplayName(name: string): PlatformProfile {
	const profile = Object.values(profiles).find((p) => p.displayName === name);
	assert.ok(profile, `docs/platforms.md names a platform with no profile: ${name}`);
	return profile;
}

/** `- Brote: a, b, c` lines under "Events, exactly as documented" (Prettier puts a blank line first). */
function documentedEvents(): Map<string, string[]> {
	const section = PLATFORMS_MD.split('Events, exactly as documented:')[1]
		?.trimStart()
		.split('\n\n')[0];
	assert.ok(section, 'the event list section of docs/platforms.md');
	const lists = new Map<string, string[]>();
	for (const match of section.matchAll(/^- (\w+): (.+)$/gm)) {
		lists.set(
			match[1],
			match[2].split(',').map((name) => name.trim()),
		);
	}
	assert.equal(lists.size, 5, 'five event lists in docs/platforms.md');
	return lists;
}

/**
 * Rows `| Name | cell | cell | ... |` of the table whose header row starts with `| <firstHeader> |`,
 * its cells padded or not (Prettier aligns the columns).
 */
function tableRows(firstHeader: string): Map<string, string[]> {
	const header = new RegExp(`^\\| ${firstHeader.replaceAll(' | ', ' +\\| ')} +\\|`, 'm');
	const start = PLATFORMS_MD.search(header);
	assert.ok(start >= 0, `a table starting with "${firstHeader}"`);
	const rows = new Map<string, string[]>();
	for (const line of PLATFORMS_MD.slice(start).split('\n').slice(2)) {
		if (!line.startsWith('|')) break;
		const cells = line
			.split('|')
			.slice(1, -1)
			.map((cell) => cell.trim());
		rows.set(cells[0], cells.slice(1));
	}
	assert.equal(rows.size, 5, `five platform rows under "${firstHeader}"`);
	return rows;
}

/** "1 min, 5 min, 30 min, 2 h" to milliseconds. */
function durations(text: string): number[] {
	return [...text.matchAll(/(\d+) (min|h|s)\b/g)].map(
		([, n, unit]) => Number(n) * (unit === 'h' ? HOUR : unit === 'min' ? MINUTE : 1000),
	);
}

describe('event catalogs', () => {
	const documented = documentedEvents();

	it('cover the five platforms', () => {
		assert.deepEqual(
			[...documented.keys()].map((name) => byDisplayName(name).id).sort(),
			Object.keys(profiles).sort(),
		);
	});

	for (const [name, events] of documented) {
		it(`${name} lists exactly the documented events, in order`, () => {
			assert.deepEqual(Object.keys(byDisplayName(name).events), events);
		});
	}

	it('hold 51 events in all', () => {
		const total = Object.values(profiles).reduce((n, p) => n + Object.keys(p.events).length, 0);
		assert.equal(total, 51);
		assert.equal([...documented.values()].flat().length, 51);
	});

	it('describe every event in one non-empty line', () => {
		for (const profile of Object.values(profiles)) {
			for (const [type, spec] of Object.entries(profile.events)) {
				const where = `${profile.id} ${type}`;
				assert.ok(spec.description.trim().length > 0, where);
				assert.doesNotMatch(spec.description, /[\r\n]/, where);
				assert.equal(spec.description, spec.description.trim(), where);
			}
		}
	});

	it('carry a JSON-serializable object as every sample', () => {
		for (const profile of Object.values(profiles)) {
			for (const [type, spec] of Object.entries(profile.events)) {
				const where = `${profile.id} ${type}`;
				const { sample } = spec;
				assert.ok(typeof sample === 'object' && sample !== null && !Array.isArray(sample), where);
				assert.deepEqual(JSON.parse(JSON.stringify(sample)), sample, where);
			}
		}
	});
});

describe('profiles', () => {
	it('are keyed by their own id', () => {
		for (const [key, profile] of Object.entries(profiles)) assert.equal(profile.id, key);
	});

	it('use the documented signature headers and formats', () => {
		for (const [name, [header, value]] of tableRows('platform | header')) {
			const { signature } = byDisplayName(name);
			assert.equal(`\`${signature.header}\``, header, name);
			const expected = value.includes('optional')
				? 'optional'
				: value.startsWith('`sha256=')
					? 'required'
					: 'none';
			assert.equal(signature.prefix, expected, name);
		}
	});

	it('build envelopes with the documented fields, in order', () => {
		for (const [name, [envelope]] of tableRows('platform | envelope')) {
			const profile = byDisplayName(name);
			const fields = /`\{ ([^}]+) \}`/.exec(envelope)?.[1].split(', ');
			assert.ok(fields, `${name} envelope in docs/platforms.md`);
			const [type, spec] = Object.entries(profile.events)[0];
			const body = buildEnvelope(profile, { type, data: spec.sample, id: 'evt_1' });
			assert.deepEqual(Object.keys(body), fields, name);
		}
	});

	it('de-duplicate Brote by the body hash and the others by the event id', () => {
		for (const profile of Object.values(profiles)) {
			assert.equal(profile.dedupe, profile.id === 'brote' ? 'body-sha256' : 'event-id', profile.id);
			assert.equal(profile.envelope.idField === undefined, profile.id === 'brote', profile.id);
		}
	});

	it('wait as long and retry on the schedules the document gives', () => {
		for (const [name, [answerIn, , schedule]] of tableRows('platform | answer in')) {
			const { delivery } = byDisplayName(name);
			assert.deepEqual([delivery.timeoutMs], durations(answerIn), `${name} timeout`);
			if (!schedule.includes('exponential')) {
				assert.deepEqual(delivery.retryDelaysMs, durations(schedule), `${name} schedule`);
			}
		}
	});

	it('retry CablenetAI by doubling from 1 min, the last retry exactly 24 h after the first try', () => {
		const delays = profiles.cablenetai.delivery.retryDelaysMs;
		assert.equal(delays[0], MINUTE);
		for (let i = 1; i < delays.length - 1; i++) assert.equal(delays[i], 2 * delays[i - 1]);
		assert.ok(delays[delays.length - 1] <= 2 * delays[delays.length - 2]);
		assert.equal(
			delays.reduce((sum, d) => sum + d, 0),
			24 * HOUR,
		);
	});

	it('retry BuzzBip 5 times, doubling from 1 min', () => {
		assert.deepEqual(
			profiles.buzzbip.delivery.retryDelaysMs,
			[1, 2, 4, 8, 16].map((m) => m * MINUTE),
		);
	});

	it('either expose a subscription API or explain the dashboard setup', () => {
		for (const profile of Object.values(profiles)) {
			assert.notEqual(
				profile.subscription === undefined,
				profile.dashboardSetup === undefined,
				profile.id,
			);
		}
		assert.deepEqual(
			Object.values(profiles)
				.filter((p) => p.subscription)
				.map((p) => p.id),
			['brote', 'notmeta'],
		);
	});

	it('state every assumption in one line', () => {
		for (const profile of Object.values(profiles)) {
			assert.ok(profile.assumptions.length > 0, profile.id);
			for (const line of profile.assumptions) assert.match(line, /^[^\r\n]+$/, profile.id);
		}
	});

	it('answer the NotMeta challenge from the documented field', () => {
		const { handshake, events } = profiles.notmeta;
		assert.ok(handshake);
		const sample = events[handshake.eventType].sample as Record<string, unknown>;
		assert.equal(typeof sample[handshake.challengeField], 'string');
	});
});
