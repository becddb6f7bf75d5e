import { broteIdentity } from '../Brote/identity';
import { broteProfile } from '../Brote/profile';
import { buzzbipIdentity } from '../BuzzBip/identity';
import { buzzbipProfile } from '../BuzzBip/profile';
import { cablenetaiIdentity } from '../CablenetAi/identity';
import { cablenetaiProfile } from '../CablenetAi/profile';
import { hornerossIdentity } from '../Horneross/identity';
import { hornerossProfile } from '../Horneross/profile';
import { notmetaIdentity } from '../NotMeta/identity';
import { notmetaProfile } from '../NotMeta/profile';
import type { PlatformIdentity, PlatformProfile } from './types';

interface PlatformEntry {
	profile: PlatformProfile;
	identity: PlatformIdentity;
}

/**
 * The registry: one entry per platform, each from the platform's own folder. Platform ids, the
 * event union and every per-platform table are derived from it.
 */
export const platforms = {
	brote: { profile: broteProfile, identity: broteIdentity },
	horneross: { profile: hornerossProfile, identity: hornerossIdentity },
	cablenetai: { profile: cablenetaiProfile, identity: cablenetaiIdentity },
	buzzbip: { profile: buzzbipProfile, identity: buzzbipIdentity },
	notmeta: { profile: notmetaProfile, identity: notmetaIdentity },
} satisfies Record<string, PlatformEntry>;

export type PlatformId = keyof typeof platforms;

function eachPlatform<T>(pick: (entry: PlatformEntry) => T): Record<PlatformId, T> {
	return Object.fromEntries(
		Object.entries(platforms).map(([id, entry]) => [id, pick(entry)]),
	) as Record<PlatformId, T>;
}

export const profiles: Record<PlatformId, PlatformProfile> = eachPlatform((entry) => entry.profile);

/** Each platform's node and credential names, icons and docs: spelled only in its identity. */
export const identities: Record<PlatformId, PlatformIdentity> = eachPlatform(
	(entry) => entry.identity,
);

export type * from './types';
export type * from '../Brote/events';
export type * from '../Horneross/events';
export type * from '../CablenetAi/events';
export type * from '../BuzzBip/events';
export type * from '../NotMeta/events';
