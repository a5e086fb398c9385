// Sends the invites of one Invite Candidate run: several at once (paced by AdaptivePacer), through
// the one transport (which retries only when Xobin proves it did not act), never the same candidate
// twice in an execution (InviteLedger), and, once Xobin says the account's invites are exhausted,
// the rest parked without a request. Returns one outcome per item, in input order.

import type { IDataObject, IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { aiInterviewNotFound } from '../../helpers/aiInterviewIdField';
import { INVITES_EXHAUSTED_CODE, INVITES_EXHAUSTED_MESSAGE_PATTERN } from '../../helpers/constants';
import { InviteLedger } from '../../helpers/inviteLedger';
import { asNodeError } from '../../helpers/outputs';
import { AdaptivePacer, forEachInPool } from '../../helpers/pacer';
import { quote } from '../../helpers/text';
import { xobinRequest } from '../../transport';
import { readXobinMessage } from '../../transport/errors';
import type { XobinResponse } from '../../transport/types';

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
	/** Wait and retry on 429 / 503 (the node's "Retry on Rate Limit" option). */
	retryBusy: boolean;
	/** After a failure, start nothing new (the node is about to stop the workflow). */
	stopOnFailure: boolean;
}

/** Thrown by the pacer to requests that had not started when the run stopped sending. */
class StoppedSending extends Error {}

export async function inviteCandidates(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: InviteSettings,
): Promise<Array<InviteOutcome | undefined>> {
	const ledger = new InviteLedger(context.getContext('node'));
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Array<InviteOutcome | undefined> = new Array(prepared.length);
	const inFlight = new Map<string, Promise<unknown>>();
	let notice: ExhaustedNotice | undefined;
	let stopped = false;

	const invite = async (body: IDataObject, itemIndex: number): Promise<InviteOutcome | undefined> => {
		if (notice && !settings.keepTryingWhenExhausted) return { kind: 'exhausted', notice, attempted: false };
		let response: XobinResponse;
		try {
			response = await xobinRequest(context, {
				method: 'POST',
				endpoint: '/ai-interviews/invite',
				body,
				itemIndex,
				requires: ['invite_link', 'response_id'],
				retryBusy: settings.retryBusy,
				passThrough: (answer) => readExhaustion(answer) !== undefined,
				notFound: aiInterviewNotFound(body.ai_interview_id),
				lostAnswer: `So ${quote(body.candidate_email)} may or may not be invited: ${
					body.custom_field_id
						? `check with Get Report by Custom Field ID ${quote(body.custom_field_id)}`
						: "look the candidate up in Xobin's AI Interviews dashboard (invites with a Custom Field ID can be checked with Get Report)"
				} before running this item again.`,
				pacer,
			});
		} catch (error) {
			if (error instanceof StoppedSending) return notice ? { kind: 'exhausted', notice, attempted: false } : undefined;
			return { kind: 'failed', error: asNodeError(context, error, itemIndex) };
		}
		const exhaustedNow = readExhaustion(response);
		if (exhaustedNow) {
			notice = exhaustedNow;
			if (!settings.keepTryingWhenExhausted) pacer.close(new StoppedSending());
			return { kind: 'exhausted', notice, attempted: true };
		}
		// When trying each candidate, invites added mid-run lift the notice again. When parking, a
		// late success from a request already under way does not.
		if (settings.keepTryingWhenExhausted) notice = undefined;
		return { kind: 'invited', response: response.body as IDataObject };
	};

	const handle = async (entry: PreparedInvite): Promise<InviteOutcome | undefined> => {
		if ('error' in entry) return { kind: 'failed', error: asNodeError(context, entry.error, entry.itemIndex) };
		const key = InviteLedger.keyOf(entry.body);
		// The same candidate twice in one run: the second waits for the first and reuses its result.
		for (let pending = inFlight.get(key); pending; pending = inFlight.get(key)) await pending;
		const earlier = ledger.find(key);
		if (earlier) return { kind: 'invited', response: earlier };
		// No await between the check above and claiming the key here, so only one request is sent.
		const attempt = invite(entry.body, entry.itemIndex);
		inFlight.set(key, attempt);
		const outcome = await attempt;
		inFlight.delete(key);
		if (outcome?.kind === 'invited') ledger.record(key, outcome.response);
		return outcome;
	};

	await forEachInPool(prepared.length, settings.concurrency, async (index) => {
		// After a failure that stops the workflow, nothing new starts; requests already under way
		// finish and are recorded, so n8n's Retry On Fail does not send them again.
		if (stopped) return;
		const outcome = await handle(prepared[index]);
		outcomes[index] = outcome;
		if (outcome?.kind === 'failed' && settings.stopOnFailure) {
			stopped = true;
			pacer.close(new StoppedSending());
		}
	});

	return outcomes;
}

/** Xobin's "no invites left" answer: 403 with error code limit_exceed, or only its message text. */
function readExhaustion(response: XobinResponse): ExhaustedNotice | undefined {
	const { body } = response;
	if (response.statusCode !== 403 || body === null || typeof body !== 'object') return undefined;
	const message = readXobinMessage(body) ?? '';
	if ((body as IDataObject).error !== INVITES_EXHAUSTED_CODE && !INVITES_EXHAUSTED_MESSAGE_PATTERN.test(message)) {
		return undefined;
	}
	return {
		message: message && message !== INVITES_EXHAUSTED_CODE ? message : 'Invites Exhausted. Please contact support.',
		code: INVITES_EXHAUSTED_CODE,
	};
}
