// The package in n8n's editor, driven in Debian's Chromium as a user drives it: the node
// creator, every node panel, resource lists, credentials, and a published workflow's execution.
// Each step is measured (clipped text, images, console errors) and photographed; the run also
// refreshes the README's screenshots in docs/images/. The tests share one editor, in order.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { Browser } from 'playwright-core';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { eventName } from '../../nodes/common/eventOptions.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { nodeOutput, startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import type { CredentialRef } from '../../scripts/n8n/workflow-json.mts';
import {
	dashboardSecrets,
	EVENTS,
	executionsOf,
	expectedItem,
	platformCredentials,
	type CredentialName,
} from '../e2e/helpers.mts';
import { launchChromium } from './chromium.mts';
import { Editor, type Theme } from './editor.mts';
import { ourErrors, watch, type PageProblems } from './measure.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const docsImage = (name: string) => join(packageDir, 'docs', 'images', name);
const platforms = Object.keys(EVENTS) as PlatformId[];
const secrets = dashboardSecrets();

let sb: Sandbox;
let n8n: N8nServer;
let browser: Browser;
let editor: Editor;
let problems: PageProblems;
let credentials: Record<CredentialName, CredentialRef>;

before(async () => {
	sb = await startSandbox();
	sb.brote.seed({ contacts: 6, conversations: 4, tickets: 3 });
	n8n = await startN8n({ packageDir });
	credentials = await platformCredentials(n8n, sb, secrets);
	browser = await launchChromium();
	// A modest viewport keeps the screenshots small and still fits n8n's three-column panel.
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	problems = watch(page);
	const shotDir = mkdtempSync(join(tmpdir(), 'conversa-browser-'));
	process.stderr.write(`browser screenshots: ${shotDir}\n`);
	editor = new Editor(page, n8n.url, shotDir);
	await editor.signIn(n8n.owner.email, n8n.owner.password);
});

after(async () => {
	await browser?.close();
	await n8n?.stop();
	await sb?.close();
});

const displayName = (platform: PlatformId) => profiles[platform].displayName;
const eventLabel = (platform: PlatformId, type: string) =>
	eventName(type, profiles[platform].eventNames);

for (const theme of ['light', 'dark'] as Theme[]) {
	test(`${theme} theme: the node creator finds all seven nodes by name, each with its icon`, async () => {
		await editor.useTheme(theme);
		await editor.page.getByTestId('canvas-add-button').click();
		for (const platform of platforms) {
			await editor.findInCreator(`${displayName(platform)} Trigger`, displayName(platform));
		}
		await editor.shot(`creator-triggers-${theme}`, editor.page.getByTestId('node-creator'));
		// The action nodes are offered once the workflow has a trigger.
		await (await editor.findInCreator('Brote', 'Brote')).click();
		const firstEvent = `On ${eventLabel('brote', EVENTS.brote[1]).toLowerCase()}`;
		await editor.page.getByTestId('node-creator-item-name').getByText(firstEvent).click();
		await editor.closePanel();
		await editor.page.getByTestId('node-creator-plus-button').click();
		for (const name of ['Brote', 'NotMeta']) await editor.findInCreator(name, name);
		if (theme === 'light') {
			await (await editor.findInCreator('Brote', 'Brote')).click();
			await editor.shot(
				'creator-brote',
				editor.page.getByTestId('node-creator'),
				docsImage('node-creator.png'),
			);
		}
		await editor.shot(`creator-actions-${theme}`, editor.page.getByTestId('node-creator'));
		await editor.page.keyboard.press('Escape');
	});
}

test('each trigger: events, Webhook URLs, every option, and Brote manual registration, all readable', async () => {
	await editor.useTheme('light');
	for (const platform of platforms) {
		await editor.newWorkflow();
		await editor.page.getByTestId('canvas-add-button').click();
		await (
			await editor.findInCreator(`${displayName(platform)} Trigger`, displayName(platform))
		).click();
		const [first, second] = EVENTS[platform];
		await editor.page
			.getByTestId('node-creator-item-name')
			.getByText(`On ${eventLabel(platform, first).toLowerCase()}`, { exact: true })
			.click();
		await editor.parameters.waitFor();
		await editor.chooseCredential(credentials[platform].name);
		await editor.choose('events', eventLabel(platform, second));
		const notices = editor.parameters.locator('.notice[role="alert"]');
		await notices.getByText(`Sample data of ${second}`).waitFor();
		await editor.parameters.getByText('Webhook URLs').click();
		await editor.page
			.locator('.webhooks')
			.getByText('/webhook', { exact: false })
			.first()
			.waitFor();
		const ndv = editor.page.getByTestId('ndv');
		if (platform === 'brote') {
			await editor.choose('registration', 'Manual');
			await notices.getByText("Register this node's URL").waitFor();
			await editor.assertStepClean('Brote Trigger, manual registration');
			await editor.shot('trigger-brote-manual', ndv, docsImage('trigger-panel.png'));
		}
		const added = await editor.addEveryOption();
		assert.deepEqual(added.sort(), [
			'Include Headers and Raw Body',
			'Maximum Event Age (Minutes)',
			'Output',
			'Separate Output per Event',
		]);
		await editor.assertStepClean(`${displayName(platform)} Trigger`);
		await editor.shot(`trigger-${platform}`, ndv);
		await editor.closePanel();
	}
});

test('the Brote node: every resource and operation opens its fields, each list searches the sandbox', async () => {
	await editor.newWorkflow();
	await editor.addTrigger('Brote', eventLabel('brote', EVENTS.brote[0]));
	await editor.closePanel();
	await editor.page.getByTestId('node-creator-plus-button').click();
	await (await editor.findInCreator('Brote', 'Brote')).click();
	await editor.page
		.getByTestId('node-creator-item-name')
		.getByText('Create a contact', { exact: true })
		.click();
	await editor.parameters.waitFor();
	await editor.chooseCredential(credentials.brote.name);
	const real = (labels: string[]) => labels.filter((label) => label !== 'Custom API Call');
	const resources = real(
		await editor.optionsOf(editor.parameters.getByTestId('parameter-input-resource')),
	);
	await editor.page.keyboard.press('Escape');
	assert.deepEqual(resources, ['Campaign', 'Contact', 'Conversation', 'Payment', 'Ticket']);
	const searched = new Map<string, string[]>();
	for (const resource of resources) {
		await editor.choose('resource', resource);
		const operations = real(
			await editor.optionsOf(editor.parameters.getByTestId('parameter-input-operation')),
		);
		await editor.page.keyboard.press('Escape');
		for (const operation of operations) {
			await editor.choose('operation', operation);
			await editor.addEveryOption();
			const locators = editor.parameters.locator('[data-test-id^="resource-locator-"]');
			for (const locator of await locators.all()) {
				const field = (await locator.getAttribute('data-test-id'))!;
				if (searched.has(field)) continue;
				const { all, clipped, term, found } = await editor.searchList(locator);
				assert.deepEqual(clipped, [], `${field}: records cut off in the list`);
				assert.ok(
					found.length > 0 && found.length <= all.length,
					`${field}: ${term} found ${found.join(', ')}`,
				);
				searched.set(field, found);
				await editor.shot(
					`brote-${field}-list`,
					editor.page.getByTestId('ndv'),
					field === 'resource-locator-contactId' ? docsImage('brote-node.png') : undefined,
				);
				await editor.page.keyboard.press('Escape');
			}
			await editor.assertStepClean(`Brote ${resource} ${operation}`);
			await editor.shot(`brote-${resource}-${operation}`.toLowerCase().replace(/\s+/g, '-'));
		}
	}
	assert.deepEqual([...searched.keys()].sort(), [
		'resource-locator-contactId',
		'resource-locator-conversationId',
		'resource-locator-ticketId',
	]);
	await editor.closePanel();
});

test('a Brote credential with a wrong API key says what to fix; with the right key it tests green', async () => {
	await editor.newWorkflow();
	await editor.addTrigger('Brote', eventLabel('brote', EVENTS.brote[0]));
	await editor.parameters.getByTestId('node-credentials-select').click();
	await editor.page.getByTestId('node-credentials-select-item-new').click();
	const modal = editor.page.getByTestId('editCredential-modal');
	const field = (name: string) => modal.getByTestId(`parameter-input-${name}`).locator('input');
	await field('apiKey').fill('not-the-key');
	await field('baseUrl').fill(sb.urls.brote);
	await modal.getByTestId('credential-save-button').click();
	await modal.getByText('More details').click();
	await modal.getByText('Brote refused this API key').waitFor();
	await editor.shot('credential-wrong-key', modal);
	await field('apiKey').fill(sb.apiKeys.brote);
	await modal.getByTestId('credential-save-button').click();
	// A credential that tests green is saved and the dialog closes; opening it again retests it.
	await modal.waitFor({ state: 'hidden' });
	await editor.parameters.getByTestId('credential-edit-button').click();
	const green = modal
		.getByTestId('credentials-config-container-test-success')
		.filter({ visible: true });
	assert.match(await green.innerText(), /^Connection tested successfully/);
	await editor.shot('credential-green', modal);
	await editor.page.keyboard.press('Escape');
	await modal.waitFor({ state: 'hidden' });
});

/** A new workflow with a Horneross Trigger on `type`, its panel open; the URL it shows. */
async function hornerossTriggerUrl(type: string, kind: 'test' | 'production'): Promise<string> {
	await editor.newWorkflow();
	await editor.addTrigger('Horneross', eventLabel('horneross', type));
	await editor.chooseCredential(credentials.horneross.name);
	await editor.parameters.getByText('Webhook URLs').click();
	await editor.page.getByTestId(`radio-button-${kind}`).click();
	const url = (await editor.page.locator('.webhook-url').innerText()).trim();
	const path = kind === 'test' ? 'webhook-test' : 'webhook';
	assert.match(url, new RegExp(`^${n8n.url}/${path}/[0-9a-f-]{36}/webhook$`));
	return url;
}

test('a published workflow runs on a signed event; the execution shows the typed item', async () => {
	const [type] = EVENTS.horneross;
	// The URL a user pastes into Horneross's dashboard.
	const url = await hornerossTriggerUrl(type, 'production');
	await editor.closePanel();
	await editor.page.getByTestId('workflow-open-publish-modal-button').click();
	await editor.page.getByTestId('workflow-publish-button').click();
	const published = editor.page.getByTestId('activation-modal');
	await published.getByText('Workflow published').waitFor();
	await editor.shot('published', published);
	await published.getByText('Got it').click();
	const workflowId = /\/workflow\/([^/?#]+)/.exec(editor.page.url())![1]!;
	await n8n.waitForWebhook(new URL(url).pathname.replace(/^\/webhook\//, ''));

	const occurredAt = new Date(Date.now() - 60_000).toISOString();
	const delivery = await sb.deliver({
		platform: 'horneross',
		type,
		url,
		secret: secrets.horneross!,
		occurredAt,
	});
	assert.equal(delivery.ok, true, JSON.stringify(delivery.attempts));
	const [execution] = await executionsOf(n8n, workflowId, 1, { settleMs: 0 });
	const expected = expectedItem('horneross', delivery, type, occurredAt);
	assert.deepEqual(nodeOutput(execution!, 'Horneross Trigger'), [expected]);

	await editor.page.goto(`${n8n.url}/workflow/${workflowId}/executions/${execution!.id}`);
	await editor.page
		.getByTestId('execution-preview-host')
		.getByTestId('canvas-node')
		.first()
		.dblclick();
	const output = editor.page.getByTestId('output-panel');
	await output.getByTestId('radio-button-json').click();
	// The JSON view renders after the radio button switches to it: read it once it is whole.
	const container = output.getByTestId('ndv-data-container');
	await container.getByText(String(expected.id), { exact: false }).first().waitFor();
	const shown = (await container.innerText()).replace(/\u00a0/g, ' ');
	assert.deepEqual(JSON.parse(shown), [expected]);
	await editor.shot('execution', editor.page.getByTestId('ndv'), docsImage('execution.png'));
	await editor.closePanel();
});

test('while the editor listens for a test event, a refused delivery and an event not selected show their reason on the trigger and start no production run', async () => {
	const [type, unselected] = EVENTS.horneross;
	const url = await hornerossTriggerUrl(type, 'test');
	const ndv = editor.page.getByTestId('ndv');
	const listen = async () => {
		await ndv.getByTestId('node-execute-button').click();
		await ndv
			.getByText(/Listening for test event/i)
			.first()
			.waitFor();
	};
	await listen();
	await editor.shot('trigger-listening', ndv);
	const workflowId = /\/workflow\/([^/?#]+)/.exec(editor.page.url())![1]!;

	const forged = await sb.deliver({
		platform: 'horneross',
		type,
		url,
		secret: secrets.horneross!,
		badSignature: true,
		retry: false,
	});
	assert.equal(forged.attempts[0]?.status, 500);
	const shown = ndv.getByText(
		'Delivery refused: The X-Horneross-Signature signature matches none of the configured secrets',
		{ exact: false },
	);
	await shown.first().waitFor();
	await editor.shot('trigger-refused', ndv, docsImage('trigger-refused.png'));

	await listen();
	const ignored = await sb.deliver({
		platform: 'horneross',
		type: unselected!,
		url,
		secret: secrets.horneross!,
		retry: false,
	});
	assert.equal(ignored.attempts[0]?.status, 500);
	await ndv
		.getByText(`Delivery ignored: the event ${unselected} is not selected in this trigger`, {
			exact: false,
		})
		.first()
		.waitFor();
	await editor.shot('trigger-ignored', ndv);
	const runs = await n8n.executions(workflowId);
	assert.deepEqual(
		runs.map((run) => [run.mode, run.status]),
		[
			['manual', 'error'],
			['manual', 'error'],
		],
	);
	await editor.closePanel();
});

test('no image request failed and no console error came from our nodes, in any step', () => {
	assert.deepEqual(problems.failedImages, []);
	assert.deepEqual(ourErrors(problems.consoleErrors), []);
	const others = [...new Set(problems.consoleErrors)];
	process.stderr.write(`console errors of n8n itself:\n${others.join('\n')}\n`);
});
