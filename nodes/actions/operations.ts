import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isAiTool } from './aiTool';

/** The value n8n gives the "Custom API Call" option it adds to every node with such a credential. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/**
 * One operation of an action node, in one file: its fields, a pure step that reads and
 * checks the item's parameters, and the step that calls the platform.
 */
export interface Operation<P = unknown> {
	description: INodeProperties[];
	/** Reads and validates one item's parameters; throws NodeOperationError, sends nothing. */
	readItem(this: IExecuteFunctions, itemIndex: number): P;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		input: P,
	): Promise<IDataObject | IDataObject[]>;
}

/** resource → operation → module. */
export type OperationMap = Readonly<Record<string, Readonly<Record<string, Operation>>>>;

/**
 * n8n adds "Custom API Call" to the resources and operations of every node whose credential
 * authenticates requests, the tool variant included; only the editor's canvas knows it.
 */
function refuseCustomApiCall(context: IExecuteFunctions, value: string): void {
	if (value !== CUSTOM_API_CALL) return;
	throw new NodeOperationError(
		context.getNode(),
		'Custom API Call is not an operation of this node: use an HTTP Request node or tool with this credential',
	);
}

type Prepared = { ok: true; input: unknown } | { ok: false; error: Error };

function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	wrapped.context.itemIndex ??= itemIndex;
	if (isAiTool(context.getNode())) withDescription(wrapped);
	return wrapped;
}

/**
 * An AI Agent shows the model an error's message only, while its description says what the
 * value must look like or whether trying again can help: a tool's message carries both.
 */
function withDescription(error: NodeApiError | NodeOperationError): void {
	const { description } = error;
	if (description && !error.message.includes(description)) {
		error.message = `${error.message.replace(/\.$/, '')}. ${description}`;
	}
}

/**
 * n8n keeps the error itself beside `{ error: message }`: it carries the description and
 * HTTP status, and it routes the item to the error output when the node has one.
 */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation over every input item. All items' parameters are checked
 * before the first request, so a bad row never leaves a batch half applied; with
 * "Continue On Fail" each failed item becomes one error item paired with its input. A stopped
 * execution stops the loop whatever Continue On Fail says.
 */
export async function executeOperations(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	// Under this resource n8n shows no operation: checked before one is read.
	refuseCustomApiCall(this, resource);
	const operationName = this.getNodeParameter('operation', 0) as string;
	refuseCustomApiCall(this, operationName);
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not known for the resource "${resource}"`,
		);
	}

	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const prepared: Prepared[] = items.map((_, itemIndex) => {
		try {
			return { ok: true, input: operation.readItem.call(this, itemIndex) };
		} catch (error) {
			const wrapped = withItemIndex(this, error, itemIndex);
			if (!continueOnFail) throw wrapped;
			return { ok: false, error: wrapped };
		}
	});

	const output: INodeExecutionData[] = [];
	const signal = this.getExecutionCancelSignal();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = prepared[itemIndex];
		try {
			if (!item.ok) throw item.error;
			const result = await operation.execute.call(this, itemIndex, item.input);
			output.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			// A stopped execution is no item's failure: Continue On Fail must not go on to the next.
			signal?.throwIfAborted();
			const wrapped = withItemIndex(this, error, itemIndex);
			if (!continueOnFail) throw wrapped;
			output.push(errorItem(wrapped, itemIndex));
		}
	}
	return [output];
}
