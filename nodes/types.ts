/*
 * Types for code that handles the triggers' items: Code nodes checked with JSDoc, or other
 * packages. Narrow an event on `known`, then on `type`, and `data` has that event's shape.
 */
import type { BroteEvent } from './platforms/brote/events';
import type { BuzzBipEvent } from './platforms/buzzbip/events';
import type { CablenetAIEvent } from './platforms/cablenetai/events';
import type { HornerossEvent } from './platforms/horneross/events';
import type { NotMetaEvent } from './platforms/notmeta/events';
import type { SignedForm } from './shared/signature';

export type * from './platforms';

/** An event of any of the five platforms; `platform` tells them apart. */
export type ConversaEvent =
	| BroteEvent
	| HornerossEvent
	| CablenetAIEvent
	| BuzzBipEvent
	| NotMetaEvent;

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
