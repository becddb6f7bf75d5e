import {
	NodeOperationError,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { DeliverySpec, PlatformProfile } from '../platforms/types';
import { answer } from './answer';
import { RefusalThrottle } from './refusalLog';

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
}

/**
 * The answer a platform takes as final: a refused replay must not be retried for a day. Brote
 * treats every 4xx as final; the others retry anything but a 2xx (Horneross: but a 200).
 */
export function finalStatus(delivery: DeliverySpec): number {
	return delivery.retryOn === 'server-error-or-timeout' ? 422 : 200;
}

const throttle = new RefusalThrottle();

function logRefusal(context: IWebhookFunctions, profile: PlatformProfile, refusal: Refusal): void {
	const workflow = context.getWorkflow();
	const node = context.getNode();
	const admission = throttle.admit(`${workflow.id ?? ''}\n${node.id ?? node.name}`);
	if (!admission.log) return;
	const suppressed =
		admission.suppressed > 0
			? ` ${admission.suppressed} earlier refusals by this node were not logged, one line a minute at most.`
			: '';
	context.logger.warn(
		`${profile.displayName} Trigger "${node.name}" in workflow "${workflow.name ?? ''}" (${workflow.id ?? 'unsaved'}) refused a delivery with ${refusal.status}: ${refusal.reason}.${suppressed}`,
		{
			platform: profile.id,
			workflowId: workflow.id,
			nodeName: node.name,
			status: refusal.status,
			reason: refusal.code,
			suppressed: admission.suppressed,
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
