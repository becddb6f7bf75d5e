import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * Whether a URL parser would read the ID as a path step: encodeURIComponent keeps dots, and
 * `/webhooks/..` is `/`. Any ID of dots only is refused, and an empty one, which names the
 * collection instead.
 */
function isPathStep(id: string): boolean {
	for (const char of id) if (char !== '.') return false;
	return true;
}

/**
 * A record's API path: `template` with `{id}` replaced by the encoded ID. Every path that
 * carries an ID is built here, so none can reach another path of the API.
 *
 * `name` is what the ID names ("Contact"), `source` where it came from when not the node's
 * own field ("listed by Brote").
 */
export function recordPath(
	node: INode,
	template: string,
	id: string,
	name: string,
	source?: string,
): string {
	if (isPathStep(String(id))) {
		throw new NodeOperationError(
			node,
			`${name} "${id}"${source ? ` ${source}` : ''} is not an ID: an empty ID or one of dots only would send the request to another path of the API`,
			{
				description: source
					? `Nothing was sent for it. Remove that ${name.toLowerCase()} in the platform, or report the ID to the platform.`
					: `Nothing was sent. Enter the ${name.toLowerCase()}'s ID, or check the expression or the AI model that supplies it.`,
			},
		);
	}
	return template.replace('{id}', encodeURIComponent(id));
}
