// The steps a user takes in n8n's editor, as the selectors of n8n 2.41 reach them.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { selectors, type Locator, type Page } from 'playwright-core';

import { brokenImages, overflowingText, type Overflow } from './measure.mts';
import type { PageImage, PageWindow } from './page-dom.mts';

export type Theme = 'light' | 'dark';

export class Editor {
	readonly creatorSearch: Locator;
	readonly parameters: Locator;
	private shots = 0;
	private theme: Theme = 'light';

	constructor(
		readonly page: Page,
		readonly url: string,
		private readonly shotDir: string,
	) {
		mkdirSync(shotDir, { recursive: true });
		// n8n marks its elements with data-test-id, not Playwright's default data-testid.
		selectors.setTestIdAttribute('data-test-id');
		this.creatorSearch = page.locator('[data-test-id="node-creator-search-bar"]');
		this.parameters = page.locator('[data-test-id="node-parameters"]');
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.url}/signin`);
		await this.page.fill('input[type="email"]', email);
		await this.page.fill('input[type="password"]', password);
		await this.page.press('input[type="password"]', 'Enter');
		await this.page.waitForURL((url) => !url.pathname.includes('signin'));
	}

	/** n8n keeps the theme in localStorage and sets it on <body> as it loads. */
	async useTheme(theme: Theme): Promise<void> {
		await this.page.evaluate(
			(value) => (globalThis as unknown as PageWindow).localStorage.setItem('N8N_THEME', value),
			theme,
		);
		await this.newWorkflow();
		assert.equal(await this.page.locator('body').getAttribute('data-theme'), theme);
		this.theme = theme;
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.url}/workflow/new`);
		await this.page.locator('[data-test-id="canvas-add-button"]').waitFor();
	}

	/**
	 * A screenshot of the page, or of `area`, numbered in the order taken; `copyTo` also puts it
	 * there (the README's images).
	 */
	async shot(name: string, area?: Locator, copyTo?: string): Promise<void> {
		this.shots += 1;
		const file = join(this.shotDir, `${String(this.shots).padStart(2, '0')}-${name}.png`);
		await (area ?? this.page).screenshot({ path: file, animations: 'disabled' });
		if (copyTo) copyFileSync(file, copyTo);
	}

	/** The node creator's item named `name` after typing `query`, once its icon has loaded. */
	async findInCreator(query: string, name: string): Promise<Locator> {
		await this.creatorSearch.fill(query);
		const item = this.page
			.locator('[data-test-id="item-iterator-item"]')
			.filter({
				has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }),
			})
			.first();
		const icon = item.locator('img').first();
		await icon.waitFor();
		await this.page.waitForFunction(
			(image) => (image as unknown as PageImage | null)?.complete === true,
			await icon.elementHandle(),
		);
		const loaded = await icon.evaluate((element) => {
			const image = element as unknown as PageImage;
			return { src: image.currentSrc, width: image.naturalWidth };
		});
		assert.match(loaded.src, /\/icons\/n8n-nodes-conversa\//, `${name}: icon ${loaded.src}`);
		assert.ok(loaded.width > 0, `${name}: icon ${loaded.src} did not load`);
		// Every node has a light and a dark icon: the theme's own must be the one shown.
		assert.equal(
			loaded.src.endsWith('.dark.svg'),
			this.theme === 'dark',
			`${name}: icon ${loaded.src} in the ${this.theme} theme`,
		);
		return item;
	}

	/**
	 * Opens the dropdown of a select field; returns its options. A closing dropdown stays in the
	 * page for a moment, so the options are found through the field's own aria-controls.
	 */
	private async open(field: Locator): Promise<Locator> {
		await field.click();
		const list = await field.locator('[aria-controls]').first().getAttribute('aria-controls');
		const options = this.page.locator(`[id="${list}"] .el-select-dropdown__item`);
		await options.first().waitFor();
		return options;
	}

	/** The first line of every option a select field offers; leaves its dropdown open. */
	async optionsOf(field: Locator): Promise<string[]> {
		const texts = await (await this.open(field)).allInnerTexts();
		return texts.map((text) => text.split('\n')[0]!.trim());
	}

	/** Picks the option whose first line is `label` from a select field. */
	async pick(field: Locator, label: string): Promise<void> {
		const options = await this.open(field);
		await options
			.filter({ has: this.page.getByText(label, { exact: true }) })
			.first()
			.click();
	}

	async choose(parameter: string, label: string): Promise<void> {
		await this.pick(this.parameters.getByTestId(`parameter-input-${parameter}`), label);
	}

	async chooseCredential(name: string): Promise<void> {
		await this.pick(this.parameters.getByTestId('node-credentials-select'), name);
	}

	/** Adds every option the panel's "Add Option" / "Add Field" lists offer, until none is left. */
	async addEveryOption(): Promise<string[]> {
		const added: string[] = [];
		const adder = this.parameters.getByTestId('collection-parameter-add');
		// n8n removes a list once all its options are added; the bound stops a list that stays.
		for (let picks = 0; picks < 40 && (await adder.count()) > 0; picks += 1) {
			// A collection with a single option offers it as a button instead of a list.
			if ((await adder.first().locator('[aria-controls]').count()) === 0) {
				added.push((await adder.first().innerText()).trim());
				await adder.first().click();
				continue;
			}
			const first = (await this.open(adder.first())).first();
			added.push((await first.innerText()).trim());
			await first.click();
		}
		return added;
	}

	/** Adds a trigger from the node creator by picking one of its events, as "On …" names it. */
	async addTrigger(product: string, event: string): Promise<void> {
		await this.page.getByTestId('canvas-add-button').click();
		await (await this.findInCreator(`${product} Trigger`, product)).click();
		await this.page
			.getByTestId('node-creator-item-name')
			.getByText(`On ${event.toLowerCase()}`, { exact: true })
			.click();
		await this.parameters.waitFor();
	}

	/**
	 * Opens a resource locator's list, then searches it for the first word of its second record;
	 * returns the records before and after the search, and the labels the list cuts off.
	 */
	async searchList(
		locator: Locator,
	): Promise<{ all: string[]; clipped: Overflow[]; term: string; found: string[] }> {
		await locator.getByTestId('rlc-input').click();
		const items = this.page.getByTestId('rlc-item');
		await items.first().waitFor();
		const all = await items.allInnerTexts();
		// The list opens outside the node panel: each record's label is measured on its own.
		const clipped = (await Promise.all((await items.all()).map(overflowingText))).flat();
		const term = (all[1] ?? all[0]!).split(/\s+/)[0]!;
		// n8n's input component may give the test id to the input or to its wrapper: accept both.
		await this.page
			.locator('input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input')
			.fill(term);
		// The list is replaced once the search answers: wait until it holds only matches.
		await this.page.waitForFunction((word) => {
			const { document } = globalThis as unknown as PageWindow;
			const shown = Array.from(document.querySelectorAll('[data-test-id="rlc-item"]'));
			return shown.length > 0 && shown.every((item) => item.textContent?.includes(word));
		}, term);
		return { all, clipped, term, found: await items.allInnerTexts() };
	}

	/** Fails with every clipped text of the node panel and every image of the page without pixels. */
	async assertStepClean(step: string): Promise<void> {
		assert.deepEqual(
			await overflowingText(this.parameters),
			[],
			`${step}: clipped text in the node panel`,
		);
		assert.deepEqual(await brokenImages(this.page), [], `${step}: images that did not load`);
	}

	async closePanel(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.parameters.waitFor({ state: 'detached' });
	}
}
