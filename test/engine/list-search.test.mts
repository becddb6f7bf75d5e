// The resource locators' "From List" searches over lists the API cannot search, run the way
// n8n's editor backend runs them, against the sandbox over loopback HTTP: a search reads pages
// until it has matches to show or reaches its bound, and says so when it stopped at the bound.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { client } from '../sandbox/helpers.mts';
import { actionFixture, type Fixture } from './brote-fixture.mts';

/** Pages one search call reads at most; the node's own bound. */
const SEARCH_PAGES = 5;

let fx: Fixture;

before(async () => {
	fx = await actionFixture();
});

beforeEach(() => {
	fx.sb.faults.clear();
	fx.sb.resetRequests();
});

after(async () => {
	await fx.close();
});

const brote = () => ({ type: 'brote', credentials: fx.broteCredentials() });

describe('Tickets, which Brote cannot search', () => {
	const NEEDLE = 'Reclamo garantía';
	let last: { id: string; title: string };

	before(() => {
		fx.sb.brote.seed({ tickets: 150 });
		assert.equal(fx.sb.brote.tickets.size, 150);
		last = [...fx.sb.brote.tickets.values()].at(-1)!;
		last.title = NEEDLE;
	});

	it('finds the ticket on page 3 of 3 (50 a page) in one search call', async () => {
		fx.sb.faults.set({ listPageSize: 50 });
		const found = await fx.engine.listSearch(brote(), 'searchTickets', 'garantía');
		assert.deepEqual(
			found.results.map((r) => r.value),
			[last.id],
		);
		assert.equal(found.paginationToken, undefined);
		assert.equal(fx.count('GET', '/tickets'), 3);
	});

	it('answers no match with an empty list that ends, after reading each page once', async () => {
		fx.sb.faults.set({ listPageSize: 50 });
		const none = await fx.engine.listSearch(brote(), 'searchTickets', 'no such ticket');
		assert.deepEqual(none.results, []);
		assert.equal(none.paginationToken, undefined);
		assert.equal(fx.count('GET', '/tickets'), 3);
	});

	it(`stops after ${SEARCH_PAGES} pages, says so in the list, and its token searches on`, async () => {
		fx.sb.faults.set({ listPageSize: 25 });
		const first = await fx.engine.listSearch(brote(), 'searchTickets', 'garantía');
		assert.equal(fx.count('GET', '/tickets'), SEARCH_PAGES);
		assert.equal(first.results.length, 1);
		const [note] = first.results;
		assert.equal(note.value, '', 'the note selects nothing');
		assert.match(note.name, /^Searched the first 125 tickets only/);
		assert.ok(first.paginationToken, 'a token where the search stopped');

		fx.sb.resetRequests();
		const next = await fx.engine.listSearch(
			brote(),
			'searchTickets',
			'garantía',
			String(first.paginationToken),
		);
		assert.deepEqual(
			next.results.map((r) => r.value),
			[last.id],
		);
		assert.equal(next.paginationToken, undefined);
		assert.equal(fx.count('GET', '/tickets'), 1);
	});

	it("stops at a page's worth of matches, with a token for the rest and no note", async () => {
		fx.sb.faults.set({ listPageSize: 50 });
		// Every ticket's ID holds a dash.
		const first = await fx.engine.listSearch(brote(), 'searchTickets', '-');
		assert.equal(first.results.length, 100);
		assert.ok(first.results.every((r) => r.value !== ''));
		assert.ok(first.paginationToken);
		assert.equal(fx.count('GET', '/tickets'), 2);
		const rest = await fx.engine.listSearch(
			brote(),
			'searchTickets',
			'-',
			String(first.paginationToken),
		);
		assert.equal(rest.results.length, 50);
		assert.equal(rest.paginationToken, undefined);
	});

	it('ends on pages that go round, and stays bounded on pages that never end', async () => {
		fx.sb.faults.set({ listPageSize: 50, listCursor: 'repeat' });
		const round = await fx.engine.listSearch(brote(), 'searchTickets', 'no such ticket');
		assert.deepEqual(round, { results: [], paginationToken: undefined });
		assert.equal(fx.count('GET', '/tickets'), 2);
		// Without a search text the token handed back must not come back as the next one, or
		// the editor would load the same page without end.
		const first = await fx.engine.listSearch(brote(), 'searchTickets');
		const again = await fx.engine.listSearch(
			brote(),
			'searchTickets',
			undefined,
			String(first.paginationToken),
		);
		assert.equal(again.paginationToken, undefined);

		fx.sb.faults.clear();
		fx.sb.faults.set({ listPageSize: 50, listCursor: 'endless' });
		fx.sb.resetRequests();
		const endless = await fx.engine.listSearch(brote(), 'searchTickets', 'no such ticket');
		assert.equal(fx.count('GET', '/tickets'), SEARCH_PAGES);
		assert.deepEqual(
			endless.results.map((r) => r.value),
			[''],
		);
		assert.ok(endless.paginationToken);
	});

	it('reads an answer that is a bare array, as Get Many does', async () => {
		fx.sb.faults.set({ listShape: 'array' });
		const all = await fx.engine.listSearch(brote(), 'searchTickets');
		assert.equal(all.results.length, 100);
		assert.equal(all.paginationToken, undefined);
		const ticket = [...fx.sb.brote.tickets.values()][80];
		const found = await fx.engine.listSearch(brote(), 'searchTickets', ticket.id);
		assert.deepEqual(
			found.results.map((r) => r.value),
			[ticket.id],
		);
		const none = await fx.engine.listSearch(brote(), 'searchTickets', 'no such ticket');
		assert.deepEqual(none, { results: [], paginationToken: undefined });
		assert.equal(fx.count('GET', '/tickets'), 3);
	});
});

describe('Conversations and NotMeta webhooks, searched the same way', () => {
	it('finds a conversation by its contact on the last page', async () => {
		fx.sb.brote.seed({ contacts: 10, conversations: 7 });
		const conversation = [...fx.sb.brote.conversations.values()].at(-1)!;
		const others = [...fx.sb.brote.conversations.values()].slice(0, -1);
		assert.ok(others.every((c) => c.contact_id !== conversation.contact_id));
		fx.sb.resetRequests();
		fx.sb.faults.set({ listPageSize: 2 });
		const found = await fx.engine.listSearch(
			brote(),
			'searchConversations',
			conversation.contact_id,
		);
		assert.deepEqual(
			found.results.map((r) => r.value),
			[conversation.id],
		);
		const pages = Math.ceil(fx.sb.brote.conversations.size / 2);
		assert.ok(pages <= SEARCH_PAGES);
		assert.equal(fx.count('GET', '/conversations'), pages);
	});

	it('finds a webhook on page 4 of 4, and reads a bare array', async () => {
		const api = client(fx.sb.urls.notmeta, fx.sb.apiKeys.notmeta);
		fx.sb.faults.set({ platform: 'notmeta', failVerification: 7 });
		for (let i = 1; i <= 7; i++) {
			const created = await api('POST', '/webhooks', {
				url: `https://crm.example.com/hooks/${i}`,
				events: ['message.received'],
				secret: `whsec_${i}`,
			});
			assert.equal(created.status, 201);
		}
		const call = { type: 'notMeta', credentials: fx.notMetaCredentials() };
		fx.sb.resetRequests();
		fx.sb.faults.set({ listPageSize: 2 });
		const found = await fx.engine.listSearch(call, 'searchWebhooks', 'hooks/7');
		assert.deepEqual(
			found.results.map((r) => r.name),
			['https://crm.example.com/hooks/7 (failed)'],
		);
		assert.equal(fx.count('GET', '/webhooks'), 4);
		fx.sb.faults.clear();
		fx.sb.faults.set({ listShape: 'array' });
		const bare = await fx.engine.listSearch(call, 'searchWebhooks', 'hooks/3');
		assert.deepEqual(
			bare.results.map((r) => r.name),
			['https://crm.example.com/hooks/3 (failed)'],
		);
	});
});
