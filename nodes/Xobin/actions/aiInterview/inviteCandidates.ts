// How AI interviews are invited, for the shared one-by-one sending (helpers/inviteEach.ts): POST
// /ai-interviews/invite, and the one proof Xobin offers for an invite whose answer was lost: the
// candidate's report, found by Custom Field ID (GET /ai-interviews/report?custom_field_id=…).

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { aiInterviewNotFound } from '../../helpers/productIdFields';
import type { InviteEachSettings, InviteTarget } from '../../helpers/inviteEach';
import { inviteEach } from '../../helpers/inviteEach';
import type { InviteOutcome, PreparedInvite } from '../../helpers/invites';
import { emailKey } from '../../helpers/invites';
import { quote } from '../../helpers/text';
import { xobinRequest } from '../../transport';
import type { Pacer } from '../../transport/types';

/** Xobin's record of this candidate, found by Custom Field ID, or undefined when there is none. */
async function findByCustomFieldId(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	pacer: Pacer,
): Promise<IDataObject | undefined> {
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
		emailKey(report.candidate_email ?? '') === emailKey(body.candidate_email);
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
}

export const aiInterviewInvites: InviteTarget = {
	endpoint: '/ai-interviews/invite',
	idKey: 'ai_interview_id',
	requires: ['invite_link', 'response_id'],
	ledgerKey: 'xobinInvitedCandidates',
	notFound: aiInterviewNotFound,
	lostAnswer: (body) =>
		`So ${quote(body.candidate_email)} may or may not be invited: ${
			body.custom_field_id
				? `the node could not find the invite by Custom Field ID ${quote(body.custom_field_id)} either. Check with Get Report by that ID`
				: "look the candidate up in Xobin's AI Interviews dashboard (invites with a Custom Field ID can be checked with Get Report)"
		} before running this item again.`,
	notConfirmed: (body) =>
		`Xobin's answer to that try was lost, and the node could not confirm the invite${body.custom_field_id ? ` by Custom Field ID ${quote(body.custom_field_id)}` : ' (the item has no Custom Field ID to look it up by)'}. Look the candidate up in Xobin's AI Interviews dashboard before inviting them again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
	lookup: { by: (body) => body.custom_field_id, find: findByCustomFieldId },
};

export async function inviteCandidates(
	context: IExecuteFunctions,
	prepared: PreparedInvite[],
	settings: InviteEachSettings,
): Promise<Array<InviteOutcome | undefined>> {
	return await inviteEach(context, prepared, settings, aiInterviewInvites);
}
