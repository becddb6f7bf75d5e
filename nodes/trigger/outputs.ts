import type { ExpressionString, IDataObject, INodeOutputConfiguration } from 'n8n-workflow';

/**
 * The node's outputs for its parameters: one per selected event when "Separate Output per
 * Event" is on (with "All Events", every event of the node's version plus one for the others),
 * else one.
 *
 * n8n evaluates this function's source text as the node's `outputs` expression, in the editor
 * and in the engine, and the webhook routes items with the same function: so it must stay
 * self-contained, with no closures, helpers or nested functions.
 */
export function eventOutputs(
	parameters: IDataObject,
	catalog: string[],
): INodeOutputConfiguration[] {
	const options = (parameters.options || {}) as IDataObject;
	const selected: unknown = parameters.events;
	if (options.separateOutputs !== true || !Array.isArray(selected) || selected.length === 0) {
		return [{ type: 'main' }];
	}
	const everything = selected.indexOf('*') !== -1;
	const names: string[] = everything ? catalog.slice() : [];
	if (!everything) {
		for (let i = 0; i < selected.length; i++) names.push(String(selected[i]));
	}
	const outputs: INodeOutputConfiguration[] = [];
	for (let i = 0; i < names.length; i++) outputs.push({ type: 'main', displayName: names[i] });
	if (everything) outputs.push({ type: 'main', displayName: 'Other Events' });
	return outputs;
}

/** `catalogs`: the events each version of the node knows, by version. */
export function outputsExpression(catalogs: Record<number, string[]>): ExpressionString {
	return `={{(${eventOutputs.toString()})($parameter, ${JSON.stringify(catalogs)}[$nodeVersion])}}` as ExpressionString;
}

/** The output an event goes to, or -1 for none; with "All Events" the last output takes the rest. */
export function outputIndex(
	outputs: INodeOutputConfiguration[],
	type: string,
	everything: boolean,
): number {
	if (outputs.length === 1) return 0;
	const index = outputs.findIndex((output) => output.displayName === type);
	return index === -1 && everything ? outputs.length - 1 : index;
}
