// The example workflows in examples/*.json, and what it takes to run them against the
// sandbox: their credentials swapped for ones n8n created, and their outside URLs (Slack,
// the CRM) pointed at the local receiver.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { WorkflowJson } from '../n8n/server.mts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The outside URLs as the example files spell them; users replace them with their own. */
export const EXAMPLE_URLS = {
	slackWebhookUrl: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
	crmBaseUrl: 'https://crm.example.com/api',
} as const;

export interface Example {
	file: string;
	workflow: WorkflowJson;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Localization {
	/** By credential type, e.g. `broteApi`. */
	credentials: Record<string, CredentialRef>;
	slackWebhookUrl: string;
	crmBaseUrl: string;
}

interface NodeJson {
	name: string;
	type: string;
	webhookId?: string;
	disabled?: boolean;
	parameters?: { path?: string };
	credentials?: Record<string, CredentialRef>;
}

export function loadExamples(dir: string = EXAMPLES_DIR): Example[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson,
		}));
}

export function localize(workflow: WorkflowJson, target: Localization): WorkflowJson {
	const text = JSON.stringify(workflow)
		.replaceAll(EXAMPLE_URLS.slackWebhookUrl, target.slackWebhookUrl)
		.replaceAll(EXAMPLE_URLS.crmBaseUrl, target.crmBaseUrl);
	const localized = JSON.parse(text) as WorkflowJson;
	for (const node of localized.nodes as NodeJson[]) {
		if (node.disabled) continue;
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = target.credentials[type];
			if (!credential)
				throw new Error(`no ${type} credential for node "${node.name}" of "${workflow.name}"`);
			node.credentials![type] = credential;
		}
	}
	return localized;
}

/** The production webhook paths (after /webhook/) of a workflow's active trigger nodes. */
export function webhookPaths(
	workflow: WorkflowJson,
): Array<{ node: string; type: string; path: string }> {
	return (workflow.nodes as NodeJson[])
		.filter((node) => !node.disabled)
		.flatMap((node) => {
			if (node.type === 'n8n-nodes-base.webhook' && node.parameters?.path) {
				return [{ node: node.name, type: node.type, path: node.parameters.path }];
			}
			if (
				node.type.startsWith('n8n-nodes-conversa.') &&
				node.type.endsWith('Trigger') &&
				node.webhookId
			) {
				return [{ node: node.name, type: node.type, path: `${node.webhookId}/webhook` }];
			}
			return [];
		});
}
