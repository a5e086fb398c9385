// The execute() and the Options of the Invite Candidate operations that send one request per
// candidate with nothing but the shared options (XoForms, automated interviews): read and check
// every item first, send through inviteEach, then the two outputs (Invited, Invites Exhausted).

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Field } from './fields';
import type { InviteTarget } from './inviteEach';
import { inviteEach } from './inviteEach';
import type { InviteWording } from './inviteOutputs';
import { prepareInvites, toInviteOutputs } from './inviteOutputs';
import { readInviteSettings } from './invites';
import { quote } from './text';

export interface OneByOneInvite {
	fields: Field[];
	target: InviteTarget;
	wording: InviteWording;
	/** The body as sent, from the checked field values (default: as read). */
	toBody?: (body: IDataObject) => IDataObject;
	/** The Invited item, from Xobin's answer (default: the answer as it is). */
	toOutput?: (answer: IDataObject) => IDataObject;
}

export async function inviteOneByOne(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	{ fields, target, wording, toBody = (body) => body, toOutput }: OneByOneInvite,
): Promise<INodeExecutionData[][]> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const prepared = prepareInvites(context, items, fields, toBody);
	const outcomes = await inviteEach(
		context,
		prepared,
		readInviteSettings(options, context.continueOnFail()),
		target,
	);
	const shaped = toOutput
		? outcomes.map((outcome) =>
				outcome?.kind === 'invited'
					? { ...outcome, response: toOutput(outcome.response) }
					: outcome,
			)
		: outcomes;
	return toInviteOutputs(context, items, prepared, shaped, wording);
}

/**
 * The wording of an InviteTarget without a lookup: `where` says where in Xobin to look for the
 * candidate (e.g. "among the responses of XoForm 4101 in Xobin").
 */
export function checkInXobin(
	product: string,
	where: (body: IDataObject) => string,
): Pick<InviteTarget, 'lostAnswer' | 'notConfirmed'> {
	const check = (body: IDataObject) =>
		`Xobin offers no way to check ${product} invite by API: look for the candidate ${where(body)}`;
	return {
		lostAnswer: (body) =>
			`So ${quote(body.candidate_email)} may or may not be invited. ${check(body)} before running this item again.`,
		notConfirmed: (body) =>
			`Xobin's answer to that try was lost. ${check(body)} before inviting them again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
	};
}
