import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { readSignatureHeader, verify, type VerifyResult } from './signature';
import type { TriggerConfig } from './config';
import { registersAutomatically } from './settings';
import { storedSubscriptions } from './store';

/** A secret field of a credential, trimmed; absent or not text reads as empty. */
export function secretText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export interface CredentialSecrets {
	current: string;
	previous: string;
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
	};
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
	readAt: number;
	/** When a mismatch last caused a read. */
	mismatchReadAt?: number;
}

const remembered = new Map<string, Remembered>();

function credentialKey(context: IWebhookFunctions, config: TriggerConfig): string {
	const node = context.getNode();
	return [
		context.getWorkflow().id,
		node.id ?? node.name,
		config.credential,
		node.credentials?.[config.credential]?.id ?? '',
	].join('\n');
}

/** What the credential held a moment ago, none included; undefined when it must be read again. */
function recentSecrets(key: string, now: number): string[] | undefined {
	const entry = remembered.get(key);
	return entry && now - entry.readAt < CREDENTIAL_REUSE_MS ? entry.secrets : undefined;
}

function rereadJustNow(key: string, now: number): boolean {
	const at = remembered.get(key)?.mismatchReadAt;
	return at !== undefined && now - at < MISMATCH_REREAD_MS;
}

function remember(key: string, secrets: string[], now: number, mismatch: boolean): void {
	const mismatchReadAt = mismatch ? now : remembered.get(key)?.mismatchReadAt;
	remembered.delete(key);
	if (remembered.size >= MAX_REMEMBERED) {
		const oldest = remembered.keys().next();
		if (!oldest.done) remembered.delete(oldest.value);
	}
	remembered.set(key, { secrets, readAt: now, mismatchReadAt });
}

function distinct(secrets: string[]): string[] {
	return [...new Set(secrets.filter((secret) => secret !== ''))];
}

/**
 * Checks a delivery against every secret it may be signed with, newest first: the secrets of
 * the subscriptions this node created, then the credential's current and previous secret (a
 * rotation in progress, or retries of deliveries signed before it). The credential is read
 * only when the secrets at hand do not match, and never for a request that carries no signature.
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
	const subscribed = registersAutomatically(context, profile, config)
		? storedSubscriptions(context).map((s) => s.secret)
		: [];
	const key = credentialKey(context, config);
	const now = Date.now();
	const recent = recentSecrets(key, now);
	const known = distinct([...subscribed, ...(recent ?? [])]);
	// A credential read a moment ago without a secret answers as it did: no read per request.
	if (known.length > 0 || recent !== undefined) {
		const verdict = check(known);
		// Only a mismatch can depend on secrets not at hand.
		if (verdict.ok || verdict.reason !== 'no-match' || rereadJustNow(key, now)) return verdict;
	}
	const { current, previous } = await credentialSecrets(context, config);
	const fromCredential = distinct([current, previous]);
	remember(key, fromCredential, Date.now(), known.length > 0);
	return check(distinct([...subscribed, ...fromCredential]));
}
