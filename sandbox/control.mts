import { profiles } from '../nodes/platforms/index.ts';
import type { PlatformId } from '../nodes/platforms/types.ts';
import type { ApiKeys } from './auth.mts';
import type {
	AttemptRecord,
	DeliverOptions,
	DeliveryEngine,
	DeliveryResult,
} from './deliveries.mts';
import { invalid } from './errors.mts';
import type { FaultSettings, Faults } from './faults.mts';
import type { Router } from './router.mts';
import type { RequestRecord } from './server.mts';
import type { BroteStore } from './store.mts';
import type { Subscriptions } from './subscriptions.mts';
import { type Body, httpUrl, objectBody, requiredString } from './validate.mts';

export interface ControlParts {
	store: BroteStore;
	faults: Faults;
	engine: DeliveryEngine;
	subscriptions: Subscriptions;
	keys: ApiKeys;
	deliveries: AttemptRecord[];
	requests: RequestRecord[];
}

function platformOf(value: unknown): PlatformId {
	if (typeof value !== 'string' || !Object.hasOwn(profiles, value)) {
		throw invalid(`platform must be one of ${Object.keys(profiles).join(', ')}`);
	}
	return value as PlatformId;
}

/** JSON has no Buffer: `rawBody` is taken as UTF-8 text, `rawBodyBase64` as exact bytes. */
function deliverOptions(body: Body): DeliverOptions {
	const { rawBody, rawBodyBase64, ...rest } = body;
	const options = {
		...rest,
		platform: platformOf(body.platform),
		type: requiredString(body, 'type'),
		url: httpUrl(requiredString(body, 'url'), 'url') as string,
		secret: requiredString(body, 'secret'),
	} as DeliverOptions;
	if (typeof rawBodyBase64 === 'string') options.rawBody = Buffer.from(rawBodyBase64, 'base64');
	else if (typeof rawBody === 'string') options.rawBody = Buffer.from(rawBody, 'utf8');
	return options;
}

function serialize(result: DeliveryResult): Record<string, unknown> {
	return {
		...result,
		body: result.body.toString('utf8'),
		...(result.burst
			? {
					burst: result.burst.map((r) => ({
						...r,
						body: r.body.toString('utf8'),
						burst: undefined,
					})),
				}
			: {}),
	};
}

/** The sandbox's own switches, under /_control; no auth, 127.0.0.1 only. */
export function mountControl(router: Router, parts: ControlParts): void {
	const { store, faults, engine, subscriptions, keys } = parts;

	router.add('POST', '/faults', (req) => {
		const body = objectBody(req.body);
		faults.set({
			...body,
			...(body.platform !== undefined ? { platform: platformOf(body.platform) } : {}),
		} as FaultSettings);
		return { status: 204 };
	});
	router.add('DELETE', '/faults', () => {
		faults.clear();
		return { status: 204 };
	});

	router.add('POST', '/deliver', async (req) => ({
		status: 200,
		body: serialize(await engine.deliver(deliverOptions(objectBody(req.body)))),
	}));

	router.add('POST', '/{platform}/emit', (req) => {
		const platform = platformOf(req.params.platform);
		const body = objectBody(req.body);
		const published = subscriptions.publish(platform, requiredString(body, 'type'), body.data);
		return {
			status: 202,
			body: { event_id: published.eventId, subscriptions: published.subscriptionIds },
		};
	});

	router.add('POST', '/api-keys', (req) => ({
		status: 201,
		body: { key: keys.issue(platformOf(objectBody(req.body).platform)) },
	}));

	router.add('POST', '/seed', (req) => {
		const body = objectBody(req.body ?? {});
		const count = (field: string) => {
			const value = body[field];
			if (value === undefined) return undefined;
			if (!Number.isInteger(value) || (value as number) < 0)
				throw invalid(`${field} must be a non-negative integer`);
			return value as number;
		};
		store.seed({
			contacts: count('contacts'),
			conversations: count('conversations'),
			tickets: count('tickets'),
		});
		return { status: 200, body: counts(store) };
	});

	router.add('GET', '/state', () => ({
		status: 200,
		body: {
			brote: counts(store),
			subscriptions: Object.fromEntries(
				Object.keys(profiles).map((p) => [p, subscriptions.list(p as PlatformId)]),
			),
			deliveries: parts.deliveries.length,
			requests: parts.requests.length,
		},
	}));
	router.add('GET', '/deliveries', () => ({ status: 200, body: { data: parts.deliveries } }));
	router.add('GET', '/requests', () => ({ status: 200, body: { data: parts.requests } }));
	router.add('DELETE', '/requests', () => {
		parts.requests.length = 0;
		return { status: 204 };
	});
}

function counts(store: BroteStore): Record<string, number> {
	return {
		contacts: store.contacts.size,
		conversations: store.conversations.size,
		messages: store.messages.size,
		tickets: store.tickets.size,
		paymentLinks: store.paymentLinks.size,
		payments: store.payments.size,
		campaigns: store.campaigns.size,
	};
}
