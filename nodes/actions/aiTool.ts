import type { INode } from 'n8n-workflow';

/**
 * Most records a list gives an AI Agent: Return All would put a whole CRM into the model's
 * context, and the model reads no more than a page anyway. It is the editor's default Limit.
 */
export const AI_TOOL_LIST_CAP = 50;

/**
 * Whether the node runs as an AI Agent's tool. n8n makes the tool variant of a node declared
 * `usableAsTool` under the node's type name plus "Tool", and runs the same code for both.
 * The context's isToolExecution() does not tell: it is false when Agent v3 runs a tool.
 */
export function isAiTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}
