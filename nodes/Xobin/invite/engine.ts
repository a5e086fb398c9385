// The one invite engine: sends the invites of one Invite Candidate run for any product, exactly
// once each. Candidates that may share a request go to Xobin together, up to Batch Size where the
// product has a bulk endpoint (one per request otherwise), several requests at once, paced by
// AdaptivePacer through the one transport, which retries only when Xobin proves it did not act.
//
// The rules, each in one place:
// - Repeats: a candidate twice in one run is sent once; later rows share the first row's outcome.
// - Ledger: the execution remembers invited and uncertain candidates, so n8n's Retry On Fail
//   reuses an invite and never re-sends one that may have reached Xobin.
// - Uncertain: an answer lost after sending is proved by the product's lookup where it has one;
//   otherwise the candidate is not sent again (unless the user opted in) and the error says how
//   to check in Xobin.
// - Run out: once Xobin says the account has no invites left, the rest are parked without a
//   request. A bulk request refused as exhausted, or for a bad value, did nothing: it is sent
//   again one candidate at a time, so exactly as many as the account allows are invited, the
//   earliest first, and a bad row fails alone.
// - Stop: when the workflow stops on errors, nothing new starts after the first failure.

import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { emailKey, ledgerOf, notSentAgain } from '../helpers/ledger';
import { asNodeError } from '../helpers/outputs';
import { AdaptivePacer, forEachInPool } from '../helpers/pacer';
import { quote } from '../transport/text';
import { xobinRequest } from '../transport';
import type { XobinError } from '../transport/errors';
import { forItem } from '../transport/errors';
import type { XobinResponse } from '../transport/types';
import type { InviteSettings } from './options';
import type { ExhaustedNotice, Outcome } from './outcome';
import { readExhaustion } from './outcome';
import type { InviteProduct } from './product';

/** One input item after reading and checking: the body to send, or why it cannot be sent. */
export type PreparedInvite =
	| { itemIndex: number; body: IDataObject }
	| { itemIndex: number; error: Error };

/** What this execution knows about a candidate: Xobin's invite, or that one may exist. */
type LedgerEntry = { invited: IDataObject } | { uncertain: string };

/** One candidate to send: its input item, the checked values and who it is. */
interface Candidate {
	itemIndex: number;
	body: IDataObject;
	key: string;
}

type NodeError = NodeApiError | NodeOperationError;

/** Thrown by the pacer to requests that had not started when the run stopped sending. */
class StoppedSending extends Error {}

export async function sendInvites(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: InviteSettings,
	product: InviteProduct,
): Promise<Outcome[]> {
	const node = context.getNode();
	const ledger = ledgerOf<LedgerEntry>(context, product.ledgerKey);
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Outcome[] = prepared.map(() => ({ kind: 'notSent' }));
	const { lookup } = product;
	const skipBy = settings.skipIfInvited && lookup ? lookup : undefined;
	const batchSize = product.bulk ? settings.batchSize : 1;
	let notice: ExhaustedNotice | undefined;
	let stopped = false;
	// Batches refused as a whole are sent again one candidate at a time, one batch after another,
	// so the invites left go to the earliest candidates and the first refusal parks the rest.
	let oneByOneTurn: Promise<void> = Promise.resolve();

	/** One candidate per product id: the lookup value when skipping by it, else the email. */
	const keyOf = (body: IDataObject): string =>
		`${String(body[product.idKey])}|${skipBy ? `id:${String(skipBy.by(body))}` : emailKey(body.candidate_email)}`;

	const settle = (candidate: Candidate, outcome: Outcome) => {
		outcomes[candidate.itemIndex] = outcome;
		if (outcome.kind === 'invited' || outcome.kind === 'alreadyInvited')
			ledger[candidate.key] = { invited: outcome.invite };
		if (outcome.kind === 'uncertain') ledger[candidate.key] = { uncertain: outcome.error.message };
		if ((outcome.kind === 'uncertain' || outcome.kind === 'refused') && settings.stopOnFailure) {
			// Nothing new starts; requests already under way finish and are recorded.
			stopped = true;
			pacer.close(new StoppedSending());
		}
	};

	/** Left without an invite because none are left, or (no notice) because the run stopped. */
	const park = (batch: Candidate[], attempted: boolean) => {
		for (const candidate of batch)
			settle(candidate, notice ? { kind: 'exhausted', notice, attempted } : { kind: 'notSent' });
	};

	/** Xobin's record of an invite whose answer was lost, where the product can look one up. */
	const proof = async (candidate: Candidate): Promise<IDataObject | undefined> => {
		if (!lookup?.by(candidate.body)) return undefined;
		try {
			const found = await lookup.find(context, candidate.body, candidate.itemIndex, pacer);
			return found && { ...found, confirmedAfterUncertainAnswer: true };
		} catch {
			// The lookup failed or the run stopped sending: no proof either way.
			return undefined;
		}
	};

	/** Another row's invite, for a row not sent because of it: it says so, and whose invite it is. */
	const alreadyInvited = (invite: IDataObject, email: unknown): IDataObject => ({
		...invite,
		alreadyInvited: true,
		existingInviteEmail: invite.existingInviteEmail ?? email ?? invite.email ?? null,
	});

	/** Not sent again: an earlier try (or row) may have invited `earlierEmail`. */
	const notSentAgainTo = (candidate: Candidate, earlierEmail: unknown) => {
		const { body, itemIndex } = candidate;
		const someoneElse =
			emailKey(earlierEmail) === emailKey(body.candidate_email)
				? ''
				: ` with the same ${lookup?.name ?? 'key'}, so ${quote(body.candidate_email)} was not sent`;
		return notSentAgain(
			node,
			`invited ${quote(earlierEmail)}${someoneElse}`,
			itemIndex,
			product.notConfirmed(body),
		);
	};

	/** Whether to send: an earlier try's invite or proof, Xobin's existing invite, or nothing. */
	const before = async (candidate: Candidate): Promise<Outcome | undefined> => {
		const earlier = ledger[candidate.key];
		if (earlier && 'invited' in earlier) return { kind: 'invited', invite: earlier.invited };
		if (earlier) {
			const found = await proof(candidate);
			if (found) return { kind: 'invited', invite: found };
			if (settings.resendUncertain) return undefined;
			return {
				kind: 'uncertain',
				error: notSentAgainTo(candidate, candidate.body.candidate_email),
			};
		}
		if (!skipBy) return undefined;
		try {
			const existing = await skipBy.find(context, candidate.body, candidate.itemIndex, pacer);
			if (existing)
				return { kind: 'alreadyInvited', invite: alreadyInvited(existing, existing.email) };
		} catch (error) {
			if (error instanceof StoppedSending)
				return notice ? { kind: 'exhausted', notice, attempted: false } : { kind: 'notSent' };
			return { kind: 'refused', error: asNodeError(context, error, candidate.itemIndex) };
		}
		return undefined;
	};

	const request = (batch: Candidate[]) => {
		const first = batch[0].body;
		const bulk = batch.length > 1 ? product.bulk : undefined;
		return xobinRequest(context, {
			method: 'POST',
			endpoint: bulk ? bulk.endpoint : product.single.endpoint,
			body: bulk ? bulk.body(batch.map((candidate) => candidate.body)) : first,
			itemIndex: batch[0].itemIndex,
			requires: bulk ? [bulk.listKey] : product.single.requires,
			retryBusy: settings.retryBusy,
			passThrough: (answer) =>
				readExhaustion(answer) !== undefined || (bulk !== undefined && refusedValue(answer)),
			notFound: product.notFound(first[product.idKey]),
			// What a lost answer means is said per candidate, by lost().
			lostAnswer: '',
			pacer,
		});
	};

	/**
	 * Candidates of a request whose answer was lost, or did not list them: maybe invited. Proved by
	 * the product's lookup where it has one, else sent once more if the user opted in, else
	 * uncertain with `errorOf`, which says what happened and how to check.
	 */
	const lost = async (
		batch: Candidate[],
		errorOf: (candidate: Candidate) => NodeError,
		resends: number,
	) => {
		const unproved: Candidate[] = [];
		for (const candidate of batch) {
			// Recorded before the lookup, so no later try sends it while the lookup runs.
			ledger[candidate.key] = { uncertain: 'unconfirmed' };
			const found = await proof(candidate);
			if (found) settle(candidate, { kind: 'invited', invite: found });
			else unproved.push(candidate);
		}
		if (unproved.length === 0) return;
		if (settings.resendUncertain && resends === 0) return await send(unproved, 1, true);
		for (const candidate of unproved)
			settle(candidate, { kind: 'uncertain', error: errorOf(candidate) });
	};

	// One request per candidate: the first alone (when it is refused, nothing is left and the rest
	// park without a request), then `concurrency` at a time.
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
			const nodeError = asNodeError(context, error, batch[0].itemIndex);
			if ((error as Partial<XobinError>).uncertain) {
				const others =
					batch.length > 1
						? ` It was one of ${batch.length} candidates in one bulk invite request, and all of them are in the same state.`
						: '';
				const errorOf = ({ body, itemIndex }: Candidate) =>
					forItem(
						node,
						nodeError,
						itemIndex,
						`${nodeError.description ?? ''} ${product.lostAnswer(body)}${others}`.trim(),
					);
				return await lost(batch, errorOf, resends);
			}
			// The error as it is for the candidate it names, told about each other candidate's item.
			for (const candidate of batch) {
				const error =
					candidate === batch[0] ? nodeError : forItem(node, nodeError, candidate.itemIndex);
				settle(candidate, { kind: 'refused', error });
			}
			return;
		}

		const exhaustedNow = readExhaustion(response);
		// A bulk request refused as a whole did nothing: one candidate at a time.
		if (batch.length > 1 && (exhaustedNow || response.statusCode >= 300))
			return await sendOneByOne(batch, resends);
		if (exhaustedNow) {
			notice = exhaustedNow;
			if (!settings.keepTryingWhenExhausted) pacer.close(new StoppedSending());
			return settle(batch[0], { kind: 'exhausted', notice, attempted: true });
		}
		// When trying each candidate, invites added mid-run lift the notice again. When parking, a
		// late success from a request already under way does not.
		if (settings.keepTryingWhenExhausted) notice = undefined;

		const invites = batch.length === 1 ? [response.body as IDataObject] : matched(batch, response);
		const unlisted = batch.filter((candidate, index) => {
			const invite = invites[index];
			if (!invite) return true;
			settle(candidate, { kind: 'invited', invite });
			return false;
		});
		if (unlisted.length === 0) return;
		const errorOf = ({ body, itemIndex }: Candidate) =>
			new NodeOperationError(
				node,
				`Xobin's answer to the bulk invite does not include an invite for ${quote(body.candidate_email)} [item ${itemIndex}]`,
				{
					itemIndex,
					description: `Xobin accepted the request for ${batch.length} candidates but listed no ${product.single.requires.join(' and ')} for this one. ${product.lostAnswer(body)}`,
				},
			);
		await lost(unlisted, errorOf, resends);
	};

	/** Each candidate's own invite in a bulk answer, by email; undefined when it is not complete. */
	const matched = (batch: Candidate[], response: XobinResponse): Array<IDataObject | undefined> => {
		const listKey = (product.bulk as NonNullable<InviteProduct['bulk']>).listKey;
		const list = (response.body as IDataObject)[listKey];
		const byEmail = new Map<string, IDataObject>();
		for (const entry of Array.isArray(list) ? list : []) {
			if (!entry || typeof entry !== 'object') continue;
			const email = emailKey(
				(entry as IDataObject).email ?? (entry as IDataObject).candidate_email,
			);
			if (!byEmail.has(email)) byEmail.set(email, entry as IDataObject);
		}
		return batch.map(({ body }) => {
			const invite = byEmail.get(emailKey(body.candidate_email));
			return invite && product.single.requires.every((key) => present(invite, key))
				? invite
				: undefined;
		});
	};

	// Read the items in input order: bad rows fail, repeats of a candidate wait for the first.
	const firstOf = new Map<string, Candidate>();
	const repeats: Array<[number, Candidate]> = [];
	const candidates: Candidate[] = [];
	for (const entry of prepared) {
		if ('error' in entry) {
			outcomes[entry.itemIndex] = {
				kind: 'refused',
				error: asNodeError(context, entry.error, entry.itemIndex),
			};
			continue;
		}
		const candidate: Candidate = { ...entry, key: keyOf(entry.body) };
		const first = firstOf.get(candidate.key);
		if (first) repeats.push([entry.itemIndex, first]);
		else {
			firstOf.set(candidate.key, candidate);
			candidates.push(candidate);
		}
	}

	// Candidates that may share a request fill one open batch per group, sent once full; the
	// batches still open are sent at the end. With one candidate per request, each goes at once.
	const groupOf = (body: IDataObject) =>
		JSON.stringify(
			[product.idKey, ...(product.bulk?.sharedKeys ?? [])].map((key) => body[key] ?? null),
		);
	const open = new Map<string, Candidate[]>();
	await forEachInPool(candidates.length, settings.concurrency, async (index) => {
		if (stopped) return;
		const candidate = candidates[index];
		const decided = await before(candidate);
		if (decided) return settle(candidate, decided);
		const group = groupOf(candidate.body);
		const batch = open.get(group) ?? [];
		batch.push(candidate);
		if (batch.length < batchSize) open.set(group, batch);
		else {
			open.delete(group);
			await send(batch);
		}
	});
	const rest = [...open.values()];
	await forEachInPool(rest.length, settings.concurrency, async (index) => {
		if (!stopped) await send(rest[index]);
	});

	// A repeat is not sent: it shares the first row's outcome, told about its own item, and says
	// whose invite covers it (rows sharing a Custom Field ID may name other people).
	for (const [itemIndex, first] of repeats) {
		const outcome = outcomes[first.itemIndex];
		const repeat = prepared[itemIndex] as Candidate;
		const firstEmail = first.body.candidate_email;
		if (outcome.kind === 'uncertain')
			outcomes[itemIndex] = { kind: 'uncertain', error: notSentAgainTo(repeat, firstEmail) };
		else if (outcome.kind === 'refused')
			outcomes[itemIndex] = { kind: 'refused', error: forItem(node, outcome.error, itemIndex) };
		else if (outcome.kind === 'invited' || outcome.kind === 'alreadyInvited')
			outcomes[itemIndex] = {
				kind: 'alreadyInvited',
				invite: alreadyInvited(outcome.invite, firstEmail),
			};
		else outcomes[itemIndex] = outcome;
	}
	return outcomes;
}

/** A 400 or 422: Xobin refused a value and, by the HTTP rules, did nothing. */
function refusedValue(response: XobinResponse): boolean {
	return response.statusCode === 400 || response.statusCode === 422;
}

function present(record: IDataObject, key: string): boolean {
	return key
		.split('|')
		.some((name) => record[name] !== undefined && record[name] !== null && record[name] !== '');
}
