/*
 * Types for code that handles the triggers' items: Code nodes checked with JSDoc, or other
 * packages. Narrow an event on `known`, then on `type`, and `data` has that event's shape.
 */
import type { PlatformEvent, PlatformId, PlatformProfile, platforms } from './platforms';
import type { SignedForm } from './trigger/signature';

export type * from './platforms';

type EventOf<P extends PlatformId> =
	(typeof platforms)[P]['profile'] extends PlatformProfile<infer M, infer X>
		? PlatformEvent<P, M, X>
		: never;

/** An event of any of the platforms; `platform` tells them apart. */
export type ConversaEvent = { [P in PlatformId]: EventOf<P> }[PlatformId];

/** What "Include Headers and Raw Body" adds to an item. */
export interface RequestDetails {
	headers: Record<string, string | string[] | undefined>;
	/** The body exactly as received, as UTF-8 text. */
	rawBody: string;
}

/** An item of a trigger with "Output: Full Envelope": the event, and which signed bytes matched. */
export type TriggerItem<E extends ConversaEvent = ConversaEvent> = E & {
	signature: SignedForm;
} & Partial<RequestDetails>;
