import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { DeliverySpec, PlatformProfile } from '../platforms/types';
import { deliveryMemory } from './dedupe';
import { readEnvelope, type RequestHeaders } from './envelope';
import { compactFormOf, type VerifyFailure } from './signature';
import { answer } from './answer';
import { lazyJson, type ParsedBody } from './body';
import type { TriggerConfig } from './config';
import { checkEventTime, rememberForMs } from './freshness';
import { toItem } from './item';
import { eventOutputs, outputIndex } from './outputs';
import { logUnreadableTime, pass, refuse, RETRY_LATER } from './refusal';
import { verifyDelivery } from './secrets';
import {
	isSelected,
	maxEventAgeMinutes,
	selectedEvents,
	selectsEverything,
	triggerOptions,
} from './settings';
import { catalogAt } from './versions';

/** Challenges are short tokens; anything longer is not echoed back. */
const MAX_CHALLENGE_LENGTH = 512;

/*
 * A handshake is a small envelope around such a token. It is read before any signature, so a
 * larger body is not parsed for it at all: it goes to the signature check like any delivery.
 */
const MAX_HANDSHAKE_BYTES = 4 * 1024;

/** Our own configuration, not the sender, is at fault: 500 makes the platform retry while it is fixed. */
const SERVER_SIDE: readonly VerifyFailure[] = ['no-secret', 'outdated-secret'];

/** Whether the platform takes an answer as delivered, by its retry rule. */
function delivered(delivery: DeliverySpec, status: number): boolean {
	return delivery.retryOn === 'not-200' ? status === 200 : status >= 200 && status < 300;
}

function challengeOf(
	profile: PlatformProfile,
	json: () => ParsedBody,
	headers: RequestHeaders,
	raw: Buffer,
): string | undefined {
	const { handshake } = profile;
	if (!handshake || raw.length > MAX_HANDSHAKE_BYTES) return undefined;
	const parsed = json();
	if (!parsed.ok) return undefined;
	const read = readEnvelope(profile, parsed.value, headers, raw);
	if (!read.ok || read.event.type !== handshake.eventType) return undefined;
	const { data } = read.event;
	const challenge =
		typeof data === 'object' && data !== null
			? (data as IDataObject)[handshake.challengeField]
			: undefined;
	return typeof challenge === 'string' &&
		challenge !== '' &&
		challenge.length <= MAX_CHALLENGE_LENGTH
		? challenge
		: undefined;
}

/**
 * The delivery path, in order: handshake, signature, parse, event time, filter, de-duplicate,
 * emit. Only a delivery that passes every step starts a run; every other one is answered here,
 * and a refused one is also logged.
 */
export async function receive(
	this: IWebhookFunctions,
	profile: PlatformProfile,
	config: TriggerConfig,
): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const headers = this.getHeaderData() as RequestHeaders;
	const raw: unknown = req.rawBody;
	if (!Buffer.isBuffer(raw)) {
		return refuse(this, profile, {
			status: 500,
			code: 'no-raw-body',
			reason: 'n8n did not keep the raw request body, so its signature cannot be checked',
		});
	}
	const json = lazyJson(raw);
	const compact = compactFormOf(raw, json);

	/*
	 * The handshake comes first and needs no signature. n8n saves a trigger's static data only
	 * after create() returns, so the challenge, sent while create() is still waiting for the
	 * platform's answer, reaches a webhook that cannot know the new secret yet. Echoing the
	 * platform's own challenge reveals nothing and starts no run.
	 */
	if (profile.handshake) {
		const challenge = challengeOf(profile, json, headers, raw);
		if (challenge !== undefined) return answer(res, 200, challenge);
	}

	const verdict = await verifyDelivery(
		this,
		profile,
		config,
		raw,
		headers[profile.signature.header.toLowerCase()],
		compact,
	);
	if (!verdict.ok) {
		const ours = SERVER_SIDE.includes(verdict.reason);
		return refuse(this, profile, {
			status: ours ? 500 : 401,
			code: verdict.reason,
			reason: verdict.message,
			// How this endpoint is set up is for n8n's log and the editor, not for whoever sent it.
			...(ours ? { answer: 'The receiver cannot verify deliveries yet; see the n8n log' } : {}),
		});
	}

	const parsed = json();
	if (!parsed.ok) {
		return refuse(this, profile, {
			status: 400,
			code: parsed.reason,
			reason: parsed.message,
			detail: parsed.detail,
		});
	}
	const read = readEnvelope(profile, parsed.value, headers, raw, verdict.form);
	if (!read.ok)
		return refuse(this, profile, { status: 400, code: 'not-an-event', reason: read.reason });
	const { event, extras, time } = read;

	const options = triggerOptions(this);
	const maxAge = maxEventAgeMinutes(options, profile);
	if (maxAge === undefined) {
		return refuse(this, profile, {
			status: 500,
			code: 'bad-option',
			reason: 'The Maximum Event Age option must be a number of minutes, 0 or more',
		});
	}
	const freshness = checkEventTime(time, maxAge, Date.now());
	if (!freshness.ok) {
		return refuse(this, profile, {
			status: RETRY_LATER,
			code: freshness.reason,
			reason: freshness.message,
			event,
		});
	}
	if (freshness.unreadable) logUnreadableTime(this, profile, event);

	const events = selectedEvents(this);
	if (!isSelected(events, event.type)) {
		return pass(this, {
			answer: `${event.type} is not selected in this trigger`,
			reason: `the event ${event.type} is not selected in this trigger`,
			hint: 'Add it to Events, or make the platform send an event that is selected.',
		});
	}

	const outputs = eventOutputs(
		{ events, options: options as IDataObject },
		catalogAt(profile, this.getNode().typeVersion),
	);
	const index = outputIndex(outputs, event.type, selectsEverything(events));
	if (index === -1) {
		return pass(this, {
			answer: `${event.type} has no output in this trigger`,
			reason: `the event ${event.type} has no output in this trigger`,
			hint: 'Select it in Events, or turn off Separate Output per Event.',
		});
	}

	const workflow = this.getWorkflow();
	const node = this.getNode();
	const trigger = [profile.id, workflow.id, node.id ?? node.name, this.getMode()].join('\n');
	const rememberMs = rememberForMs(profile.delivery, maxAge);
	const forget = deliveryMemory.record(trigger, event.id, rememberMs);
	if (!forget) {
		return pass(this, {
			answer: 'duplicate delivery',
			reason: `event ${event.id} (${event.type}) already arrived at the test URL`,
			hint: `A copy of an event runs once: the trigger remembers each one for ${Math.ceil(rememberMs / 60_000)} minutes, so that a platform's retry does not run it twice. Make ${profile.displayName} send a new event.`,
		});
	}
	/*
	 * n8n answers once it has started the run, or with a failure when it could not. A failure the
	 * platform retries must find the event forgotten, or the retry is taken for a duplicate and the
	 * event is lost. A connection closed before any answer ('close' without 'finish') keeps it: n8n
	 * may well have started the run.
	 */
	res.once('finish', () => {
		if (!delivered(profile.delivery, res.statusCode)) forget();
	});

	const item = toItem(
		{ event, extras, form: verdict.form, headers: headers as IDataObject, raw },
		options,
	);
	return { workflowData: outputs.map((_, i) => (i === index ? [item] : [])) };
}
