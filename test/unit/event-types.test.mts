// The public event union is derived from the registry; these checks fail the typecheck (`npm run
// typecheck`, part of .ci/run) when it stops matching each platform's own named event type.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import type {
	BroteEvent,
	BuzzBipEvent,
	CablenetAIEvent,
	ConversaEvent,
	HornerossEvent,
	NotMetaEvent,
	PlatformId,
} from '../../nodes/types.ts';
import { profiles } from '../../nodes/platforms/index.ts';

type Equal<A, B> =
	(<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Of<P extends PlatformId> = Extract<ConversaEvent, { platform: P }>;

/** The first five platforms' own named event types. */
const matches: Partial<Record<PlatformId, true>> = {
	brote: true satisfies Equal<Of<'brote'>, BroteEvent>,
	horneross: true satisfies Equal<Of<'horneross'>, HornerossEvent>,
	cablenetai: true satisfies Equal<Of<'cablenetai'>, CablenetAIEvent>,
	buzzbip: true satisfies Equal<Of<'buzzbip'>, BuzzBipEvent>,
	notmeta: true satisfies Equal<Of<'notmeta'>, NotMetaEvent>,
};

it("the event union holds each platform's own event type", () => {
	for (const platform of Object.keys(matches)) assert.ok(platform in profiles, platform);
	const brote = { organizationId: null } as Pick<Of<'brote'>, 'organizationId'>;
	assert.equal(brote.organizationId, null);
});
