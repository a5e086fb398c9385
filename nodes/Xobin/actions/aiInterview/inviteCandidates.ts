// Sends the invites of one Invite Candidate run: several at once (paced by AdaptivePacer), each
// retried only when Xobin proves it did not act (429 / 503 / never reached), never the same
// candidate twice in an execution (InviteLedger), and, once Xobin says the account's invites are
// exhausted, the rest parked without a request. Returns one outcome per item, in input order.

import type {
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { INVITES_EXHAUSTED_CODE, INVITES_EXHAUSTED_MESSAGE_PATTERN } from '../../helpers/constants';
import { InviteLedger } from '../../helpers/inviteLedger';
import { asNodeError } from '../../helpers/outputs';
import { AdaptivePacer, forEachInPool } from '../../helpers/pacer';
import type { XobinAnswer, XobinResponse } from '../../transport';
import { getBaseUrl, sendXobinRequest } from '../../transport';
import type { FailureContext } from '../../transport/failures';
import {
	aiInterviewNotFound,
	isJsonBody,
	readXobinMessage,
	toXobinError,
} from '../../transport/failures';
import type { RetryPolicy } from '../../transport/retry';
import { isBusy, nextRetryWait } from '../../transport/retry';

/** Why a candidate left on the Invites Exhausted output. */
export interface ExhaustedNotice {
	message: string;
	code: string;
}

/** One input item after reading and checking: the body to send, or why it cannot be sent. */
export type PreparedInvite =
	| { itemIndex: number; body: IDataObject }
	| { itemIndex: number; error: Error };

/** What happened to one candidate. */
export type InviteOutcome =
	| { kind: 'invited'; response: IDataObject }
	| { kind: 'exhausted'; notice: ExhaustedNotice; attempted: boolean }
	| { kind: 'failed'; error: NodeApiError | NodeOperationError };

export interface InviteSettings {
	concurrency: number;
	/** Keep sending after "Invites Exhausted" instead of parking the rest without a request. */
	keepTryingWhenExhausted: boolean;
	retry: RetryPolicy;
	/** After a failure, start nothing new (the node is about to stop the workflow). */
	stopOnFailure: boolean;
}

export async function inviteCandidates(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: InviteSettings,
): Promise<Array<InviteOutcome | undefined>> {
	const node = context.getNode();
	const ledger = new InviteLedger(context.getContext('node'));
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Array<InviteOutcome | undefined> = new Array(prepared.length);
	const inFlight = new Map<string, Promise<unknown>>();
	let notice: ExhaustedNotice | undefined;
	let stopped = false;

	const invite = async (body: IDataObject, itemIndex: number): Promise<InviteOutcome> => {
		const failureContext: FailureContext = {
			itemIndex,
			...aiInterviewNotFound(body.ai_interview_id),
		};
		const url = await getBaseUrl(context);
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			if (notice && !settings.keepTryingWhenExhausted)
				return { kind: 'exhausted', notice, attempted: false };
			await pacer.acquire();
			let answer: XobinAnswer;
			try {
				answer = await sendXobinRequest(context, url, {
					method: 'POST',
					endpoint: '/ai-interviews/invite',
					body,
				});
			} finally {
				pacer.release();
			}
			if ('response' in answer) {
				const exhaustedNow = readExhaustion(answer.response);
				if (exhaustedNow) {
					notice = exhaustedNow;
					return { kind: 'exhausted', notice, attempted: true };
				}
				if (answer.response.statusCode < 300 && isJsonBody(answer.response)) {
					pacer.onSuccess();
					// When trying each candidate, invites added mid-run lift the notice again. When
					// parking, a late success from a request already under way does not.
					if (settings.keepTryingWhenExhausted) notice = undefined;
					return { kind: 'invited', response: answer.response.body as IDataObject };
				}
			}
			const wait = nextRetryWait(answer, attempt, waited, settings.retry);
			if (wait === undefined) {
				const problem = 'response' in answer ? answer.response : answer.failure;
				return {
					kind: 'failed',
					error: toXobinError(node, problem, { ...failureContext, attempts: attempt }),
				};
			}
			if (isBusy(answer)) pacer.onBusy(wait);
			waited += wait;
			await sleep(wait);
		}
	};

	const handle = async (entry: PreparedInvite): Promise<InviteOutcome> => {
		if ('error' in entry)
			return { kind: 'failed', error: asNodeError(node, entry.error, entry.itemIndex) };
		const key = InviteLedger.keyOf(entry.body);
		// The same candidate twice in one run: the second waits for the first and reuses its result.
		for (let pending = inFlight.get(key); pending; pending = inFlight.get(key)) await pending;
		const earlier = ledger.find(key);
		if (earlier) return { kind: 'invited', response: earlier };
		// No await between the check above and claiming the key here, so only one request is sent.
		const attempt = invite(entry.body, entry.itemIndex).catch(
			(error: Error): InviteOutcome => ({
				kind: 'failed',
				error: asNodeError(node, error, entry.itemIndex),
			}),
		);
		inFlight.set(key, attempt);
		const outcome = await attempt;
		inFlight.delete(key);
		if (outcome.kind === 'invited') ledger.record(key, outcome.response);
		return outcome;
	};

	await forEachInPool(prepared.length, settings.concurrency, async (index) => {
		// After a failure that stops the workflow, nothing new starts; requests already under way
		// finish and are recorded, so n8n's Retry On Fail does not send them again.
		if (stopped) return;
		const outcome = await handle(prepared[index]);
		outcomes[index] = outcome;
		if (outcome.kind === 'failed' && settings.stopOnFailure) stopped = true;
	});

	return outcomes;
}

/** Xobin's "no invites left" answer: 403 with error code limit_exceed, or only its message text. */
function readExhaustion(response: XobinResponse): ExhaustedNotice | undefined {
	if (response.statusCode !== 403 || !isJsonBody(response)) return undefined;
	const { error } = response.body as IDataObject;
	const message = readXobinMessage(response.body) ?? '';
	if (error !== INVITES_EXHAUSTED_CODE && !INVITES_EXHAUSTED_MESSAGE_PATTERN.test(message)) {
		return undefined;
	}
	return {
		message:
			message && message !== INVITES_EXHAUSTED_CODE
				? message
				: 'Invites Exhausted. Please contact support.',
		code: INVITES_EXHAUSTED_CODE,
	};
}
