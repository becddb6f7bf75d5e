import { createHmac } from 'node:crypto';

/**
 * A platform's signature over the exact bytes it sends: hex HMAC-SHA256, optionally with the
 * `sha256=` prefix. The platforms' side only; the triggers verify with nodes/trigger/signature.ts.
 */
export function sign(body: Buffer | string, secret: string, withPrefix = false): string {
	const hex = createHmac('sha256', secret).update(body).digest('hex');
	return withPrefix ? `sha256=${hex}` : hex;
}
