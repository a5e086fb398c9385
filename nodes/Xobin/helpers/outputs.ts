// Shapes the items the node returns: error items that n8n's "On Error" settings understand, the
// per-item loop of the single-output operations, and whether an AI agent runs the node as a tool.

import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../transport';
import type { FieldSource } from './fields';
import { itemSources } from './fields';

/**
 * An item for "Continue" / "Continue (using error output)": n8n moves items whose json has only
 * `error`, `message` and `details` to the error output (adding the input item's fields there).
 */
export function toErrorItem(
	error: Error & { description?: string | null; httpCode?: string | null },
	itemIndex: number,
): INodeExecutionData {
	const details: JsonObject = { itemIndex };
	if (error.description) details.description = error.description;
	if (error.httpCode) details.httpCode = error.httpCode;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/** Whether an AI agent is running the node as a tool (n8n 2.x asks; 1.x names the node type "…Tool"). */
export function isToolExecution(context: IExecuteFunctions): boolean {
	const asks = (context as { isToolExecution?: () => boolean }).isToolExecution;
	if (typeof asks === 'function' && asks.call(context)) return true;
	return context.getNode().type.endsWith('Tool');
}

/** Keeps the node's own errors as they are (message, description, HTTP code), wraps anything else, and redacts secrets. */
export function asNodeError(
	context: IExecuteFunctions,
	error: Error,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error, { itemIndex });
	return redactSecrets(context, nodeError);
}

/** Runs `work` per item; all of it inside the try, so a failing item never passes on as a success. */
export async function runPerItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number, source: FieldSource) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = context.continueOnFail();
	const sourceOf = itemSources(context);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...(await work(itemIndex, sourceOf(itemIndex))));
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push(toErrorItem(nodeError, itemIndex));
		}
	}
	return [output];
}
