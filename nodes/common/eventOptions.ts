import type { INodePropertyOptions } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';

/**
 * An event type in words, as n8n's own triggers name their options ("Charge Succeeded"):
 * `contact.opted_out` → "Contact Opted Out". The profile's `eventNames` overrides a type whose
 * mechanical name reads badly (an acronym, say).
 */
export function eventName(
	type: string,
	overrides: Readonly<Partial<Record<string, string>>> = {},
): string {
	const override = overrides[type];
	if (override !== undefined) return override;
	return type
		.split(/[._\s-]+/)
		.filter((word) => word !== '')
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

/**
 * A platform's event types as the options of an Events field, alphabetically by name. The value
 * stays the platform's type, so workflows saved with the raw types still load; the description
 * starts with the type so a user who knows it can still find it.
 */
export function eventOptions(profile: PlatformProfile): INodePropertyOptions[] {
	return Object.entries(profile.events)
		.map(([type, spec]) => ({
			name: eventName(type, profile.eventNames),
			value: type,
			description: `${type}: ${spec.description}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
