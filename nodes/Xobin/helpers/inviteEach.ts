// Sends the invites of one Invite Candidate run, one request per candidate, exactly once each, for
// every Xobin product invited that way (AI interviews, XoForms, automated interviews): several at
// once (paced by AdaptivePacer) through the one transport, which retries only when Xobin proves it
// did not act. An answer lost after sending makes the invite *uncertain*: it is never sent again
// without proof (Xobin's record, where the product has a way to look it up), unless the user opted
// in; the execution's ledger keeps invited and uncertain candidates so n8n's Retry On Fail sends
// neither again, and an item not sent because another item's invite covers it says so
// (alreadyInvited, existingInviteEmail). Once Xobin says the account's invites are exhausted, the rest are parked without a
// request. What differs between products is one InviteTarget: endpoint, id key, wording, lookup.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { xobinRequest } from '../transport';
import type { XobinError } from '../transport/errors';
import type { NotFound, Pacer, XobinResponse } from '../transport/types';
import type { ExhaustedNotice, InviteOutcome, InviteSettings, PreparedInvite } from './invites';
import { alreadyInvited, emailKey, ledgerOf, readExhaustion, StoppedSending } from './invites';
import { asNodeError } from './outputs';
import { AdaptivePacer, forEachInPool } from './pacer';
import { quote } from './text';

/** How one Xobin product is invited to, one candidate per request. */
export interface InviteTarget {
	/** e.g. '/forms/invite'. */
	endpoint: string;
	/** The body key holding the product's id, e.g. 'form_id'. */
	idKey: string;
	/** Keys a successful answer carries, e.g. invite_link and form_response_id. */
	requires: string[];
	/** Where this execution remembers its invites (the node's execution context). */
	ledgerKey: string;
	notFound(id: unknown): NotFound;
	/** Appended to a lost answer's error: what it means for this candidate and how to check. */
	lostAnswer(body: IDataObject): string;
	/** Why an uncertain invite of an earlier try is not sent again, and how to check. */
	notConfirmed(body: IDataObject): string;
	/** Xobin's record of an invite, where the product has a way to look one up (AI interviews). */
	lookup?: InviteLookup;
}

export interface InviteLookup {
	/** The value the candidate is looked up by (e.g. the Custom Field ID), or undefined: no lookup. */
	by(body: IDataObject): unknown;
	/** Xobin's record of this candidate's invite, or undefined when there is none. Throws on failure. */
	find(
		context: IExecuteFunctions,
		body: IDataObject,
		itemIndex: number,
		pacer: Pacer,
	): Promise<IDataObject | undefined>;
}

export interface InviteEachSettings extends InviteSettings {
	/** Look each candidate up first (needs target.lookup); no invite for those Xobin already has. */
	skipIfInvited?: boolean;
}

export async function inviteEach(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: InviteEachSettings,
	target: InviteTarget,
): Promise<Array<InviteOutcome | undefined>> {
	const ledger = ledgerOf(context, target.ledgerKey);
	const pacer = new AdaptivePacer(settings.concurrency);
	const outcomes: Array<InviteOutcome | undefined> = new Array(prepared.length);
	const inFlight = new Map<string, Promise<unknown>>();
	const { lookup } = target;
	const skipIfInvited = settings.skipIfInvited === true && lookup !== undefined;
	let notice: ExhaustedNotice | undefined;
	let stopped = false;

	/**
	 * One candidate per product id: the lookup value when the user asked to skip by it, else the
	 * email (case does not matter).
	 */
	const keyOf = (body: IDataObject): string => {
		const who = skipIfInvited ? `id:${String(lookup.by(body))}` : emailKey(body.candidate_email);
		return `${String(body[target.idKey])}|${who}`;
	};

	/** Proof that an uncertain invite exists: only where it can be looked up, and never an error. */
	const confirm = async (
		body: IDataObject,
		itemIndex: number,
	): Promise<IDataObject | undefined> => {
		if (!lookup || !lookup.by(body)) return undefined;
		try {
			return await lookup.find(context, body, itemIndex, pacer);
		} catch {
			// The lookup failed or the run stopped sending: no proof either way, so it stays uncertain.
			return undefined;
		}
	};

	/** The earlier try may have invited someone else: another row sharing this Custom Field ID. */
	const uncertainError = (
		body: IDataObject,
		itemIndex: number,
		earlierEmail: unknown = body.candidate_email,
	): NodeOperationError =>
		new NodeOperationError(
			context.getNode(),
			`Not sent again: an earlier try in this execution may have invited ${quote(earlierEmail)}${emailKey(earlierEmail) === emailKey(body.candidate_email) ? '' : ` with the same Custom Field ID, so ${quote(body.candidate_email)} was not sent`} [item ${itemIndex}]`,
			{ itemIndex, description: target.notConfirmed(body) },
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
					endpoint: target.endpoint,
					body,
					itemIndex,
					requires: target.requires,
					retryBusy: settings.retryBusy,
					passThrough: (answer) => readExhaustion(answer) !== undefined,
					notFound: target.notFound(body[target.idKey]),
					lostAnswer: target.lostAnswer(body),
					pacer,
				});
			} catch (error) {
				if (error instanceof StoppedSending)
					return notice ? { kind: 'exhausted', notice, attempted: false } : undefined;
				if (!(error as XobinError).uncertain)
					return { kind: 'failed', error: asNodeError(context, error, itemIndex) };
				ledger[key] = { uncertain: error.message, email: body.candidate_email };
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
		if (earlier) {
			// An earlier try of this execution may have invited the candidate: proof, opt-in, or stop.
			const proof = await confirm(body, itemIndex);
			if (proof)
				return { kind: 'invited', response: { ...proof, confirmedAfterUncertainAnswer: true } };
			if (!settings.resendUncertain)
				return { kind: 'failed', error: uncertainError(body, itemIndex, earlier.email) };
		} else if (skipIfInvited) {
			try {
				const existing = await lookup.find(context, body, itemIndex, pacer);
				if (existing)
					return { kind: 'invited', response: alreadyInvited(existing, existing.email) };
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
		const key = keyOf(entry.body);
		// The same candidate twice in one run: the second waits for the first and reuses its result.
		for (let pending = inFlight.get(key); pending; pending = inFlight.get(key)) await pending;
		// Invited by another item of this execution (a repeat, or a row sharing its Custom Field ID):
		// not sent, and it says so. The same item on n8n's Retry On Fail gets its own invite back.
		const earlier = ledger[key];
		if (earlier && 'invited' in earlier) {
			const { invited, itemIndex, email } = earlier;
			return {
				kind: 'invited',
				response: itemIndex === entry.itemIndex ? invited : alreadyInvited(invited, email),
			};
		}
		// No await between the check above and claiming the key here, so only one request is sent.
		const attempt = invite(entry.body, entry.itemIndex, key);
		inFlight.set(key, attempt);
		const outcome = await attempt;
		inFlight.delete(key);
		if (outcome?.kind === 'invited') {
			const email = outcome.response.existingInviteEmail ?? entry.body.candidate_email;
			ledger[key] = { invited: outcome.response, itemIndex: entry.itemIndex, email };
		}
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
