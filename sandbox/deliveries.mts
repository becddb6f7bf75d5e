import { randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';

import { profiles } from '../nodes/platforms/index.ts';
import type { DeliverySpec, PlatformId, PlatformProfile } from '../nodes/platforms/types.ts';
import { sign } from './signing.mts';
import { buildEnvelope } from './envelope.mts';
import { newId } from './org.mts';
import { Timers } from './timers.mts';

const ANSWER_LOG_BYTES = 1024;

export interface DeliverOptions {
	platform: PlatformId;
	/** Any catalog event, or any string: platforms add events and receivers must pass them through. */
	type: string;
	url: string;
	secret: string;
	/** Default: the profile's sample for `type` (`{}` for a type the catalog lacks). */
	data?: unknown;
	id?: string;
	occurredAt?: string;
	/** Send `JSON.stringify(envelope, null, 2)` bytes. */
	pretty?: boolean;
	/** Sign with another secret: a real HMAC that no receiver with the right secret accepts. */
	badSignature?: boolean;
	omitSignature?: boolean;
	/**
	 * `compact-json` signs the compact JSON of the body instead of the bytes sent, as a platform
	 * whose own sample signs `JSON.stringify(payload)` might (use with `pretty`). Default `raw`.
	 */
	signedForm?: 'raw' | 'compact-json';
	/** After the delivery ends, send the identical request once more (a retry the receiver already processed). */
	duplicate?: boolean;
	/** Send N distinct events concurrently. */
	burst?: number;
	/**
	 * Answers lost on the way back: the receiver got and handled the request, the platform saw a
	 * timeout and will retry. A number loses the first N answers; a function is asked at each
	 * answer (`true` loses it), so a test can lose every answer until some moment.
	 */
	loseAnswers?: number | (() => boolean);
	/** Follow the profile's retry schedule (scaled) on failure. Default true. */
	retry?: boolean;
	headers?: Record<string, string>;
	/** Send exactly these bytes, signed unless `badSignature`/`omitSignature`. */
	rawBody?: Buffer;
	/** Set for deliveries to a subscription, so its logs and stats find them. */
	subscriptionId?: string;
	/** Success also requires a 200 whose body is exactly this (NotMeta's challenge). */
	expectAnswer?: string;
	/** Called as each attempt ends (the CLI prints them). */
	onAttempt?: (attempt: AttemptRecord) => void;
}

export interface AttemptRecord {
	platform: PlatformId;
	subscriptionId?: string;
	eventId: string;
	type: string;
	attempt: number;
	/** `null` when no answer came: timeout, reset or refused. */
	status: number | null;
	latencyMs: number;
	/** The receiver's answer body, first 1 KiB. */
	answer: string;
	/** Same as `answer`: the name SANDBOX_API.md first gave it. */
	body: string;
	error?: string;
	/** With `loseAnswers`: the status the receiver answered before the answer was lost. */
	lostStatus?: number;
	ok: boolean;
	/** The identical resend of a `duplicate` delivery. */
	duplicate?: boolean;
	at: string;
}

export interface DeliveryResult {
	id: string;
	platform: PlatformId;
	type: string;
	url: string;
	/** The exact bytes sent. */
	body: Buffer;
	headers: Record<string, string>;
	attempts: AttemptRecord[];
	/** Whether the last non-duplicate attempt succeeded by the platform's own rule. */
	ok: boolean;
	/** With `burst`: every delivery of the burst, this one first. */
	burst?: DeliveryResult[];
}

export interface DeliveryEngineOptions {
	timeScale: number;
	deliveryTimeoutScale: number;
	/** Where every attempt is appended. */
	log: AttemptRecord[];
}

/** Success and retry rules, read from the profile's `retryOn`. */
function succeeded(spec: DeliverySpec, status: number | null): boolean {
	if (status === null) return false;
	return spec.retryOn === 'not-200' ? status === 200 : status >= 200 && status < 300;
}

function retryable(spec: DeliverySpec, status: number | null): boolean {
	if (spec.retryOn === 'server-error-or-timeout') return status === null || status >= 500;
	return !succeeded(spec, status);
}

function compactJson(bytes: Buffer): Buffer {
	try {
		return Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8'))));
	} catch {
		return bytes;
	}
}

function answerLosses(rule: DeliverOptions['loseAnswers']): () => boolean {
	if (typeof rule === 'function') return rule;
	let left = rule ?? 0;
	return () => left-- > 0;
}

interface Prepared {
	id: string;
	body: Buffer;
	headers: Record<string, string>;
}

export class DeliveryEngine {
	private readonly agent = new Agent({ keepAliveTimeout: 1_000, connections: 64 });
	private readonly timers = new Timers();
	private readonly closing = new AbortController();
	private active = 0;
	private idleWaiters: Array<() => void> = [];

	constructor(private readonly options: DeliveryEngineOptions) {}

	async deliver(options: DeliverOptions): Promise<DeliveryResult> {
		const count = options.burst ?? 1;
		if (count <= 1) return this.deliverOne(options);
		const results = await Promise.all(
			Array.from({ length: count }, (_, i) =>
				this.deliverOne({ ...options, id: options.id ? `${options.id}_${i + 1}` : undefined }),
			),
		);
		return { ...results[0], burst: results };
	}

	/** Counts work that will deliver soon as pending, until the returned release is called. */
	hold(): () => void {
		this.active++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.active--;
			this.settle();
		};
	}

	/** Resolves when no delivery is sending, waiting for a retry, or held. */
	waitForIdle(): Promise<void> {
		if (this.active === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	async close(): Promise<void> {
		this.closing.abort();
		this.timers.cancelAll();
		await this.agent.destroy();
		this.settle();
	}

	private prepare(options: DeliverOptions, profile: PlatformProfile): Prepared {
		const id = options.id ?? newId('evt');
		const body =
			options.rawBody ??
			Buffer.from(
				JSON.stringify(
					buildEnvelope(profile, {
						type: options.type,
						data: options.data ?? profile.events[options.type]?.sample ?? {},
						id,
						occurredAt: options.occurredAt ?? new Date().toISOString(),
					}),
					null,
					options.pretty ? 2 : undefined,
				),
			);
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': `conversa-sandbox/${profile.id}`,
		};
		if (profile.envelope.typeHeader)
			headers[profile.envelope.typeHeader.toLowerCase()] = options.type;
		if (!options.omitSignature) {
			const secret = options.badSignature
				? `not-${options.secret}-${randomBytes(8).toString('hex')}`
				: options.secret;
			const signed = options.signedForm === 'compact-json' ? compactJson(body) : body;
			headers[profile.signature.header.toLowerCase()] = sign(
				signed,
				secret,
				profile.signature.prefix === 'required',
			);
		}
		return { id, body, headers: { ...headers, ...options.headers } };
	}

	private async deliverOne(options: DeliverOptions): Promise<DeliveryResult> {
		const profile = profiles[options.platform];
		const spec = profile.delivery;
		const prepared = this.prepare(options, profile);
		const result: DeliveryResult = {
			id: prepared.id,
			platform: options.platform,
			type: options.type,
			url: options.url,
			body: prepared.body,
			headers: prepared.headers,
			attempts: [],
			ok: false,
		};
		this.active++;
		const losses = answerLosses(options.loseAnswers);
		try {
			const delays = options.retry === false ? [] : spec.retryDelaysMs;
			for (let n = 0; n <= delays.length; n++) {
				if (n > 0 && !(await this.timers.sleep(delays[n - 1] * this.options.timeScale))) break;
				if (this.closing.signal.aborted) break;
				const attempt = await this.attempt(options, prepared, n + 1, spec, false, losses);
				result.attempts.push(attempt);
				result.ok = attempt.ok;
				if (attempt.ok || !retryable(spec, attempt.status)) break;
			}
			if (options.duplicate && !this.closing.signal.aborted) {
				const resend = await this.attempt(
					options,
					prepared,
					result.attempts.length + 1,
					spec,
					true,
				);
				result.attempts.push(resend);
			}
		} finally {
			this.active--;
			this.settle();
		}
		return result;
	}

	private async attempt(
		options: DeliverOptions,
		prepared: Prepared,
		attempt: number,
		spec: DeliverySpec,
		duplicate = false,
		losses: () => boolean = () => false,
	): Promise<AttemptRecord> {
		const at = new Date().toISOString();
		const started = performance.now();
		const timeoutMs = spec.timeoutMs * this.options.deliveryTimeoutScale;
		let status: number | null = null;
		let answer = Buffer.alloc(0);
		let error: string | undefined;
		try {
			const response = await request(options.url, {
				method: 'POST',
				headers: prepared.headers,
				body: prepared.body,
				dispatcher: this.agent,
				signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(timeoutMs)]),
			});
			answer = Buffer.from(await response.body.arrayBuffer());
			status = response.statusCode;
		} catch (err) {
			status = null;
			error = this.describe(err, timeoutMs);
		}
		let lostStatus: number | undefined;
		if (status !== null && losses()) {
			lostStatus = status;
			status = null;
			answer = Buffer.alloc(0);
			error = `timeout: the receiver answered ${lostStatus}, but the answer was lost`;
		}
		const ok =
			succeeded(spec, status) &&
			(options.expectAnswer === undefined ||
				(status === 200 && answer.toString('utf8') === options.expectAnswer));
		const logged = answer.subarray(0, ANSWER_LOG_BYTES).toString('utf8');
		const record: AttemptRecord = {
			platform: options.platform,
			...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
			eventId: prepared.id,
			type: options.type,
			attempt,
			status,
			latencyMs: Math.round((performance.now() - started) * 100) / 100,
			answer: logged,
			body: logged,
			...(error ? { error } : {}),
			...(lostStatus === undefined ? {} : { lostStatus }),
			ok,
			...(duplicate ? { duplicate } : {}),
			at,
		};
		this.options.log.push(record);
		options.onAttempt?.(record);
		return record;
	}

	private describe(err: unknown, timeoutMs: number): string {
		if (this.closing.signal.aborted) return 'sandbox closed';
		const e = err as { name?: string; code?: string; message?: string };
		if (e.name === 'TimeoutError') return `timeout: no answer within ${timeoutMs} ms`;
		return [e.code, e.message].filter(Boolean).join(': ') || String(err);
	}

	private settle(): void {
		if (this.active > 0) return;
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const resolve of waiters) resolve();
	}
}
