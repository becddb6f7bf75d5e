import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { docsUrl, nodeIcon } from '../platforms/identity';
import type { PlatformIdentity, PlatformProfile } from '../platforms/types';
import { eventOptions } from '../common/eventOptions';
import { ALL_EVENTS, type TriggerConfig } from './config';
import { SIGNING_SECRET_TEST } from './credential-test';
import { defaultMaxEventAgeMinutes } from './freshness';
import { outputsExpression } from './outputs';
import { catalogAt, triggerVersions } from './versions';

function triggerEventOptions(profile: PlatformProfile): INodePropertyOptions[] {
	return [
		{
			name: 'All Events',
			value: ALL_EVENTS,
			description: profile.subscription
				? `Every ${profile.displayName} event this version of the node knows; events a later release adds are subscribed to only when selected`
				: `Every event ${profile.displayName} sends, including types this version of the node does not know`,
		},
		...eventOptions(profile),
	];
}

function sampleName(type: string): string {
	const words = type.split(/[^a-zA-Z0-9]+/).filter(Boolean);
	return `sample${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A sample field as a list item, objects and arrays as nested lists, one field a line. A notice
 * wraps text only at spaces, so compact JSON ran past the panel's edge; of HTML, a notice keeps
 * only links and lists.
 */
function sampleField(name: string, field: unknown): string {
	return typeof field === 'object' && field !== null && Object.keys(field).length > 0
		? `<li>${escapeHtml(name)}:${sampleList(field)}</li>`
		: `<li>${escapeHtml(name)}: ${escapeHtml(breakable(JSON.stringify(field)))}</li>`;
}

/** A link has no spaces to wrap at: a zero-width space after each / ? & = gives it places to. */
function breakable(text: string): string {
	return text.replace(/[/?&=]/g, '$&\u200b');
}

function sampleList(value: object): string {
	const fields = Object.entries(value).map(([key, field]: [string, unknown]) =>
		sampleField(Array.isArray(value) ? `[${key}]` : key, field),
	);
	return `<ul>${fields.join('')}</ul>`;
}

/** Each selected event shows its sample data, so a workflow can be built before the first delivery. */
function sampleNotices(profile: PlatformProfile): INodeProperties[] {
	return Object.entries(profile.events).map(([type, spec]) => ({
		displayName: `Sample data of ${type}, as each item carries it:<ul>${sampleField('data', spec.sample)}</ul>`,
		name: sampleName(type),
		type: 'notice',
		default: '',
		displayOptions: { show: { events: [type] } },
	}));
}

function registrationProperties(profile: PlatformProfile): INodeProperties[] {
	return [
		{
			displayName: 'Registration',
			name: 'registration',
			type: 'options',
			options: [
				{
					name: 'Automatic',
					value: 'automatic',
					description: `Registers this URL and the selected events with the ${profile.displayName} API on activation, and removes them on deactivation`,
				},
				{
					name: 'Manual',
					value: 'manual',
					description: `You register this URL in the ${profile.displayName} dashboard; the trigger makes no API calls and verifies with the credential's signing secret`,
				},
			],
			default: 'automatic',
		},
		{
			displayName: `Register this node's URL (test or production) for the selected events in ${profile.displayName}'s webhook settings, and put the signing secret it shows into the credential's Webhook Signing Secret`,
			name: 'manualNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { registration: ['manual'] } },
		},
	];
}

function optionsProperty(profile: PlatformProfile): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Headers and Raw Body',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the request headers and the exact body received to each item, for debugging. Headers that carry credentials or cookies (Authorization, Cookie, X-API-Key and the like) are left out.',
			},
			{
				displayName: 'Maximum Event Age (Minutes)',
				name: 'maxEventAge',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: defaultMaxEventAgeMinutes(profile.delivery),
				description: `Refuse a signed delivery whose event time is older than this, so a recorded delivery sent again cannot start a run. The default is ${profile.displayName}'s whole retry schedule plus about 15 minutes. An event time more than 5 minutes ahead is refused too. A refused event is answered so that ${profile.displayName} retries it: raise this value and its next retry runs. 0 turns both checks off.`,
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Full Envelope',
						value: 'envelope',
						description:
							"Platform, ID, type, time, the envelope's other fields (such as Brote's organization ID), data, whether the type is known, and which signed form matched",
					},
					{
						name: 'Data Only',
						value: 'data',
						description: "Only the event's data",
					},
				],
				default: 'envelope',
			},
			{
				displayName: 'Separate Output per Event',
				name: 'separateOutputs',
				type: 'boolean',
				default: false,
				description:
					'Whether to give each selected event its own output, so the workflow branches without a Switch node',
			},
		],
	};
}

export function triggerDescription(
	profile: PlatformProfile,
	identity: PlatformIdentity,
	config: TriggerConfig,
): INodeTypeDescription {
	const versions = triggerVersions(profile);
	const properties: INodeProperties[] = [];
	if (profile.dashboardSetup) {
		properties.push({
			displayName: profile.dashboardSetup,
			name: 'setupNotice',
			type: 'notice',
			default: '',
		});
	}
	if (config.manualRegistration) properties.push(...registrationProperties(profile));
	properties.push(
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			required: true,
			options: triggerEventOptions(profile),
			default: [],
			description:
				'The events that start the workflow; any other delivery is acknowledged and dropped',
		},
		...sampleNotices(profile),
		optionsProperty(profile),
	);

	return {
		displayName: `${profile.displayName} Trigger`,
		name: config.name,
		icon: nodeIcon(identity),
		group: ['trigger'],
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "All events" : ($parameter["events"] || []).join(", ") }}',
		version: versions.length === 1 ? versions[0] : versions,
		description: `Starts the workflow on signed ${profile.displayName} webhook events`,
		defaults: { name: `${profile.displayName} Trigger` },
		inputs: [],
		outputs: outputsExpression(
			Object.fromEntries(versions.map((version) => [version, catalogAt(profile, version)])),
		),
		credentials: [
			{
				name: config.credential,
				required: true,
				...(profile.subscription ? {} : { testedBy: SIGNING_SECRET_TEST }),
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Answer as soon as the run is queued, within every platform's 10 s deadline.
				responseMode: 'onReceived',
				// Left unset, n8n 2.x would answer with the literal text "firstEntryJson".
				responseData: 'OK',
				path: 'webhook',
			},
		],
		documentationUrl: docsUrl('triggers'),
		properties,
	};
}
