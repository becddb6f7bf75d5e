// The measurements the browser suite relies on must catch what they claim to: each is shown a
// page with the fault and the same page without it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';

import { launchChromium } from './chromium.mts';
import { brokenImages, ourErrors, overflowingText, watch } from './measure.mts';
import type { PageWindow } from './page-dom.mts';

let browser: Browser;
let page: Page;

before(async () => {
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});

after(async () => {
	await browser?.close();
});

// A panel 300px wide, as n8n's parameter column is a fixed-width box with hidden overflow.
const panel = (inner: string) =>
	`<div id="panel" style="width:300px;overflow:hidden;font:14px sans-serif">${inner}</div>`;
const ONE_LINE_JSON = JSON.stringify({
	payment_id: 'mp_payment_81234567890',
	contact_id: 'abf7dca8-148e-4e26-a2b6-2d8c9ea8fd17',
});

describe('clipped text', () => {
	test('one long line in a box runs past the panel and is reported', async () => {
		await page.setContent(panel(`<div class="notice">Sample: ${ONE_LINE_JSON}</div>`));
		const found = await overflowingText(page.locator('#panel'));
		assert.ok(found.length > 0);
		for (const { text } of found) assert.match(text, /^Sample: \{"payment_id"/);
		assert.ok(
			found.some(({ reason }) => /a line spans/.test(reason)),
			JSON.stringify(found),
		);
	});

	test('text cut by its own box (ellipsis) is reported by its widths', async () => {
		await page.setContent(
			panel(
				`<div style="width:120px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">A label far too long for its box</div>`,
			),
		);
		const [found] = await overflowingText(page.locator('#panel'));
		assert.match(found!.reason, /content \d+px wide in a 120px box/);
	});

	test('the same text wrapped at spaces, one field a line, is not', async () => {
		const lines = JSON.stringify(JSON.parse(ONE_LINE_JSON), null, 2).split('\n').join('<br>');
		await page.setContent(panel(`<div class="notice">Sample:<br>${lines}</div>`));
		assert.deepEqual(await overflowingText(page.locator('#panel')), []);
	});
});

describe('images and console errors', () => {
	test('an image that fails to load is reported by the page and by its request', async () => {
		const problems = watch(page);
		const pixel =
			'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
		await page.setContent(
			`<img src="${pixel}"><img src="http://127.0.0.1:9/icons/n8n-nodes-conversa/x.svg">`,
		);
		await page.waitForFunction(() =>
			Array.from((globalThis as unknown as PageWindow).document.images).every(
				(image) => image.complete,
			),
		);
		assert.deepEqual(await brokenImages(page), [
			'http://127.0.0.1:9/icons/n8n-nodes-conversa/x.svg',
		]);
		assert.deepEqual(problems.failedImages, ['http://127.0.0.1:9/icons/n8n-nodes-conversa/x.svg']);
		assert.equal(ourErrors(problems.consoleErrors).length, 1, problems.consoleErrors.join('\n'));
	});

	test("only errors naming this package or its platforms count as the nodes' own, not n8n's npm lookup", () => {
		assert.deepEqual(
			ourErrors([
				'Failed to load resource: 401 at http://127.0.0.1/rest/login',
				'Cannot read properties of undefined at /icons/n8n-nodes-conversa/dist/nodes/Brote/brote.svg',
				'BuzzBip Trigger: parameter issue',
				'Failed to load resource: net::ERR_CERT_AUTHORITY_INVALID at https://registry.npmjs.org/n8n-nodes-conversa',
			]),
			[
				'Cannot read properties of undefined at /icons/n8n-nodes-conversa/dist/nodes/Brote/brote.svg',
				'BuzzBip Trigger: parameter issue',
			],
		);
	});
});
