// Dates in the workflow's time zone, on an n8n host in another one: the process runs in
// America/Santiago (UTC-3 in January and March, UTC-4 from April), the workflows in Asia/Tokyo
// (UTC+9, no daylight saving time) or America/New_York (daylight saving time from 14 March to
// 7 November 2027). Campaign → Create → Scheduled At, run by n8n's engine against the sandbox.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { actionFixture, type Fixture, json } from './brote-fixture.mts';
import type { NodeUnderTest } from '../harness/n8n.mts';

process.env.TZ = 'America/Santiago';

let fx: Fixture;

before(async () => {
	fx = await actionFixture();
});

beforeEach(() => fx.sb.resetRequests());

after(async () => {
	await fx.close();
});

const inZone = (timezone: string): Partial<NodeUnderTest> => ({
	workflowSettings: { timezone },
	onError: 'continueRegularOutput',
});

/** Creates one campaign per input item, Scheduled At taken from the item's `at`. */
async function schedule(zone: string, at: unknown[], scheduledAt = '={{ $json.at }}') {
	const parameters: INodeParameters = {
		resource: 'campaign',
		operation: 'create',
		name: 'Cyber',
		message: '20% de descuento',
		additionalFields: { scheduledAt },
	};
	const run = await fx.brote(
		parameters,
		at.map((value) => ({ at: value }) as IDataObject),
		inZone(zone),
	);
	assert.equal(run.error, undefined);
	return json(run);
}

/** What the sandbox stored for each created campaign, or the error item's message. */
function received(items: IDataObject[]): string[] {
	return items.map((item) =>
		item.id === undefined
			? `error: ${String(item.error)}`
			: String(fx.sb.brote.campaigns.get(String(item.id))?.scheduled_at),
	);
}

describe('Scheduled At on a host in America/Santiago', () => {
	it('is a host whose zone is neither UTC nor the workflows’', () => {
		assert.equal(new Date('2027-01-15T10:00:00').getTimezoneOffset(), 180);
	});

	it('reads a time without an offset in the workflow’s time zone, as the date picker gives it', async () => {
		const out = await schedule('Asia/Tokyo', [
			'2027-01-15T10:00:00',
			'2027-01-15T10:00',
			'2027-01-15T10:00:00.000',
			'2027-01-15 10:00:00',
			' 2027-01-15t10:00:00.1234 ',
		]);
		assert.deepEqual(received(out), [
			'2027-01-15T01:00:00.000Z',
			'2027-01-15T01:00:00.000Z',
			'2027-01-15T01:00:00.000Z',
			'2027-01-15T01:00:00.000Z',
			'2027-01-15T01:00:00.123Z',
		]);
	});

	it('reads a value typed into the field, not from an expression, the same way', async () => {
		const out = await schedule('Asia/Tokyo', [{}], '2027-01-15T10:00:00');
		assert.deepEqual(received(out), ['2027-01-15T01:00:00.000Z']);
	});

	it('reads a date alone as midnight in the workflow’s time zone', async () => {
		const out = await schedule('Asia/Tokyo', ['2027-01-15']);
		assert.deepEqual(received(out), ['2027-01-14T15:00:00.000Z']);
	});

	it('keeps an explicit offset as given', async () => {
		const out = await schedule('Asia/Tokyo', [
			'2027-01-15T10:00:00Z',
			'2027-01-15T10:00:00.000+05:30',
			'2027-01-15T10:00:00-03:00',
			'2027-01-15T10:00-0800',
			'2027-01-15T10:00:00+01',
		]);
		assert.deepEqual(received(out), [
			'2027-01-15T10:00:00.000Z',
			'2027-01-15T04:30:00.000Z',
			'2027-01-15T13:00:00.000Z',
			'2027-01-15T18:00:00.000Z',
			'2027-01-15T09:00:00.000Z',
		]);
	});

	it('takes the dates expressions make: Luxon DateTimes in any zone, and JavaScript Dates', async () => {
		const expressions = [
			// Luxon in an expression reads a time in the workflow's zone, as this node does.
			"={{ DateTime.fromISO('2027-01-15T10:00:00') }}",
			"={{ DateTime.fromISO('2027-01-15T10:00:00', { zone: 'Europe/Madrid' }) }}",
			'={{ new Date(Date.UTC(2027, 0, 15, 1, 0, 0)) }}',
		];
		const out: string[] = [];
		for (const expression of expressions) {
			out.push(...received(await schedule('Asia/Tokyo', [null], expression)));
		}
		assert.deepEqual(out, [
			'2027-01-15T01:00:00.000Z',
			'2027-01-15T09:00:00.000Z',
			'2027-01-15T01:00:00.000Z',
		]);
	});

	it('reads a time that daylight saving time skips as past the gap, and one it repeats as the first', async () => {
		const out = await schedule('America/New_York', [
			// Clocks go from 02:00 to 03:00 on 14 March 2027: 02:30 is read as 03:30 EDT.
			'2027-03-14T02:30:00',
			'2027-03-14T01:59:59',
			'2027-03-14T03:00:00',
			// Clocks go from 02:00 back to 01:00 on 7 November 2027: 01:30 is first EDT, then EST.
			'2027-11-07T01:30:00',
			'2027-11-07T01:30:00-05:00',
			'2027-11-07T02:00:00',
		]);
		assert.deepEqual(received(out), [
			'2027-03-14T07:30:00.000Z',
			'2027-03-14T06:59:59.000Z',
			'2027-03-14T07:00:00.000Z',
			'2027-11-07T05:30:00.000Z',
			'2027-11-07T06:30:00.000Z',
			'2027-11-07T07:00:00.000Z',
		]);
	});

	it('refuses a value that is not an ISO 8601 date and time, in an error item naming the field', async () => {
		const bad = [
			'2027-02-30T10:00:00',
			'2027-01-15T24:00:00',
			'2027-01-15T10:60:00',
			'2027-01-15T10:00:00+24:00',
			'January 15, 2027 10:00',
			'15/01/2027 10:00',
			'tomorrow',
			1800000000000,
		];
		const out = await schedule('Asia/Tokyo', ['2027-01-15T10:00:00', ...bad]);
		assert.equal(out.length, 1 + bad.length);
		assert.deepEqual(received(out.slice(0, 1)), ['2027-01-15T01:00:00.000Z']);
		for (const [index, item] of out.slice(1).entries()) {
			assert.equal(item.id, undefined, String(bad[index]));
			assert.match(
				String(item.error),
				/^Scheduled At must be a date and time in ISO 8601, like 2027-01-15T10:00:00 \(read in the workflow's time zone, Asia\/Tokyo\) or 2027-01-15T10:00:00\+09:00; got /,
				String(bad[index]),
			);
			assert.ok(String(item.error).includes(JSON.stringify(bad[index])), String(item.error));
		}
		assert.equal(fx.count('POST', '/campaigns'), 1, 'only the good item was sent');
	});

	// The timeout only bounds a hang.
	it(
		'refuses a 200 kB value in linear time, quoting only its start',
		{ timeout: 10_000 },
		async () => {
			const hostile = [
				`2027-01-15T10:00:00${'0'.repeat(200_000)}`,
				`${'2027-01-15T10:00:00.'.repeat(10_000)}`,
				`2027-01-15T10:00:00.${'1'.repeat(200_000)}Z`,
			];
			const out = await schedule('Asia/Tokyo', hostile);
			for (const item of out) {
				assert.match(String(item.error), /^Scheduled At must be a date and time in ISO 8601/);
				assert.ok(String(item.error).length < 400, 'the value is not echoed whole');
			}
			assert.equal(fx.count('POST', '/campaigns'), 0);
		},
	);

	it('says so when the workflow’s time zone is one it cannot read, and still takes an offset', async () => {
		const out = await schedule('Mars/Olympus_Mons', [
			'2027-01-15T10:00:00',
			'2027-01-15T10:00:00+09:00',
		]);
		assert.match(
			String(out[0].error),
			/^Scheduled At has no offset, and the workflow's time zone "Mars\/Olympus_Mons" is not one this n8n knows/,
		);
		assert.deepEqual(received(out.slice(1)), ['2027-01-15T01:00:00.000Z']);
	});
});
