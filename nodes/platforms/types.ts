import type { PlatformId } from './index';

export type { PlatformId };

export interface SignatureSpec {
	/** The header as the platform's document spells it. */
	header: string;
	/**
	 * `required`: the value is `sha256=<hex>`; `optional`: the prefix may be absent;
	 * `none`: bare hex. Hex is accepted in either case everywhere.
	 */
	prefix: 'required' | 'optional' | 'none';
	/**
	 * The platform's own sample signs `JSON.stringify(payload)`: a raw-body mismatch may be
	 * retried once against the compact re-serialization of the parsed body.
	 */
	compactJsonFallback: boolean;
}

/** An item field's name as the envelope spells it: `organizationId` → `organization_id`. */
export type WireName<S extends string> = S extends `${infer C}${infer Rest}`
	? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${WireName<Rest>}`
	: S;

/** The item fields of a platform whose envelope has nothing beyond id, type, time and data. */
export type NoExtraFields = Record<never, never>;

/** `X`: the item fields the envelope's extra fields become, which name the extra fields. */
export interface EnvelopeSpec<X extends object = Record<string, string | null>> {
	typeField: string;
	/** Other body fields that may carry the event type when `typeField` is absent. */
	typeAliases?: readonly string[];
	/** A header that may carry the event type when no body field does. */
	typeHeader?: string;
	/** Absent where the body carries no delivery id (Brote). */
	idField?: string;
	timeField: string;
	dataField: string;
	/**
	 * Envelope fields beyond id, type, time and data, with realistic sample values. Each reaches
	 * the item under its camelCase name (see envelopeItemField), beside `occurredAt`.
	 */
	extraFields?: Readonly<Record<WireName<keyof X & string>, string>>;
}

/** `event-id`: the envelope's id; `body-sha256`: SHA-256 of the raw body (a retry resends the same bytes). */
export type DedupeKey = 'event-id' | 'body-sha256';

export interface EventSpec<D> {
	description: string;
	sample: D;
	/**
	 * The trigger version that first knows the event; absent for 1. "All Events" at an earlier
	 * version leaves it out, so saved workflows keep what they subscribed to.
	 */
	since?: number;
}

export type EventCatalog<M> = { readonly [K in keyof M & string]: EventSpec<M[K]> };

export interface DeliverySpec {
	/** How long the platform waits for an answer before it counts the attempt as failed. */
	timeoutMs: number;
	/** `server-error-or-timeout`: 5xx or timeout (4xx is final); `not-200`: anything but 200; `non-2xx`: any non-2xx. */
	retryOn: 'server-error-or-timeout' | 'not-200' | 'non-2xx';
	/** Delay before each retry, counted from the previous attempt, in real milliseconds. */
	retryDelaysMs: readonly number[];
}

export interface RateLimitSpec {
	/** Requests allowed at once (the burst). */
	capacity: number;
	/** Sustained requests per minute. */
	refillPerMinute: number;
}

export interface PaginationSpec {
	/** Lists take `?limit=` up to this and `?cursor=`, and answer `{ data, next_cursor }`. */
	maxPageSize: number;
	defaultPageSize: number;
}

export interface ApiSpec {
	/** Includes the version segment, so paths below are relative to it. */
	defaultBaseUrl: string;
	/** The limit the platform documents; a credential may state its own plan's instead. */
	rateLimit?: RateLimitSpec;
	/** The plan `rateLimit` is documented for, named in the credential's help. */
	rateLimitPlan?: string;
	pagination?: PaginationSpec;
}

export interface SubscriptionApiSpec {
	/** POST creates `{ url, events, secret }`, GET lists. */
	collectionPath: string;
	/** GET reads, DELETE removes (204). `{id}` is replaced. */
	itemPath: string;
	logsPath?: string;
	statsPath?: string;
}

export interface HandshakeSpec {
	/** Event type of the challenge delivery. */
	eventType: string;
	/** Field inside the envelope's data that holds the challenge string. */
	challengeField: string;
	/** Field inside the envelope's data that names the subscription being verified. */
	subscriptionIdField: string;
}

/**
 * `M` maps each event type to its data; `X` holds the item fields of the envelope's extra fields
 * (Brote's organizationId). The event union is derived from both.
 */
export interface PlatformProfile<
	M = Record<string, unknown>,
	X extends object = Record<string, string | null>,
> {
	id: PlatformId;
	displayName: string;
	signature: SignatureSpec;
	envelope: EnvelopeSpec<X>;
	dedupe: DedupeKey;
	events: EventCatalog<M>;
	/** Option names for event types whose mechanical name (see eventName) reads badly. */
	eventNames?: Readonly<Partial<Record<keyof M & string, string>>>;
	delivery: DeliverySpec;
	api?: ApiSpec;
	subscription?: SubscriptionApiSpec;
	handshake?: HandshakeSpec;
	/** Where a user pastes the webhook URL and finds the secret, for platforms without a subscription API. */
	dashboardSetup?: string;
	/** Contracts the source document leaves open, each in one line, so a reader knows what to confirm. */
	assumptions: readonly string[];
}

/** The item a trigger emits for an event type the catalog knows. */
export interface KnownEvent<P extends PlatformId, T extends string, D> {
	platform: P;
	id: string;
	type: T;
	occurredAt: string | null;
	data: D;
	known: true;
}

/** Platforms add events: an unknown type is passed through, never dropped. */
export interface UnknownEvent<P extends PlatformId> {
	platform: P;
	id: string;
	type: string;
	occurredAt: string | null;
	data: unknown;
	known: false;
}

/** Envelope fields as the item carries them: a field the body lacks, or not as text, is null. */
export type EnvelopeExtras = Readonly<Record<string, string | null>>;

/**
 * Discriminated union of a platform's events: narrow on `known`, then on `type`. `X` holds the
 * platform's envelope fields beyond id, type, time and data, present on every one of its events.
 */
export type PlatformEvent<P extends PlatformId, M, X extends object = Record<never, never>> = (
	| { [K in keyof M & string]: KnownEvent<P, K, M[K]> }[keyof M & string]
	| UnknownEvent<P>
) &
	X;

/** How n8n and the user know a platform's nodes and credential. */
export interface PlatformIdentity {
	/** Type name of the trigger node. */
	triggerNode: string;
	/** Type name of the action node, for a platform whose API the package acts on. */
	actionNode?: string;
	/** Type name of the credential every node of the platform uses. */
	credential: string;
	credentialDisplayName: string;
	/** The folder under nodes/ that holds the platform's nodes and icons. */
	folder: string;
	/** Base name of the icon files: `<icon>.svg` and `<icon>.dark.svg`. */
	icon: string;
	/** The README section on setting the platform up. */
	docsAnchor: string;
}
