/** What differs between the trigger nodes beyond their platform profile. */
export interface TriggerConfig {
	/** The node type's name, e.g. `broteTrigger`. */
	name: string;
	/** The credential that holds the signing secrets (and, for API platforms, the API key). */
	credential: string;
	/** Offer "Registration: Manual" for users who register the URL in the platform's dashboard. */
	manualRegistration?: boolean;
}

/**
 * Selecting it subscribes to every event the node's version knows (see versions.ts), and lets a
 * delivery of any type through.
 */
export const ALL_EVENTS = '*';

export type OutputShape = 'envelope' | 'data';

export interface TriggerOptions {
	separateOutputs?: boolean;
	includeRaw?: boolean;
	output?: OutputShape;
	/** Minutes; absent means the platform's retry window, 0 turns the check off. */
	maxEventAge?: unknown;
}
