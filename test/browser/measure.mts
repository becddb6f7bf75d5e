// What the suite measures in the editor instead of looking at screenshots: text that is clipped
// or runs past its panel, images that did not load, and console errors.
import type { ConsoleMessage, Locator, Page } from 'playwright-core';

import type { PageElement, PageWindow } from './page-dom.mts';

export interface Overflow {
	text: string;
	reason: string;
}

/**
 * Every piece of text inside `panel` that is cut off: an element whose content is wider than its
 * box (scrollWidth over clientWidth), or a line of text whose box reaches past the panel's.
 */
export async function overflowingText(panel: Locator): Promise<Overflow[]> {
	return await panel.evaluate((panelElement) => {
		const { document } = globalThis as unknown as PageWindow;
		const root = panelElement as unknown as PageElement;
		const found: Overflow[] = [];
		const bounds = root.getBoundingClientRect();
		// 4 is NodeFilter.SHOW_TEXT: visit text nodes only.
		const walker = document.createTreeWalker(root, 4);
		const seen = new Set<PageElement>();
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = (node.textContent ?? '').trim();
			const element = node.parentElement;
			if (!text || !element || element.getClientRects().length === 0) continue;
			const label = text.slice(0, 80);
			// Sub-pixel layout rounds widths either way; a whole pixel is a real overflow.
			if (
				!seen.has(element) &&
				element.clientWidth > 0 &&
				element.scrollWidth > element.clientWidth + 1
			) {
				seen.add(element);
				found.push({
					text: label,
					reason: `content ${element.scrollWidth}px wide in a ${element.clientWidth}px box`,
				});
			}
			const range = document.createRange();
			range.selectNodeContents(node);
			for (const line of Array.from(range.getClientRects())) {
				if (line.width === 0) continue;
				if (line.right > bounds.right + 1 || line.left < bounds.left - 1) {
					found.push({
						text: label,
						reason: `a line spans x ${Math.round(line.left)}..${Math.round(line.right)}, the panel ${Math.round(bounds.left)}..${Math.round(bounds.right)}`,
					});
					break;
				}
			}
		}
		return found;
	});
}

/** The images on the page that finished loading without pixels. */
export async function brokenImages(page: Page): Promise<string[]> {
	return await page.evaluate(() =>
		Array.from((globalThis as unknown as PageWindow).document.images)
			.filter((image) => image.complete && image.naturalWidth === 0)
			.map((image) => image.currentSrc || image.src),
	);
}

/** Failed image requests and console errors, from the moment `watch` is called. */
export interface PageProblems {
	failedImages: string[];
	consoleErrors: string[];
}

export function watch(page: Page): PageProblems {
	const problems: PageProblems = { failedImages: [], consoleErrors: [] };
	const isImage = (url: string, type: string) => type === 'image' || /\.(svg|png)(\?|$)/.test(url);
	page.on('requestfailed', (request) => {
		if (isImage(request.url(), request.resourceType())) problems.failedImages.push(request.url());
	});
	page.on('response', (response) => {
		const request = response.request();
		if (response.status() >= 400 && isImage(request.url(), request.resourceType())) {
			problems.failedImages.push(`${request.url()} (${response.status()})`);
		}
	});
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error') {
			problems.consoleErrors.push(`${message.text()} at ${message.location().url}`);
		}
	});
	page.on('pageerror', (error) => problems.consoleErrors.push(`${error.message}\n${error.stack}`));
	return problems;
}

/**
 * The errors that name this package, its nodes, or its icons. n8n logs others of its own, and its
 * editor asks registry.npmjs.org about every community package, which a closed network refuses.
 */
export function ourErrors(errors: string[]): string[] {
	return errors.filter(
		(error) =>
			/n8n-nodes-conversa|brote|notmeta|horneross|cablenet|buzzbip/i.test(error) &&
			!/ at https:\/\/registry\.npmjs\.org\//.test(error),
	);
}
