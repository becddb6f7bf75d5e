import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

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

type Prepared = { ok: true; input: unknown } | { ok: false; error: Error };

function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
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
 * "Continue On Fail" each failed item becomes one error item paired with its input.
 */
export async function executeOperations(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
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
			const wrapped = withItemIndex(this, error, itemIndex);
			if (!continueOnFail) throw wrapped;
			output.push(errorItem(wrapped, itemIndex));
		}
	}
	return [output];
}
