import { broteIdentity } from './brote/identity';
import { broteProfile } from './brote/profile';
import { buzzbipIdentity } from './buzzbip/identity';
import { buzzbipProfile } from './buzzbip/profile';
import { cablenetaiIdentity } from './cablenetai/identity';
import { cablenetaiProfile } from './cablenetai/profile';
import { hornerossIdentity } from './horneross/identity';
import { hornerossProfile } from './horneross/profile';
import { notmetaIdentity } from './notmeta/identity';
import { notmetaProfile } from './notmeta/profile';
import type { PlatformId, PlatformIdentity, PlatformProfile } from './types';

export const profiles: Record<PlatformId, PlatformProfile> = {
	brote: broteProfile,
	horneross: hornerossProfile,
	cablenetai: cablenetaiProfile,
	buzzbip: buzzbipProfile,
	notmeta: notmetaProfile,
};

/** Each platform's node and credential names, icons and docs: spelled only here. */
export const identities: Record<PlatformId, PlatformIdentity> = {
	brote: broteIdentity,
	horneross: hornerossIdentity,
	cablenetai: cablenetaiIdentity,
	buzzbip: buzzbipIdentity,
	notmeta: notmetaIdentity,
};

export { broteProfile, buzzbipProfile, cablenetaiProfile, hornerossProfile, notmetaProfile };
export type * from './types';
export type * from './brote/events';
export type * from './horneross/events';
export type * from './cablenetai/events';
export type * from './buzzbip/events';
export type * from './notmeta/events';
