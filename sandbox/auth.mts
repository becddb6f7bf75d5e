import { randomBytes } from 'node:crypto';

import type { PlatformId } from '../nodes/platforms/types.ts';
import { ApiError } from './errors.mts';

/** Bearer keys per platform. The first key of each is fixed, so a saved n8n credential survives restarts. */
export class ApiKeys {
	private readonly keys = new Map<string, PlatformId>();

	defaultKey(platform: PlatformId): string {
		const key = `sandbox-${platform}-key`;
		this.keys.set(key, platform);
		return key;
	}

	issue(platform: PlatformId): string {
		const key = `sandbox-${platform}-${randomBytes(12).toString('hex')}`;
		this.keys.set(key, platform);
		return key;
	}

	/** The key of an authorized request, or a 401. */
	authenticate(platform: PlatformId, header: string | undefined): string {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
		if (!match) {
			throw new ApiError(401, 'unauthorized', 'Send the API key as "Authorization: Bearer <key>"');
		}
		if (this.keys.get(match[1]) !== platform) {
			throw new ApiError(
				401,
				'unauthorized',
				`The API key is not valid for this ${platform} organization`,
			);
		}
		return match[1];
	}
}
