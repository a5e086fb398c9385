// The execution's memory of requests that must not reach Xobin twice (invites, resume parses,
// deletions): kept in the node's execution context, it lives as long as the execution, across
// n8n's Retry On Fail and repeated rows.

import type { IContextObject, IExecuteFunctions } from 'n8n-workflow';

/** The record named `name` of this node in this execution, created empty on first use. */
export function ledgerOf<Entry>(context: IExecuteFunctions, name: string): Record<string, Entry> {
	const nodeContext: IContextObject = context.getContext('node');
	return (nodeContext[name] ??= {}) as Record<string, Entry>;
}

/** The same candidate, whatever the letter case or spaces around the address. */
export function emailKey(email: unknown): string {
	return String(email).trim().toLowerCase();
}
