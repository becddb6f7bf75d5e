import type { PlatformProfile } from '../platforms/types';

/** The trigger's versions: 1, and each later one that brought events. */
export function triggerVersions(profile: PlatformProfile): number[] {
	const versions = new Set([1, ...Object.values(profile.events).map((spec) => spec.since ?? 1)]);
	return [...versions].sort((a, b) => a - b);
}

/**
 * The events a trigger of this version knows, in catalog order: what "All Events" means for it.
 * n8n keeps the version a node was saved with, so a release that adds an event changes neither
 * the subscription (nor with it the secret) nor the outputs of a saved workflow.
 */
export function catalogAt(profile: PlatformProfile, version: number): string[] {
	return Object.entries(profile.events)
		.filter(([, spec]) => (spec.since ?? 1) <= version)
		.map(([type]) => type);
}
