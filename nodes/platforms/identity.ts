import type { Icon } from 'n8n-workflow';

import type { PlatformIdentity } from './types';

const README = 'https://github.com/conversa/n8n-nodes-conversa';

/** The icon of a node, whose file sits beside the icons. */
export function nodeIcon({ icon }: PlatformIdentity): Icon {
	return { light: `file:${icon}.svg`, dark: `file:${icon}.dark.svg` };
}

/** The icon of a credential, whose file sits in credentials/. */
export function credentialIcon({ folder, icon }: PlatformIdentity): Icon {
	return {
		light: `file:../nodes/${folder}/${icon}.svg`,
		dark: `file:../nodes/${folder}/${icon}.dark.svg`,
	};
}

/** The README section on a platform, or on `anchor` within the package's docs. */
export function docsUrl(anchor: string): string {
	return `${README}#${anchor}`;
}
