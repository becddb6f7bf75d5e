// Debian's Chromium driven by playwright-core: no browser is ever downloaded.
import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

import { ensureDebianPackages } from '../../scripts/n8n/apt.mts';

const CHROMIUM = '/usr/bin/chromium';

// Root needs --no-sandbox; the rest stop the background connections a closed network refuses.
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
	await ensureDebianPackages('the browser suite', [
		{ name: 'chromium', installed: () => existsSync(CHROMIUM) },
	]);
	return await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}
