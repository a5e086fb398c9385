// Requests that must not reach Xobin twice in one execution because each spends something or starts
// something (a resume parse spends an AI Evaluate credit, a deletion schedules a task): the
// execution remembers each answer, and each request whose answer was lost, in the node's execution
// context, so n8n's Retry On Fail (and a repeated row) gets the first answer back instead of a
// second request, and never re-sends one that may have reached Xobin.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { XobinError } from '../transport/errors';
import { ledgerOf, notSentAgain } from './ledger';
import { asNodeError } from './outputs';

type Entry = { answer: IDataObject } | { uncertain: string };

interface OnceRequest {
	/** The execution context's record to use, one per operation. */
	ledger: string;
	/** The same request: same key (e.g. the e-mail a deletion is for). */
	key: string;
	itemIndex: number;
	/** Completes "an earlier try in this execution may have …", e.g. 'scheduled the deletion of "x"'. */
	mayHave: string;
	/** How to check in Xobin before running the item again. */
	check: string;
}

export async function oncePerExecution(
	context: IExecuteFunctions,
	request: OnceRequest,
	send: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const ledger = ledgerOf<Entry>(context, request.ledger);
	const earlier = ledger[request.key];
	if (earlier && 'answer' in earlier) return earlier.answer;
	if (earlier) {
		throw notSentAgain(
			context.getNode(),
			request.mayHave,
			request.itemIndex,
			`Xobin's answer to that try was lost (${earlier.uncertain.replace(/ \[item \d+\]$/, '')}). ${request.check}`,
		);
	}
	try {
		const answer = await send();
		ledger[request.key] = { answer };
		return answer;
	} catch (error) {
		if ((error as Partial<XobinError>).uncertain === true)
			ledger[request.key] = { uncertain: (error as Error).message };
		throw asNodeError(context, error, request.itemIndex);
	}
}
