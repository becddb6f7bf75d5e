import { broteProfile } from './brote/profile';
import { buzzbipProfile } from './buzzbip/profile';
import { cablenetaiProfile } from './cablenetai/profile';
import { hornerossProfile } from './horneross/profile';
import { notmetaProfile } from './notmeta/profile';
import type { PlatformId, PlatformProfile } from './types';

export const profiles: Record<PlatformId, PlatformProfile> = {
	brote: broteProfile,
	horneross: hornerossProfile,
	cablenetai: cablenetaiProfile,
	buzzbip: buzzbipProfile,
	notmeta: notmetaProfile,
};

export { broteProfile, buzzbipProfile, cablenetaiProfile, hornerossProfile, notmetaProfile };
export type * from './types';
export type * from './brote/events';
export type * from './horneross/events';
export type * from './cablenetai/events';
export type * from './buzzbip/events';
export type * from './notmeta/events';
