// A few signed sample events through the example workflows, and what each one must cause:
// the platforms' side (the sandbox), Slack's and the CRM's side (the receiver).
import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../../sandbox/index.mts';
import type { Receiver } from './receiver.mts';
import type { DemoSetup, InstalledExample } from './setup.mts';

export interface Check {
	label: string;
	ok: boolean;
	detail: string;
}

/** Polls until `probe` returns a value, or gives up with undefined. */
async function eventually<T>(
	probe: () => T | undefined,
	timeoutMs = 30_000,
): Promise<T | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) return undefined;
		await sleep(200);
	}
}

function example(setup: DemoSetup, file: string): InstalledExample {
	const found = setup.examples.find((candidate) => candidate.file === file);
	if (!found) throw new Error(`example ${file} is not installed`);
	return found;
}

function webhook(installed: InstalledExample, node: string): string {
	const url = installed.webhooks[node];
	if (!url) throw new Error(`"${installed.name}" has no webhook node "${node}"`);
	return url;
}

async function broteApi<T>(sb: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${sb.urls.brote}${path}`, {
		method,
		headers: { authorization: `Bearer ${sb.apiKeys.brote}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

export interface ScenarioContext {
	sb: Sandbox;
	receiver: Receiver;
	setup: DemoSetup;
	log?: (line: string) => void;
}

export async function playScenario({
	sb,
	receiver,
	setup,
	log = () => {},
}: ScenarioContext): Promise<Check[]> {
	const checks: Check[] = [];
	const check = (label: string, ok: boolean, detail: string) => {
		checks.push({ label, ok, detail });
		log(`${ok ? '✓' : '✗'} ${label}: ${detail}`);
	};
	const slack = example(setup, 'slack-alerts.json');
	const crm = example(setup, 'crm-sync.json');

	log('Horneross sends a signed lead.captured to the Slack alert workflow');
	const lead = await sb.deliver({
		platform: 'horneross',
		type: 'lead.captured',
		url: webhook(slack, 'Horneross Trigger'),
		secret: setup.hornerossSecret,
	});
	const leadPost = await eventually(() =>
		receiver.slack.find((post) => JSON.stringify(post.body).includes('New lead')),
	);
	check(
		'Slack alert for a Horneross lead',
		lead.ok && leadPost !== undefined,
		leadPost
			? `Slack got: ${(leadPost.body as { text: string }).text}`
			: `delivery answered ${lead.attempts.at(-1)?.status}; nothing reached Slack`,
	);

	log("The CRM reports a new contact to the CRM sync workflow's webhook");
	const fromCrm = {
		id: 'crm_1001',
		name: 'Lucía Fernández',
		phone: '+5491123456789',
		email: 'lucia.fernandez@ejemplo.com.ar',
	};
	const crmAnswer = await fetch(webhook(crm, 'CRM: contact created'), {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			[receiver.crmAuth.name]: receiver.crmAuth.value,
		},
		body: JSON.stringify(fromCrm),
	});
	const created = (await crmAnswer.json().catch(() => undefined)) as { id?: string } | undefined;
	const inBrote = created?.id ? sb.brote.contacts.get(created.id) : undefined;
	check(
		'CRM contact created in Brote by the Brote node',
		crmAnswer.status === 200 && inBrote?.custom_fields.crm_id === fromCrm.id,
		inBrote
			? `Brote contact ${inBrote.id} (${inBrote.name}, crm_id ${String(inBrote.custom_fields.crm_id)})`
			: `webhook answered ${crmAnswer.status}`,
	);

	log('An agent creates a contact in Brote');
	const agentContact = await broteApi<{ id: string; name: string }>(sb, 'POST', '/contacts', {
		name: 'Tomás Rojas',
		phone: '+56922223333',
		email: 'tomas.rojas@ejemplo.cl',
	});
	const synced = await eventually(() =>
		[...receiver.crmContacts.values()].find((c) => c.external_id === agentContact.id),
	);
	check(
		'Brote contact.created synced to the CRM',
		synced !== undefined,
		synced
			? `CRM contact ${synced.id} for Brote ${synced.external_id} (${synced.name})`
			: 'the CRM got no contact',
	);

	const ticket = [...sb.brote.tickets.values()].find(
		(t) => t.status === 'open' && t.stage !== 'negotiation',
	);
	if (!ticket) throw new Error('the sandbox has no open ticket to move; seed some tickets first');
	log(
		`An agent moves ticket "${ticket.title}" (${ticket.currency} ${ticket.value}) to negotiation`,
	);
	await broteApi(sb, 'PATCH', `/tickets/${ticket.id}/stage`, { stage: 'negotiation' });
	const link = await eventually(() =>
		[...sb.brote.paymentLinks.values()].find((l) => l.external_reference === ticket.id),
	);
	const message = await eventually(() =>
		link
			? [...sb.brote.messages.values()].find(
					(m) => m.conversation_id === link.conversation_id && m.text?.includes(link.url),
				)
			: undefined,
	);
	check(
		'Payment link created and sent in the conversation',
		link !== undefined && message !== undefined,
		link
			? `link ${link.url} for ${link.currency} ${link.amount}; message: ${message?.text ?? 'none'}`
			: 'no payment link',
	);
	const dealNegotiation = await eventually(
		() => receiver.crmDeals.get(ticket.id)?.stage === 'negotiation',
	);
	check(
		'Ticket stage synced to the CRM deal',
		dealNegotiation === true,
		`CRM deal ${ticket.id}: ${JSON.stringify(receiver.crmDeals.get(ticket.id) ?? null)}`,
	);

	if (link) {
		log('The customer pays the link');
		const paid = await fetch(`${sb.controlUrl}/brote/payments/${link.id}/pay`, {
			method: 'POST',
			body: '{}',
		});
		await paid.arrayBuffer();
		const won = await eventually(() => sb.brote.tickets.get(ticket.id)?.stage === 'won');
		check(
			'payment.received moved the ticket to won',
			won === true,
			`ticket stage: ${sb.brote.tickets.get(ticket.id)?.stage}`,
		);
		const paymentPost = await eventually(() =>
			receiver.slack.find((post) => JSON.stringify(post.body).includes('Payment received')),
		);
		check(
			'Slack alert for the Brote payment',
			paymentPost !== undefined,
			paymentPost
				? `Slack got: ${(paymentPost.body as { text: string }).text}`
				: 'nothing reached Slack',
		);
		const dealWon = await eventually(() => receiver.crmDeals.get(ticket.id)?.stage === 'won');
		check(
			'Won stage synced to the CRM deal',
			dealWon === true,
			`CRM deal status: ${String(receiver.crmDeals.get(ticket.id)?.status)}`,
		);
	}

	await sb.waitForIdle();
	const echoed = created?.id
		? [...receiver.crmContacts.values()].some((c) => c.external_id === created.id)
		: false;
	check(
		'A contact that came from the CRM is not sent back to it',
		created?.id !== undefined && !echoed,
		echoed ? `Brote contact ${created?.id} was posted back to the CRM` : 'the IF node dropped it',
	);
	return checks;
}
