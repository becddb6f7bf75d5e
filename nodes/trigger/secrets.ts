import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { readSignatureHeader, verify, type VerifyResult } from './signature';
import type { TriggerConfig } from './config';
import { registersAutomatically } from './settings';
import { nodeUrlParts, storedSubscriptions } from './store';

/** A secret field of a credential, trimmed; absent or not text reads as empty. */
export function secretText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export interface CredentialSecrets {
	current: string;
	previous: string;
	/** The API key of a platform with a subscription API; empty for the others. */
	apiKey: string;
}

export async function credentialSecrets(
	context: IHookFunctions | IWebhookFunctions,
	config: TriggerConfig,
): Promise<CredentialSecrets> {
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(
		config.credential,
	);
	return {
		current: secretText(credentials.webhookSecret),
		previous: secretText(credentials.previousWebhookSecret),
		apiKey: secretText(credentials.apiKey),
	};
}

/*
 * Secrets that only the credential can produce or open. Each comes from its own label, versioned
 * so a later scheme can live beside this one; the API key is the HMAC key, so whoever reads the
 * workflow but not the credential learns nothing from what is stored.
 */
const LABELS = {
	sent: 'n8n-nodes-conversa/webhook-secret/v1',
	sealing: 'n8n-nodes-conversa/platform-secret-key/v1',
	fingerprint: 'n8n-nodes-conversa/secret-fingerprint-key/v1',
} as const;
const SEALED_PREFIX = 'v1.';

function keyed(apiKey: string, label: (typeof LABELS)[keyof typeof LABELS], message = ''): Buffer {
	return createHmac('sha256', apiKey).update(`${label}\n${message}`, 'utf8').digest();
}

/**
 * The secret a trigger sends when its credential has none: the same for the same API key and
 * webhook URL in every process and after every restart, and another for any other URL.
 */
export function derivedSecret(apiKey: string, url: string): string | undefined {
	return apiKey === '' ? undefined : keyed(apiKey, LABELS.sent, url).toString('hex');
}

/**
 * 16 hex characters that change when the secret sent changes: a keyed hash under the API key,
 * so it can neither be turned back into the secret nor used to test guesses of a weak one.
 */
export function secretFingerprint(apiKey: string, secret: string): string {
	return createHmac('sha256', keyed(apiKey, LABELS.fingerprint))
		.update(secret, 'utf8')
		.digest('hex')
		.slice(0, 16);
}

/** AES-256-GCM under a key from the API key, bound to the webhook URL it was answered for. */
export function sealSecret(apiKey: string, url: string, secret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyed(apiKey, LABELS.sealing), iv);
	cipher.setAAD(Buffer.from(url, 'utf8'));
	const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return (
		SEALED_PREFIX + [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')
	);
}

/** The sealed secret, or undefined when another API key or URL sealed it, or it was altered. */
function openSecret(apiKey: string, url: string, sealed: unknown): string | undefined {
	if (apiKey === '' || typeof sealed !== 'string' || !sealed.startsWith(SEALED_PREFIX)) {
		return undefined;
	}
	const [iv, data, tag] = sealed
		.slice(SEALED_PREFIX.length)
		.split('.')
		.map((part) => Buffer.from(part, 'base64url'));
	if (!iv || !data || !tag || iv.length !== 12 || tag.length !== 16) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyed(apiKey, LABELS.sealing), iv);
		decipher.setAAD(Buffer.from(url, 'utf8'));
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

/**
 * The webhook URLs a delivery may have been signed for: the one it arrived at. n8n gives a
 * webhook the production URL whichever endpoint served it; the test URL comes from
 * getWebhookResourceUrl, which n8n 1.x lacks. There the test URL is found among the stored
 * ones: this node's other URL at the production URL's origin.
 */
function arrivalUrls(context: IWebhookFunctions): string[] {
	const production = context.getNodeWebhookUrl('default');
	if (!production) return [];
	if (context.getMode() !== 'manual') return [production];
	const served =
		typeof context.getWebhookResourceUrl === 'function'
			? context.getWebhookResourceUrl('default')
			: undefined;
	if (served) return [served];
	const webhookId = context.getNode().webhookId;
	const own = nodeUrlParts(production, webhookId);
	if (!own) return [];
	return Object.keys(storedSubscriptions(context)).filter((url) => {
		const parts = nodeUrlParts(url, webhookId);
		return url !== production && parts?.origin === own.origin && parts.tail === own.tail;
	});
}

interface SubscriptionSecrets {
	secrets: string[];
	/** The credential gives another secret now than the one the subscription was sent. */
	outdated: boolean;
}

/**
 * The secrets of this node's subscriptions at `urls`: the one derived for each URL (also when
 * the static data is lost), and the platform's own, opened with the API key.
 */
function subscriptionSecrets(
	context: IWebhookFunctions,
	credential: CredentialSecrets,
	urls: readonly string[],
): SubscriptionSecrets {
	const stored = storedSubscriptions(context);
	const secrets: string[] = [];
	let outdated = false;
	for (const url of urls) {
		const derived = derivedSecret(credential.apiKey, url);
		if (derived) secrets.push(derived);
		const subscription = stored[url];
		if (!subscription) continue;
		const own = openSecret(credential.apiKey, url, subscription.platformSecret);
		if (own) secrets.push(own);
		const sent = credential.current || derived;
		if (
			subscription.fingerprint !== undefined &&
			(sent === undefined ||
				subscription.fingerprint !== secretFingerprint(credential.apiKey, sent))
		) {
			outdated = true;
		}
	}
	return { secrets, outdated };
}

/*
 * Reading a credential in n8n's server costs a database query, a decryption and a fresh
 * expression isolate: more than the rest of a delivery. A delivery that matches the secrets
 * read a moment ago needs no new read, and a secret removed from the credential stops working
 * within CREDENTIAL_REUSE_MS. One that does not match gets a new read, so a new secret works
 * at once; but a flood of forged deliveries must not turn into a flood of reads, so after a
 * read a mismatch caused, the next mismatch reads again only MISMATCH_REREAD_MS later.
 */
const CREDENTIAL_REUSE_MS = 5_000;
const MISMATCH_REREAD_MS = 1_000;
const MAX_REMEMBERED = 1_000;

interface Remembered {
	secrets: string[];
	outdated: boolean;
	readAt: number;
	/** When a mismatch last caused a read. */
	mismatchReadAt?: number;
}

const remembered = new Map<string, Remembered>();

function credentialKey(
	context: IWebhookFunctions,
	config: TriggerConfig,
	urls: readonly string[],
): string {
	const node = context.getNode();
	return [
		context.getWorkflow().id,
		node.id ?? node.name,
		config.credential,
		node.credentials?.[config.credential]?.id ?? '',
		...urls,
	].join('\n');
}

function recent(key: string, now: number): Remembered | undefined {
	const entry = remembered.get(key);
	return entry && now - entry.readAt < CREDENTIAL_REUSE_MS ? entry : undefined;
}

function rereadJustNow(key: string, now: number): boolean {
	const at = remembered.get(key)?.mismatchReadAt;
	return at !== undefined && now - at < MISMATCH_REREAD_MS;
}

function remember(
	key: string,
	entry: Pick<Remembered, 'secrets' | 'outdated'>,
	now: number,
	mismatch: boolean,
): void {
	const mismatchReadAt = mismatch ? now : remembered.get(key)?.mismatchReadAt;
	remembered.delete(key);
	if (remembered.size >= MAX_REMEMBERED) {
		const oldest = remembered.keys().next();
		if (!oldest.done) remembered.delete(oldest.value);
	}
	remembered.set(key, { ...entry, readAt: now, mismatchReadAt });
}

function distinct(secrets: string[]): string[] {
	return [...new Set(secrets.filter((secret) => secret !== ''))];
}

/**
 * A mismatch that a change of the credential explains is our set-up's fault, not the sender's:
 * it says so, and what repairs it.
 */
function explained(
	verdict: VerifyResult,
	outdated: boolean,
	profile: PlatformProfile,
): VerifyResult {
	if (verdict.ok || verdict.reason !== 'no-match' || !outdated) return verdict;
	return {
		ok: false,
		reason: 'outdated-secret',
		message: `The ${profile.signature.header} signature matches none of this trigger's secrets, and the credential's API key or signing secret changed since the trigger registered its webhook: deactivate and activate the workflow, so that ${profile.displayName} gets the new secret`,
	};
}

/**
 * Checks a delivery against every secret it may be signed with: those of this node's
 * subscription at the URL it arrived at (the one derived for that URL and the platform's own),
 * then the credential's current and previous secret (a rotation in progress, or retries of
 * deliveries signed before it). The secrets read a moment ago are reused; the credential is
 * read again only when they do not match, and never for a request that carries no signature.
 */
export async function verifyDelivery(
	context: IWebhookFunctions,
	profile: PlatformProfile,
	config: TriggerConfig,
	body: Buffer,
	header: string | string[] | undefined,
	compact: () => Buffer | undefined,
): Promise<VerifyResult> {
	const unsigned = readSignatureHeader(header, profile.signature);
	if (!Buffer.isBuffer(unsigned)) return unsigned;
	const check = (secrets: string[]) =>
		verify({
			body,
			header,
			secrets,
			format: profile.signature,
			compactJsonFallback: profile.signature.compactJsonFallback,
			compact,
		});
	const urls = registersAutomatically(context, profile, config) ? arrivalUrls(context) : [];
	const key = credentialKey(context, config, urls);
	const now = Date.now();
	const known = recent(key, now);
	// A credential read a moment ago without a secret answers as it did: no read per request.
	if (known !== undefined) {
		const verdict = check(known.secrets);
		// Only a mismatch can depend on secrets not at hand.
		if (verdict.ok || verdict.reason !== 'no-match' || rereadJustNow(key, now)) {
			return explained(verdict, known.outdated, profile);
		}
	}
	const credential = await credentialSecrets(context, config);
	const subscribed = subscriptionSecrets(context, credential, urls);
	const secrets = distinct([...subscribed.secrets, credential.current, credential.previous]);
	remember(key, { secrets, outdated: subscribed.outdated }, Date.now(), known !== undefined);
	return explained(check(secrets), subscribed.outdated, profile);
}
