// The instance owner, created by n8n itself from N8N_INSTANCE_OWNER_* at boot.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface Owner {
	email: string;
	password: string;
	env: Record<string, string>;
}

interface Bcrypt {
	hashSync(password: string, rounds: number): string;
}

export function makeOwner(n8nDir: string): Owner {
	// n8n expects a bcrypt hash; its own bcryptjs keeps the project free of the dependency.
	const bcrypt = createRequire(join(n8nDir, 'package.json'))('bcryptjs') as Bcrypt;
	const email = 'owner@conversa.test';
	const password = `Pw-${randomBytes(9).toString('base64url')}1`;
	return {
		email,
		password,
		env: {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Conversa',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
		},
	};
}
