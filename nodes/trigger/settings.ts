import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { ALL_EVENTS, type TriggerConfig, type TriggerOptions } from './config';
import { defaultMaxEventAgeMinutes } from './freshness';
import { catalogAt } from './versions';

type Context = IHookFunctions | IWebhookFunctions;

export function selectedEvents(context: Context): string[] {
	const events = context.getNodeParameter('events', []) as unknown;
	return Array.isArray(events) ? events.map(String) : [];
}

export function selectsEverything(events: readonly string[]): boolean {
	return events.includes(ALL_EVENTS);
}

export function isSelected(events: readonly string[], type: string): boolean {
	return selectsEverything(events) || events.includes(type);
}

export function triggerOptions(context: IWebhookFunctions): TriggerOptions {
	return context.getNodeParameter('options', {}) as TriggerOptions;
}

/**
 * The trigger's Maximum Event Age, in minutes: the platform's default when the option is not
 * added, 0 for no check. Undefined for a value that is not a number of minutes.
 */
export function maxEventAgeMinutes(
	options: TriggerOptions,
	profile: PlatformProfile,
): number | undefined {
	const value = options.maxEventAge;
	if (value === undefined) return defaultMaxEventAgeMinutes(profile.delivery);
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Whether this node keeps a subscription through the platform's API. */
export function registersAutomatically(
	context: Context,
	profile: PlatformProfile,
	config: TriggerConfig,
): boolean {
	if (!profile.subscription) return false;
	return (
		!config.manualRegistration ||
		context.getNodeParameter('registration', 'automatic') === 'automatic'
	);
}

/**
 * The events to subscribe to: "All Events" means every event the node's version knows, the
 * platform's API knows no wildcard.
 */
export function subscribedEvents(context: IHookFunctions, profile: PlatformProfile): string[] {
	const events = selectedEvents(context);
	const types = selectsEverything(events)
		? catalogAt(profile, context.getNode().typeVersion)
		: events;
	return [...new Set(types)].sort();
}
