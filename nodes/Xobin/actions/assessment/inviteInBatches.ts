// Sends the invites of one Assessment → Invite Candidate run, exactly once each. Candidates that
// share Assessment ID, Invite Format and Expiry Date go to Xobin together, up to Batch Size per
// request (POST /assessment/invite, Xobin's bulk invite; a request for one candidate uses
// POST /assessments/invite), several requests at once, paced by AdaptivePacer through the one
// transport. Each candidate's invite is found in Xobin's answer by email.
//
// Xobin documents no list of an assessment's invitees, so nothing can prove an invite exists: a
// request whose answer was lost makes every candidate in it *uncertain*, and they are not sent
// again (unless the user opted in). A batch refused as "Invites Exhausted" or for a bad value did
// nothing, so it is sent again one candidate at a time: as many candidates as the account allows
// are invited and the rest parked, and a bad row fails alone. The execution's ledger keeps invited
// and uncertain candidates so n8n's Retry On Fail sends neither again. A repeat of a candidate in one
// run is not sent: it gets the first item's invite, marked alreadyInvited.

import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type {
	ExhaustedNotice,
	InviteOutcome,
	InviteSettings,
	PreparedInvite,
} from '../../helpers/invites';
import {
	alreadyInvited,
	emailKey,
	ledgerOf,
	readExhaustion,
	StoppedSending,
} from '../../helpers/invites';
import { asNodeError } from '../../helpers/outputs';
import { AdaptivePacer, forEachInPool } from '../../helpers/pacer';
import { quote } from '../../helpers/text';
import { xobinRequest } from '../../transport';
import type { XobinError } from '../../transport/errors';
import { forItem } from '../../transport/errors';
import type { XobinResponse } from '../../transport/types';
import { assessmentNotFound } from '../../helpers/productIdFields';

interface BatchSettings extends InviteSettings {
	/** Candidates per request, 1 to 500. */
	batchSize: number;
}

/** One candidate to send: its input item and the checked values. */
interface Candidate {
	itemIndex: number;
	body: IDataObject;
	key: string;
}

const LEDGER_KEY = 'xobinAssessmentInvites';

/** Xobin's most candidates per bulk request. */
export const MAX_BATCH_SIZE = 500;

/** One candidate per assessment: the email, whatever its letter case. */
function keyOf(body: IDataObject): string {
	return `${String(body.assessment_id)}|${emailKey(body.candidate_email)}`;
}

/** Candidates that may share a request: same assessment, invite format and expiry date. */
function groupOf(body: IDataObject): string {
	return JSON.stringify([body.assessment_id, body.invite_format, body.expiry_date ?? null]);
}

const HOW_TO_CHECK = (assessmentId: unknown) =>
	`Xobin's API has no list of an assessment's invitees to check against: open assessment ${String(assessmentId)} in Xobin and look for the candidate before running this item again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`;

export async function inviteInBatches(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: BatchSettings,
): Promise<Array<InviteOutcome | undefined>> {
	const node = context.getNode();
	const ledger = ledgerOf(context, LEDGER_KEY);
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Array<InviteOutcome | undefined> = new Array(prepared.length);
	let notice: ExhaustedNotice | undefined;
	let stopped = false;
	// Batches refused as a whole are retried one candidate at a time, one batch after another, so
	// the invites left go to the earliest candidates and the first refusal parks the rest.
	let oneByOneTurn: Promise<void> = Promise.resolve();

	const settle = (candidate: Candidate, outcome: InviteOutcome | undefined) => {
		outcomes[candidate.itemIndex] = outcome;
		if (outcome?.kind === 'invited') ledger[candidate.key] = { invited: outcome.response };
		if (outcome?.kind === 'failed' && settings.stopOnFailure && !stopped) {
			// Nothing new starts; requests already under way finish and are recorded.
			stopped = true;
			pacer.close(new StoppedSending());
		}
	};

	const park = (batch: Candidate[], attempted: boolean) => {
		for (const candidate of batch)
			settle(candidate, notice ? { kind: 'exhausted', notice, attempted } : undefined);
	};

	const uncertain = (candidate: Candidate, error: NodeApiError | NodeOperationError) => {
		ledger[candidate.key] = { uncertain: error.message };
		settle(candidate, { kind: 'failed', error });
	};

	/** Each candidate of a batch whose answer was lost or did not list them: maybe invited. */
	const lostInBatch = (batch: Candidate[], error: NodeApiError | NodeOperationError) => {
		for (const candidate of batch) {
			const others =
				batch.length > 1
					? ` It was one of ${batch.length} candidates in one bulk invite request, and all of them are in the same state.`
					: '';
			uncertain(
				candidate,
				forItem(
					node,
					error,
					candidate.itemIndex,
					`${error.description ?? ''} So ${quote(candidate.body.candidate_email)} may or may not be invited.${others} ${HOW_TO_CHECK(candidate.body.assessment_id)}`.trim(),
				),
			);
		}
	};

	const request = (batch: Candidate[]) => {
		const { assessment_id: assessmentId, invite_format: inviteFormat } = batch[0].body;
		const common = {
			method: 'POST' as const,
			retryBusy: settings.retryBusy,
			passThrough: (answer: XobinResponse) =>
				readExhaustion(answer) !== undefined || (batch.length > 1 && refusedValue(answer)),
			notFound: assessmentNotFound(assessmentId),
			// The per-candidate words are added by lostInBatch(); nothing generic here.
			lostAnswer: '',
			product: 'assessment' as const,
			pacer,
		};
		if (batch.length === 1) {
			return xobinRequest(context, {
				...common,
				endpoint: '/assessments/invite',
				body: batch[0].body,
				requires: ['invite_link', 'report_id'],
			});
		}
		const body: IDataObject = {
			assessment_id: assessmentId,
			invite_format: inviteFormat,
			candidates: batch.map(({ body: { candidate_name: name, candidate_email: email } }) => ({
				name,
				email,
			})),
		};
		if (batch[0].body.expiry_date !== undefined) body.expiry_date = batch[0].body.expiry_date;
		return xobinRequest(context, {
			...common,
			endpoint: '/assessment/invite',
			body,
			requires: ['invites'],
		});
	};

	// One request per candidate: the first alone (when it is refused, nothing is left and the rest
	// park without a request), then `concurrency` at a time. Each is invited or refused on its own,
	// so exactly as many are invited as Xobin has invites for, whatever is in flight.
	const sendOneByOne = async (batch: Candidate[], resends: number) => {
		const one = async (candidate: Candidate) => {
			if (stopped) return;
			// The batch was sent and refused as a whole, so these candidates were attempted.
			if (notice && !settings.keepTryingWhenExhausted) park([candidate], true);
			else await send([candidate], resends, true);
		};
		const turn = oneByOneTurn.then(async () => {
			await one(batch[0]);
			await forEachInPool(batch.length - 1, settings.concurrency, async (index) => {
				await one(batch[index + 1]);
			});
		});
		oneByOneTurn = turn.catch(() => undefined);
		await turn;
	};

	const send = async (batch: Candidate[], resends = 0, sentBefore = false): Promise<void> => {
		if (notice && !settings.keepTryingWhenExhausted) return park(batch, sentBefore);
		let response: XobinResponse;
		try {
			response = await request(batch);
		} catch (error) {
			if (error instanceof StoppedSending) return park(batch, sentBefore);
			if (!(error as XobinError).uncertain) {
				const refused = asNodeError(context, error, batch[0].itemIndex);
				for (const candidate of batch)
					settle(candidate, { kind: 'failed', error: forItem(node, refused, candidate.itemIndex) });
				return;
			}
			if (settings.resendUncertain && resends === 0) return await send(batch, 1, true);
			return lostInBatch(batch, asNodeError(context, error, batch[0].itemIndex));
		}

		const exhaustedNow = readExhaustion(response);
		if (exhaustedNow && batch.length > 1) return await sendOneByOne(batch, resends);
		if (exhaustedNow) {
			notice = exhaustedNow;
			if (!settings.keepTryingWhenExhausted) pacer.close(new StoppedSending());
			return settle(batch[0], { kind: 'exhausted', notice, attempted: true });
		}
		// A bulk request refused for a bad value did nothing: one candidate at a time, only the
		// candidate Xobin objects to fails.
		if (response.statusCode >= 300) return await sendOneByOne(batch, resends);
		// When trying each candidate, invites added mid-run lift the notice again. When parking, a
		// late success from a request already under way does not.
		if (settings.keepTryingWhenExhausted) notice = undefined;

		// A single invite's answer is that candidate's; a bulk answer lists invites, matched by email
		// (the first one listed for it, found in one pass rather than one search per candidate).
		const byEmail = new Map<string, IDataObject>();
		for (const entry of batch.length === 1 ? [] : listed(response.body)) {
			const email = emailKey(entry.email ?? entry.candidate_email);
			if (!byEmail.has(email)) byEmail.set(email, entry);
		}
		const missing: Candidate[] = [];
		for (const candidate of batch) {
			const invite =
				batch.length === 1
					? (response.body as IDataObject)
					: byEmail.get(emailKey(candidate.body.candidate_email));
			if (invite && present(invite.invite_link) && present(invite.report_id)) {
				settle(candidate, { kind: 'invited', response: invite });
			} else missing.push(candidate);
		}
		if (missing.length === 0) return;
		if (settings.resendUncertain && resends === 0) return await send(missing, 1, true);
		for (const candidate of missing) {
			uncertain(
				candidate,
				new NodeOperationError(
					node,
					`Xobin's answer to the bulk invite does not include an invite for ${quote(candidate.body.candidate_email)} [item ${candidate.itemIndex}]`,
					{
						itemIndex: candidate.itemIndex,
						description: `Xobin accepted the request for ${batch.length} candidates but listed no invite link and report ID for this one, so it may or may not be invited. ${HOW_TO_CHECK(candidate.body.assessment_id)}`,
					},
				),
			);
		}
	};

	// Read the items: repeats of a candidate wait for the first, earlier invites of this execution
	// are reused, and the rest are grouped into batches in input order.
	const firstOf = new Map<string, number>();
	const repeats: Array<[number, number]> = [];
	// The batch of each group still filling up; full ones are only in `batches`.
	const openBatches = new Map<string, Candidate[]>();
	const batches: Candidate[][] = [];
	for (const entry of prepared) {
		if ('error' in entry) {
			outcomes[entry.itemIndex] = {
				kind: 'failed',
				error: asNodeError(context, entry.error, entry.itemIndex),
			};
			continue;
		}
		const candidate: Candidate = { ...entry, key: keyOf(entry.body) };
		const first = firstOf.get(candidate.key);
		if (first !== undefined) {
			repeats.push([entry.itemIndex, first]);
			continue;
		}
		firstOf.set(candidate.key, entry.itemIndex);
		const earlier = ledger[candidate.key];
		if (earlier && 'invited' in earlier) {
			outcomes[entry.itemIndex] = { kind: 'invited', response: earlier.invited };
			continue;
		}
		if (earlier && !settings.resendUncertain) {
			outcomes[entry.itemIndex] = {
				kind: 'failed',
				error: new NodeOperationError(
					node,
					`Not sent again: an earlier try in this execution may have invited ${quote(entry.body.candidate_email)} [item ${entry.itemIndex}]`,
					{
						itemIndex: entry.itemIndex,
						description: `Xobin's answer to that try was lost. ${HOW_TO_CHECK(entry.body.assessment_id)}`,
					},
				),
			};
			continue;
		}
		const group = groupOf(entry.body);
		const open = openBatches.get(group);
		if (open && open.length < settings.batchSize) open.push(candidate);
		else {
			const batch = [candidate];
			openBatches.set(group, batch);
			batches.push(batch);
		}
	}

	await forEachInPool(batches.length, settings.concurrency, async (index) => {
		if (!stopped) await send(batches[index]);
	});

	// A repeat of a candidate shares the first item's outcome, told about its own item: not sent,
	// so an invite is marked as another item's.
	for (const [itemIndex, first] of repeats) {
		const outcome = outcomes[first];
		const firstBody = (prepared[first] as { body: IDataObject }).body;
		outcomes[itemIndex] =
			outcome?.kind === 'failed'
				? { kind: 'failed', error: forItem(node, outcome.error, itemIndex) }
				: outcome?.kind === 'invited'
					? {
							kind: 'invited',
							response: alreadyInvited(outcome.response, firstBody.candidate_email),
						}
					: outcome;
	}
	return outcomes;
}

/** A 400 or 422: Xobin refused a value and, by the HTTP rules, did nothing. */
function refusedValue(response: XobinResponse): boolean {
	return response.statusCode === 400 || response.statusCode === 422;
}

function listed(body: unknown): IDataObject[] {
	const invites = (body as IDataObject).invites;
	return Array.isArray(invites)
		? invites.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object')
		: [];
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}
