import {
	NodeOperationError,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { answer } from './answer';
import { RefusalThrottle } from './refusalLog';

/** A signed event, as a log line names it. */
export interface EventName {
	id: string;
	type: string;
}

/** A delivery the trigger answers itself without starting a run, and why. */
export interface Refusal {
	status: number;
	/** A short code for the log's metadata: `bad-signature`, `stale`, `malformed-json`, … */
	code: string;
	/** Why, in words that hold no secret, signature or body: for n8n's log and the editor. */
	reason: string;
	/** More for the sender's answer only, such as the JSON parser's words, which quote the body. */
	detail?: string;
	/** The sender's answer in place of the reason, where the reason describes our own set-up. */
	answer?: string;
	/** The signed event refused, for a refusal after the signature matched: named in the log. */
	event?: EventName;
}

/**
 * The answer to an event refused by its time. Every platform retries it (Brote a 5xx, the others
 * anything but a 2xx, Horneross anything but a 200), because the refusal may be a false alarm: a
 * clock off on either side, or a delivery held up at the platform. A future time heals as the
 * clocks meet; a stale one once the builder raises Maximum Event Age. A replay is not the
 * platform's, so nothing retries it.
 */
export const RETRY_LATER = 503;

/** Refusals of a signed event are throttled per event, all others per node: see logRefusal. */
const byNode = new RefusalThrottle();
const byEvent = new RefusalThrottle();

/** A node logs that it cannot read event times once: the platform's format, not one event, is the cause. */
const unreadableTimes = new RefusalThrottle(Number.POSITIVE_INFINITY);

/** Ids and types are the platform's and signed, but a log line has no use for a long one. */
function clip(text: string): string {
	return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function triggerName(context: IWebhookFunctions, profile: PlatformProfile): string {
	const workflow = context.getWorkflow();
	return `${profile.displayName} Trigger "${context.getNode().name}" in workflow "${workflow.name ?? ''}" (${workflow.id ?? 'unsaved'})`;
}

function nodeKey(context: IWebhookFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}\n${node.id ?? node.name}`;
}

/*
 * A flood of forged deliveries is one line a minute per node. A signed event refused (by its
 * time) is throttled on its own, per event: a forged flood cannot hide it, and copies of one
 * event are one line a minute.
 */
function logRefusal(context: IWebhookFunctions, profile: PlatformProfile, refusal: Refusal): void {
	const { event } = refusal;
	const admission = event
		? byEvent.admit(`${nodeKey(context)}\n${event.id}`)
		: byNode.admit(nodeKey(context));
	if (!admission.log) return;
	const suppressed =
		admission.suppressed > 0
			? ` ${admission.suppressed} earlier refusals ${event ? 'of this event' : 'by this node'} were not logged, one line a minute at most.`
			: '';
	const named = event ? ` Event ${clip(event.id)} (${clip(event.type)}).` : '';
	context.logger.warn(
		`${triggerName(context, profile)} refused a delivery with ${refusal.status}: ${refusal.reason}.${named}${suppressed}`,
		{
			platform: profile.id,
			workflowId: context.getWorkflow().id,
			nodeName: context.getNode().name,
			status: refusal.status,
			reason: refusal.code,
			suppressed: admission.suppressed,
			...(event ? { eventId: clip(event.id), eventType: clip(event.type) } : {}),
		},
	);
}

/**
 * Logs, once per node, that an event time could not be read, so its check was skipped: the
 * event runs, and a replay of it is stopped only by the duplicate memory.
 */
export function logUnreadableTime(
	context: IWebhookFunctions,
	profile: PlatformProfile,
	event: EventName,
): void {
	if (!unreadableTimes.admit(nodeKey(context)).log) return;
	const field = profile.envelope.timeField;
	context.logger.warn(
		`${triggerName(context, profile)} cannot read the "${field}" time of its events (first seen in event ${clip(event.id)}, ${clip(event.type)}), so it does not check their age: they run, and a copy sent after the duplicate memory forgot it runs again. The trigger reads ISO 8601 times and epoch seconds or milliseconds. Logged once per node.`,
		{
			platform: profile.id,
			workflowId: context.getWorkflow().id,
			nodeName: context.getNode().name,
			reason: 'unreadable-time',
			eventId: clip(event.id),
			eventType: clip(event.type),
		},
	);
}

/**
 * Logs the refusal, throttled, then answers the sender. While the editor listens for a test
 * event, the refusal is thrown instead: n8n then shows it on the trigger in the editor, in a
 * test execution that stops at the trigger, and answers the sender 500 itself.
 */
export function refuse(
	context: IWebhookFunctions,
	profile: PlatformProfile,
	refusal: Refusal,
): IWebhookResponseData {
	logRefusal(context, profile, refusal);
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `Delivery refused: ${refusal.reason}`, {
			description: `A production URL would have answered ${refusal.status} and started nothing. Fix the cause, then listen for a test event again.`,
		});
	}
	const text =
		refusal.answer ?? (refusal.detail ? `${refusal.reason}: ${refusal.detail}` : refusal.reason);
	return answer(context.getResponseObject(), refusal.status, text);
}

/** A signed event the trigger lets pass without a run, and why. */
export interface Pass {
	/** The sender's answer after "OK: ", as production URLs have always given it. */
	answer: string;
	/** Why, for the editor. */
	reason: string;
	/** What the builder can do about it. */
	hint: string;
}

/**
 * Answers 200 to a signed event that starts no run (not selected, or a duplicate), so the
 * platform does not retry it. While the editor listens for a test event, the reason is thrown
 * instead, as for a refusal: otherwise the editor keeps waiting and never says why.
 */
export function pass(context: IWebhookFunctions, passed: Pass): IWebhookResponseData {
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `Delivery ignored: ${passed.reason}`, {
			description: `A production URL would have answered 200 and started nothing. ${passed.hint} Then listen for a test event again.`,
		});
	}
	return answer(context.getResponseObject(), 200, `OK: ${passed.answer}; ignored`);
}
