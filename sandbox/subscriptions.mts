import { randomBytes } from 'node:crypto';

import type { PlatformId, PlatformProfile } from '../nodes/platforms/types.ts';
import type { AttemptRecord, DeliveryEngine, DeliveryResult } from './deliveries.mts';
import { ApiError, notFound } from './errors.mts';
import type { Faults } from './faults.mts';
import { newId } from './org.mts';
import { paginate } from './pagination.mts';
import type { Reply, Request, Router } from './router.mts';
import { httpUrl, objectBody, optionalString, requiredString } from './validate.mts';

/** Brote's delivery log: an API the nodes do not use, so it is not in Brote's profile. */
const DELIVERY_LOG_PATHS: Partial<Record<PlatformId, string>> = {
	brote: '/webhooks/{id}/deliveries',
};

export interface Subscription {
	id: string;
	url: string;
	events: string[];
	secret: string;
	/** `failed` once its verification has failed for good: it gets no events. */
	status: 'active' | 'pending_verification' | 'failed';
	created_at: string;
}

export interface Published {
	eventId: string;
	subscriptionIds: string[];
	/** Settles when every delivery, retries included, has ended. */
	done: Promise<DeliveryResult[]>;
}

/** The live subscriptions of every platform, and the events they receive. */
export class Subscriptions {
	private readonly byPlatform = new Map<PlatformId, Map<string, Subscription>>();

	constructor(
		private readonly engine: DeliveryEngine,
		private readonly log: readonly AttemptRecord[],
		private readonly faults: Faults,
	) {}

	list(platform: PlatformId): Subscription[] {
		return [...this.of(platform).values()];
	}

	/** Delivers one event to every active subscription of the platform that asked for its type. */
	publish(platform: PlatformId, type: string, data?: unknown): Published {
		const eventId = newId('evt');
		const occurredAt = new Date().toISOString();
		const targets = this.list(platform).filter(
			(s) => s.status === 'active' && s.events.includes(type),
		);
		const done = Promise.all(
			targets.map((s) =>
				this.engine.deliver({
					platform,
					type,
					data,
					id: eventId,
					occurredAt,
					url: s.url,
					secret: s.secret,
					subscriptionId: s.id,
				}),
			),
		);
		return { eventId, subscriptionIds: targets.map((s) => s.id), done };
	}

	/** The subscription API at the profile's paths, and the delivery log the platform documents. */
	mount(router: Router, profile: PlatformProfile): void {
		const paths = profile.subscription;
		if (!paths) return;
		router.add('POST', paths.collectionPath, (req) => this.create(profile, req));
		router.add('GET', paths.collectionPath, (req) => ({
			status: 200,
			body: paginate(this.list(profile.id), req.query, profile),
		}));
		router.add('GET', paths.itemPath, (req) => ({
			status: 200,
			body: this.get(profile.id, req.params.id),
		}));
		router.add('DELETE', paths.itemPath, (req) => {
			this.get(profile.id, req.params.id);
			this.of(profile.id).delete(req.params.id);
			return { status: 204 };
		});
		for (const path of [paths.logsPath, DELIVERY_LOG_PATHS[profile.id]]) {
			if (!path) continue;
			router.add('GET', path, (req) => ({
				status: 200,
				body: paginate(this.attempts(profile.id, req.params.id), req.query, profile),
			}));
		}
		if (paths.statsPath) {
			router.add('GET', paths.statsPath, (req) => ({
				status: 200,
				body: this.stats(profile.id, req.params.id),
			}));
		}
	}

	private of(platform: PlatformId): Map<string, Subscription> {
		let map = this.byPlatform.get(platform);
		if (!map) this.byPlatform.set(platform, (map = new Map()));
		return map;
	}

	private get(platform: PlatformId, id: string): Subscription {
		const subscription = this.of(platform).get(id);
		if (!subscription) throw notFound('Webhook', id);
		return subscription;
	}

	private create(profile: PlatformProfile, req: Request): Reply {
		const body = objectBody(req.body);
		const url = httpUrl(requiredString(body, 'url'), 'url') as string;
		const events = body.events;
		if (!Array.isArray(events) || events.length === 0) {
			throw new ApiError(
				422,
				'validation_error',
				'events must be a non-empty array of event types',
			);
		}
		const unknown = events.filter(
			(e) => typeof e !== 'string' || !Object.hasOwn(profile.events, e),
		);
		if (unknown.length > 0) {
			throw new ApiError(
				422,
				'validation_error',
				`Unknown event types: ${unknown.map(String).join(', ')}`,
			);
		}
		const sent = this.faults.ownWebhookSecret(profile.id) ? '' : optionalString(body, 'secret');
		const fails = this.faults.takeVerificationFailure(profile.id);
		const subscription: Subscription = {
			id: newId('wh'),
			url,
			events: [...new Set(events as string[])],
			secret: sent || `whsec_${randomBytes(24).toString('hex')}`,
			status: fails ? 'failed' : profile.handshake ? 'pending_verification' : 'active',
			created_at: new Date().toISOString(),
		};
		this.of(profile.id).set(subscription.id, subscription);
		if (!profile.handshake || fails) return { status: 201, body: { ...subscription } };
		// Held from now, so waitForIdle() covers a challenge that has not started yet.
		const release = this.engine.hold();
		return {
			status: 201,
			body: { ...subscription },
			after: () => void this.challenge(profile, subscription).finally(release),
		};
	}

	/**
	 * The handshake is a signed delivery that succeeds only on a 200 whose body is exactly the
	 * challenge. An unreachable or failing endpoint gets the platform's retry schedule, so one
	 * that comes up a moment late is still verified; a 200 with another body is final. A
	 * verification that ends without success leaves the subscription `failed`.
	 */
	private async challenge(profile: PlatformProfile, subscription: Subscription): Promise<void> {
		const handshake = profile.handshake;
		if (!handshake) return;
		const challenge = randomBytes(16).toString('hex');
		const result = await this.engine.deliver({
			platform: profile.id,
			type: handshake.eventType,
			url: subscription.url,
			secret: subscription.secret,
			subscriptionId: subscription.id,
			data: {
				[handshake.subscriptionIdField]: subscription.id,
				[handshake.challengeField]: challenge,
			},
			expectAnswer: challenge,
		});
		subscription.status = result.ok ? 'active' : 'failed';
	}

	private attempts(platform: PlatformId, id: string): AttemptRecord[] {
		this.get(platform, id);
		return this.log.filter((a) => a.platform === platform && a.subscriptionId === id);
	}

	private stats(platform: PlatformId, id: string) {
		const attempts = this.attempts(platform, id);
		const succeeded = attempts.filter((a) => a.ok).length;
		const events = new Set(attempts.map((a) => a.eventId));
		const delivered = new Set(attempts.filter((a) => a.ok).map((a) => a.eventId));
		const latency = attempts.reduce((sum, a) => sum + a.latencyMs, 0);
		return {
			webhook_id: id,
			events: events.size,
			events_delivered: delivered.size,
			attempts: attempts.length,
			attempts_succeeded: succeeded,
			attempts_failed: attempts.length - succeeded,
			success_rate: attempts.length ? succeeded / attempts.length : null,
			average_latency_ms: attempts.length ? Math.round(latency / attempts.length) : null,
			last_attempt_at: attempts.at(-1)?.at ?? null,
		};
	}
}
