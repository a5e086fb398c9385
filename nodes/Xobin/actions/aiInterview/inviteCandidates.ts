// Sends the invites of one Invite Candidate run, exactly once each: several at once (paced by
// AdaptivePacer) through the one transport, which retries only when Xobin proves it did not act.
// An answer lost after sending makes the invite *uncertain*: it is never sent again without proof
// (Xobin's record found by Custom Field ID), unless the user opted in; the execution's ledger keeps
// invited and uncertain candidates so n8n's Retry On Fail sends neither again. Once Xobin says the
// account's invites are exhausted, the rest are parked without a request.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { aiInterviewNotFound } from '../../helpers/productIdFields';
import type {
	ExhaustedNotice,
	InviteOutcome,
	InviteSettings,
	PreparedInvite,
} from '../../helpers/invites';
import { ledgerOf, readExhaustion, StoppedSending } from '../../helpers/invites';
import { asNodeError } from '../../helpers/outputs';
import { AdaptivePacer, forEachInPool } from '../../helpers/pacer';
import { quote } from '../../helpers/text';
import { xobinRequest } from '../../transport';
import type { XobinError } from '../../transport/errors';
import type { XobinResponse } from '../../transport/types';

interface AiInviteSettings extends InviteSettings {
	/** Look each candidate up by Custom Field ID first; no invite for those Xobin already has. */
	skipIfInvited: boolean;
}

const LEDGER_KEY = 'xobinInvitedCandidates';

/**
 * One candidate per AI interview: the Custom Field ID when the user asked to skip by it, else the
 * email (case does not matter).
 */
function keyOf(body: IDataObject, byCustomFieldId: boolean): string {
	const who = byCustomFieldId
		? `id:${String(body.custom_field_id)}`
		: String(body.candidate_email).trim().toLowerCase();
	return `${String(body.ai_interview_id)}|${who}`;
}

export async function inviteCandidates(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: AiInviteSettings,
): Promise<Array<InviteOutcome | undefined>> {
	const ledger = ledgerOf(context, LEDGER_KEY);
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Array<InviteOutcome | undefined> = new Array(prepared.length);
	const inFlight = new Map<string, Promise<unknown>>();
	let notice: ExhaustedNotice | undefined;
	let stopped = false;

	/** Xobin's record of this candidate, found by Custom Field ID, or undefined when there is none. */
	const findExisting = async (
		body: IDataObject,
		itemIndex: number,
	): Promise<IDataObject | undefined> => {
		const { body: record, statusCode } = await xobinRequest(context, {
			method: 'GET',
			endpoint: '/ai-interviews/report',
			qs: { custom_field_id: body.custom_field_id },
			itemIndex,
			idempotent: true,
			requires: ['response_id'],
			passThrough: (answer) => answer.statusCode === 404,
			pacer,
		});
		const report = record as IDataObject;
		const same =
			statusCode < 300 &&
			Number(report.ai_interview_id) === body.ai_interview_id &&
			String(report.candidate_email ?? '')
				.trim()
				.toLowerCase() === String(body.candidate_email).toLowerCase();
		if (!same) return undefined;
		return {
			email: report.candidate_email,
			ai_interview_id: report.ai_interview_id,
			ai_interview_name: report.ai_interview_name ?? null,
			response_id: report.response_id,
			invite_link: report.invite_link ?? null,
			name: report.candidate_name ?? body.candidate_name,
			status: report.invite_status ?? null,
			custom_field_id: report.custom_field_id ?? body.custom_field_id,
		};
	};

	/** Proof that an uncertain invite exists: only with a Custom Field ID, and never an error. */
	const confirm = async (
		body: IDataObject,
		itemIndex: number,
	): Promise<IDataObject | undefined> => {
		if (!body.custom_field_id) return undefined;
		try {
			return await findExisting(body, itemIndex);
		} catch {
			// The lookup failed or the run stopped sending: no proof either way, so it stays uncertain.
			return undefined;
		}
	};

	const uncertainError = (body: IDataObject, itemIndex: number): NodeOperationError =>
		new NodeOperationError(
			context.getNode(),
			`Not sent again: an earlier try in this execution may have invited ${quote(body.candidate_email)} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Xobin's answer to that try was lost, and the node could not confirm the invite${body.custom_field_id ? ` by Custom Field ID ${quote(body.custom_field_id)}` : ' (the item has no Custom Field ID to look it up by)'}. Look the candidate up in Xobin's AI Interviews dashboard before inviting them again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
			},
		);

	const send = async (
		body: IDataObject,
		itemIndex: number,
		key: string,
	): Promise<InviteOutcome | undefined> => {
		for (let sends = 1; ; sends++) {
			if (notice && !settings.keepTryingWhenExhausted)
				return { kind: 'exhausted', notice, attempted: false };
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
							? `the node could not find the invite by Custom Field ID ${quote(body.custom_field_id)} either. Check with Get Report by that ID`
							: "look the candidate up in Xobin's AI Interviews dashboard (invites with a Custom Field ID can be checked with Get Report)"
					} before running this item again.`,
					pacer,
				});
			} catch (error) {
				if (error instanceof StoppedSending)
					return notice ? { kind: 'exhausted', notice, attempted: false } : undefined;
				if (!(error as XobinError).uncertain)
					return { kind: 'failed', error: asNodeError(context, error, itemIndex) };
				ledger[key] = { uncertain: error.message };
				const proof = await confirm(body, itemIndex);
				if (proof)
					return { kind: 'invited', response: { ...proof, confirmedAfterUncertainAnswer: true } };
				if (settings.resendUncertain && sends === 1) continue;
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
		}
	};

	const invite = async (
		body: IDataObject,
		itemIndex: number,
		key: string,
	): Promise<InviteOutcome | undefined> => {
		const earlier = ledger[key];
		if (earlier && 'invited' in earlier) return { kind: 'invited', response: earlier.invited };
		if (earlier) {
			// An earlier try of this execution may have invited the candidate: proof, opt-in, or stop.
			const proof = await confirm(body, itemIndex);
			if (proof)
				return { kind: 'invited', response: { ...proof, confirmedAfterUncertainAnswer: true } };
			if (!settings.resendUncertain)
				return { kind: 'failed', error: uncertainError(body, itemIndex) };
		} else if (settings.skipIfInvited) {
			try {
				const existing = await findExisting(body, itemIndex);
				if (existing) return { kind: 'invited', response: { ...existing, alreadyInvited: true } };
			} catch (error) {
				if (error instanceof StoppedSending)
					return notice ? { kind: 'exhausted', notice, attempted: false } : undefined;
				return { kind: 'failed', error: asNodeError(context, error, itemIndex) };
			}
		}
		return await send(body, itemIndex, key);
	};

	const handle = async (entry: PreparedInvite): Promise<InviteOutcome | undefined> => {
		if ('error' in entry)
			return { kind: 'failed', error: asNodeError(context, entry.error, entry.itemIndex) };
		const key = keyOf(entry.body, settings.skipIfInvited);
		// The same candidate twice in one run: the second waits for the first and reuses its result.
		for (let pending = inFlight.get(key); pending; pending = inFlight.get(key)) await pending;
		// No await between the check above and claiming the key here, so only one request is sent.
		const attempt = invite(entry.body, entry.itemIndex, key);
		inFlight.set(key, attempt);
		const outcome = await attempt;
		inFlight.delete(key);
		if (outcome?.kind === 'invited') ledger[key] = { invited: outcome.response };
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
