// What the invite engine needs to know about one Xobin product, as data: where invites go (one
// candidate per request, and many where Xobin has a bulk endpoint), what a successful answer
// carries, how messages name it, and, where Xobin offers one, the lookup that proves an invite
// whose answer was lost. Each Invite Candidate operation declares one of these.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { quote } from '../transport/text';
import type { NotFound, Pacer } from '../transport/types';
import type { InviteSettings } from './options';

export interface InviteProduct {
	/** How messages name the invitation: "AI interview", "assessment", "XoForm", … */
	name: string;
	/** The body key holding the product's id, e.g. 'form_id'. */
	idKey: string;
	/** One candidate per request: the endpoint and the keys a successful answer carries. */
	single: { endpoint: string; requires: string[] };
	/** Many candidates per request, where Xobin has it. */
	bulk?: BulkInvite;
	/** Where this execution remembers its invites (the node's execution context). */
	ledgerKey: string;
	notFound(id: unknown): NotFound;
	/** Appended to a lost answer's error: what it means for this candidate and how to check. */
	lostAnswer(body: IDataObject): string;
	/** Why an uncertain invite of an earlier try is not sent again, and how to check. */
	notConfirmed(body: IDataObject): string;
	/** Xobin's record of an invite, where the product has a way to look one up. */
	lookup?: InviteLookup;
	/** Completes "To run again without inviting them twice, …" (default: Retry On Fail). */
	rerun?: string;
	/** The body as sent, from the checked field values (default: as read); may refuse (throw). */
	toBody?(
		body: IDataObject,
		itemIndex: number,
		context: IExecuteFunctions,
		settings: InviteSettings,
	): IDataObject;
	/** The Invited item, from Xobin's answer (default: the answer as it is). */
	toOutput?(answer: IDataObject): IDataObject;
}

interface BulkInvite {
	endpoint: string;
	/** Xobin's most candidates per request, and how many go in one unless Batch Size says. */
	max: number;
	defaultSize: number;
	/** The values candidates must share to go in one request (beyond the product id). */
	sharedKeys: string[];
	/** The request body for these candidates (their bodies share `sharedKeys`). */
	body(bodies: IDataObject[]): IDataObject;
	/** The answer's key listing one invite per candidate, matched to them by email. */
	listKey: string;
}

interface InviteLookup {
	/** How messages name that value, e.g. 'Custom Field ID'. */
	name: string;
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

/**
 * The wording of a product without a lookup: Xobin offers no way to check `what` invite by API, so
 * `how` says where in Xobin to look for the candidate.
 */
export function checkInXobin(
	what: string,
	how: (body: IDataObject) => string,
): Pick<InviteProduct, 'lostAnswer' | 'notConfirmed'> {
	const check = (body: IDataObject) =>
		`Xobin offers no way to check ${what} invite by API: ${how(body)}`;
	return {
		lostAnswer: (body) =>
			`So ${quote(body.candidate_email)} may or may not be invited. ${check(body)} before running this item again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
		notConfirmed: (body) =>
			`Xobin's answer to that try was lost. ${check(body)} before inviting them again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
	};
}
