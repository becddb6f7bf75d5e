import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { profiles } from '../nodes/platforms/index.ts';
import type { PlatformId, RateLimitSpec } from '../nodes/platforms/types.ts';
import { ApiKeys } from './auth.mts';
import { type BroteEmit, mountBroteApi } from './brote-api.mts';
import { mountBroteControl } from './brote-control.mts';
import { ChatModel, mountChatModel } from './chat-model.mts';
import { mountControl } from './control.mts';
import { credentialData } from './credentials.mts';
import {
	type AttemptRecord,
	type DeliverOptions,
	DeliveryEngine,
	type DeliveryResult,
} from './deliveries.mts';
import { Faults } from './faults.mts';
import { RateLimiter, type RateLimitHeaders } from './rate-limit.mts';
import { Router } from './router.mts';
import { type Mount, type RequestRecord, startServer } from './server.mts';
import { BroteStore } from './store.mts';
import { type Published, type Subscription, Subscriptions } from './subscriptions.mts';

export type { ChatModel, ChatRequest, ChatScript } from './chat-model.mts';
export type { AttemptRecord, DeliverOptions, DeliveryResult } from './deliveries.mts';
export type { FaultSettings } from './faults.mts';
export type { RateLimitHeaders } from './rate-limit.mts';
export type { RequestRecord } from './server.mts';
export type {
	BroteStore,
	Campaign,
	Contact,
	Conversation,
	Message,
	Payment,
	PaymentLink,
	Ticket,
} from './store.mts';
export type { Published, Subscription } from './subscriptions.mts';

export interface SandboxOptions {
	/** Real ms per platform ms, for minutes of rate limit and retry schedules. Default 0.01 (1 min = 600 ms). */
	timeScale?: number;
	/**
	 * Apply the profile's rate limit per API key (true, the default), none (false), or this one
	 * instead of the profile's, as a plan other than the documented one would.
	 */
	rateLimit?: boolean | RateLimitSpec;
	/** Send the standard rate-limit headers on every answer the limit admits or refuses. Default none. */
	rateLimitHeaders?: RateLimitHeaders;
	/** Contacts to seed before the first request. */
	seedContacts?: number;
	/** Multiplies each profile's answer timeout, independently of `timeScale`. Default 1. */
	deliveryTimeoutScale?: number;
	/** Default 0: any free port. */
	port?: number;
	/** The rate limiter's clock in ms; tests pass their own to count tokens exactly. */
	now?: () => number;
}

/** The platforms with an HTTP API in the sandbox. */
export type ApiPlatform = 'brote' | 'notmeta';

export interface Sandbox {
	baseUrl: string;
	urls: Record<ApiPlatform, string>;
	apiKeys: Record<ApiPlatform, string>;
	controlUrl: string;
	/** An OpenAI-compatible base URL (with its `/v1`), for the `url` of n8n's OpenAI credential. */
	chatModelUrl: string;
	/** The scripted chat model behind `chatModelUrl`, and the requests it got. */
	chatModel: ChatModel;
	newApiKey(platform: ApiPlatform): string;
	/**
	 * The platform's credential for this sandbox, pacing the node on its clock; `apiKey`
	 * defaults to the sandbox's own key.
	 */
	credentials(platform: ApiPlatform, apiKey?: string): ICredentialDataDecryptedObject;
	brote: BroteStore;
	subscriptions(platform: PlatformId): Subscription[];
	requests: RequestRecord[];
	resetRequests(): void;
	faults: Faults;
	deliver(options: DeliverOptions): Promise<DeliveryResult>;
	/** Sends an event to the platform's active subscriptions for its type, as the platform would. */
	emit(platform: PlatformId, type: string, data?: unknown): Published;
	deliveries: AttemptRecord[];
	waitForIdle(): Promise<void>;
	close(): Promise<void>;
}

const CONTROL_PREFIX = '/_control';
const CHAT_MODEL_PREFIX = '/openai/v1';

function apiPrefix(platform: PlatformId, baseUrl: string): string {
	return `/${platform}${new URL(baseUrl).pathname.replace(/\/$/, '')}`;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const timeScale = options.timeScale ?? 0.01;
	const now = options.now ?? (() => performance.now());
	const store = new BroteStore();
	const deliveries: AttemptRecord[] = [];
	const requests: RequestRecord[] = [];
	const faults = new Faults();
	const keys = new ApiKeys();
	const engine = new DeliveryEngine({
		timeScale,
		deliveryTimeoutScale: options.deliveryTimeoutScale ?? 1,
		log: deliveries,
	});
	const subscriptions = new Subscriptions(engine, deliveries, faults);
	const emit: BroteEmit = (type, data) => void subscriptions.publish('brote', type, data);
	let baseUrl = '';
	const brote = {
		store,
		emit,
		linkUrl: (id: string) => `${baseUrl}${CONTROL_PREFIX}/brote/payments/${id}/pay`,
	};

	const mounts: Mount[] = [];
	for (const profile of Object.values(profiles)) {
		if (!profile.api) continue;
		const router = new Router();
		if (profile.id === 'brote') mountBroteApi(router, brote);
		subscriptions.mount(router, profile);
		const documented = profile.api.rateLimit;
		const limit = typeof options.rateLimit === 'object' ? options.rateLimit : documented;
		mounts.push({
			platform: profile.id,
			prefix: apiPrefix(profile.id, profile.api.defaultBaseUrl),
			router,
			rateLimiter:
				documented && limit && options.rateLimit !== false
					? new RateLimiter(limit, timeScale, now)
					: undefined,
			rateLimitHeaders: options.rateLimitHeaders,
		});
	}
	const control = new Router();
	mountControl(control, { store, faults, engine, subscriptions, keys, deliveries, requests });
	mountBroteControl(control, brote);
	const chatModel = new ChatModel();
	const chatModelRouter = new Router();
	mountChatModel(chatModelRouter, chatModel);

	if (options.seedContacts) store.seed({ contacts: options.seedContacts });
	const server = await startServer(
		{
			mounts,
			control,
			controlPrefix: CONTROL_PREFIX,
			services: [{ prefix: CHAT_MODEL_PREFIX, router: chatModelRouter }],
			faults,
			keys,
			requests,
		},
		options.port ?? 0,
	);
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const urlOf = (platform: ApiPlatform) =>
		baseUrl + (mounts.find((m) => m.platform === platform)?.prefix ?? '');

	return {
		baseUrl,
		urls: { brote: urlOf('brote'), notmeta: urlOf('notmeta') },
		apiKeys: { brote: keys.defaultKey('brote'), notmeta: keys.defaultKey('notmeta') },
		controlUrl: baseUrl + CONTROL_PREFIX,
		chatModelUrl: baseUrl + CHAT_MODEL_PREFIX,
		chatModel,
		newApiKey: (platform) => keys.issue(platform),
		credentials: (platform, apiKey = keys.defaultKey(platform)) =>
			credentialData(platform, { apiKey, baseUrl: urlOf(platform), timeScale }),
		brote: store,
		subscriptions: (platform) => subscriptions.list(platform),
		requests,
		resetRequests: () => void (requests.length = 0),
		faults,
		deliver: (o) => engine.deliver(o),
		emit: (platform, type, data) => subscriptions.publish(platform, type, data),
		deliveries,
		waitForIdle: () => engine.waitForIdle(),
		close: async () => {
			await engine.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
