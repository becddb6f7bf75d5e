// Each platform's node and credential classes, from the source files package.json's lists name
// (dist/x.js is built from x.ts), matched to the platform by the names in the registry. A new
// platform needs no entry here.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { identities, profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId, PlatformIdentity } from '../../nodes/platforms/types.ts';
import type { ApiPlatform } from '../../sandbox/index.mts';
import type { NodeClass } from './n8n.mts';
import { pkg, root } from './package.mts';

export type CredentialClass = new () => ICredentialType;

export interface PlatformClasses {
	identity: PlatformIdentity;
	trigger: NodeClass;
	action?: NodeClass;
	credential: CredentialClass;
}

// The nodes load their own modules through require; so must these, to share one copy with them.
const require = createRequire(import.meta.url);

function sourceClasses<T>(
	files: string[],
	nameOf: (instance: T) => string,
): Map<string, new () => T> {
	const byName = new Map<string, new () => T>();
	for (const file of files) {
		const source = join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		for (const value of Object.values(require(source) as Record<string, unknown>)) {
			if (typeof value !== 'function') continue;
			const Class = value as new () => T;
			byName.set(nameOf(new Class()), Class);
		}
	}
	return byName;
}

const nodes = sourceClasses<INodeType>(pkg.n8n.nodes, (node) => node.description.name);
const credentials = sourceClasses<ICredentialType>(pkg.n8n.credentials, (c) => c.name);

function found<T>(map: Map<string, T>, name: string): T {
	const value = map.get(name);
	if (!value) throw new Error(`package.json lists no class named ${name}`);
	return value;
}

/** Every platform, in the registry's order. */
export const PLATFORMS = Object.keys(identities) as PlatformId[];

export const CLASSES = Object.fromEntries(
	PLATFORMS.map((platform): [PlatformId, PlatformClasses] => {
		const identity: PlatformIdentity = identities[platform];
		return [
			platform,
			{
				identity,
				trigger: found(nodes, identity.triggerNode),
				action: identity.actionNode === undefined ? undefined : found(nodes, identity.actionNode),
				credential: found(credentials, identity.credential),
			},
		];
	}),
) as Record<PlatformId, PlatformClasses>;

/** Every credential class the package declares. */
export const CREDENTIAL_CLASSES: CredentialClass[] = [...credentials.values()];

/** A catalog event other than the handshake's, by position: what tests deliver, for any platform. */
export function catalogEvent(platform: PlatformId, n: number): string {
	const handshake = profiles[platform].handshake?.eventType;
	return Object.keys(profiles[platform].events).filter((type) => type !== handshake)[n]!;
}

/** Platforms whose trigger keeps a subscription through the platform's API. */
export function hasApi(platform: PlatformId): platform is ApiPlatform {
	return profiles[platform].subscription !== undefined;
}

/** Platforms registered in a dashboard, whose secret the user pastes into the credential. */
export const DASHBOARD_PLATFORMS = PLATFORMS.filter((platform) => !hasApi(platform));
