import type { INodePropertyOptions } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';

/** A platform's event types as the options of an Events field, alphabetically. */
export function eventOptions(profile: PlatformProfile): INodePropertyOptions[] {
	return Object.entries(profile.events)
		.map(([type, spec]) => ({ name: type, value: type, description: spec.description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
