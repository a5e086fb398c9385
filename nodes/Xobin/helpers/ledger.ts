// The execution's memory of requests that must not reach Xobin twice (invites, resume parses,
// deletions): kept in the node's execution context, it lives as long as the execution, across
// n8n's Retry On Fail and repeated rows; and the one rule for a request it does not send again.

import type { IContextObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The record named `name` of this node in this execution, created empty on first use. */
export function ledgerOf<Entry>(context: IExecuteFunctions, name: string): Record<string, Entry> {
	const nodeContext: IContextObject = context.getContext('node');
	return (nodeContext[name] ??= {}) as Record<string, Entry>;
}

/** The same candidate, whatever the letter case or spaces around the address. */
export function emailKey(email: unknown): string {
	return String(email).trim().toLowerCase();
}

/**
 * The one "not sent again" refusal: an earlier try in this execution may have done it (its answer
 * was lost), so it is not sent without proof; `check` says how to check in Xobin.
 */
export function notSentAgain(
	node: INode,
	mayHave: string,
	itemIndex: number,
	check: string,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Not sent again: an earlier try in this execution may have ${mayHave} [item ${itemIndex}]`,
		{ itemIndex, description: check },
	);
}
