// AI Interview → Invite Candidate: POST /ai-interviews/invite (the invite engine in ../../invite).
// The one proof Xobin offers for an invite whose answer was lost is the candidate's report, found by
// Custom Field ID; Skip If Already Invited uses it too.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { emailKey } from '../../helpers/ledger';
import { aiInterviewIdField, aiInterviewNotFound } from '../../helpers/productIdFields';
import { quote } from '../../transport/text';
import { inviteOperation } from '../../invite/operation';
import type { InviteSettings } from '../../invite/options';
import { xobinRequest } from '../../transport';
import type { Pacer } from '../../transport/types';
import { gmtDateField, inviteFields } from '../commonFields';

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

export const { fields, description, execute } = inviteOperation({
	resource: 'aiInterview',
	fields: inviteFields(
		aiInterviewIdField(),
		gmtDateField(
			'start_date',
			'startDate',
			'Start Date',
			"Earliest time the candidate can start the interview. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty to allow starting at once.",
		),
		gmtDateField(
			'expiry_date',
			'expiryDate',
			'Expiry Date',
			"When the invite link stops working. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty for a link that never expires.",
		),
		{
			send: { type: 'body', property: 'custom_field_id' },
			check: 'text',
			optional: true,
			property: {
				displayName: 'Custom Field ID',
				name: 'customFieldId',
				type: 'string',
				default: '',
				placeholder: 'e.g. CAND-2025-001',
				description:
					'Your own ID for this candidate, such as a CRM or sheet row ID. Use it later to look up the interview report.',
			},
		},
	),
	options: [
		{
			displayName: 'Skip If Already Invited',
			name: 'skipIfInvited',
			type: 'boolean',
			default: false,
			description:
				'Whether to look each candidate up in Xobin by Custom Field ID first and skip those already invited to this AI interview (they come out on Invited with alreadyInvited: true, no invite spent). Needs a Custom Field ID on every item; costs one extra request per candidate.',
		},
	],
	product: {
		name: 'AI interview',
		idKey: 'ai_interview_id',
		single: { endpoint: '/ai-interviews/invite', requires: ['invite_link', 'response_id'] },
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
		lookup: {
			name: 'Custom Field ID',
			by: (body) => body.custom_field_id,
			find: findByCustomFieldId,
		},
		rerun:
			"turn on 'Retry On Fail' in the node settings (it remembers them within the execution) or 'Skip If Already Invited' with a Custom Field ID (it asks Xobin).",
		toBody: checkInvite,
	},
});

/** The checks that span fields: a Custom Field ID for 'Skip If Already Invited', expiry after start. */
function checkInvite(
	body: IDataObject,
	itemIndex: number,
	context: IExecuteFunctions,
	{ skipIfInvited }: InviteSettings,
): IDataObject {
	if (skipIfInvited && !body.custom_field_id) {
		throw new NodeOperationError(
			context.getNode(),
			`Custom Field ID is empty, but 'Skip If Already Invited' needs it [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Xobin is asked for each candidate by Custom Field ID. Fill in Additional Fields → Custom Field ID (e.g. a sheet row or CRM ID), or turn off 'Skip If Already Invited'.",
			},
		);
	}
	const { start_date: start, expiry_date: expiry } = body;
	if (typeof start === 'string' && typeof expiry === 'string' && expiry <= start) {
		throw new NodeOperationError(
			context.getNode(),
			`Expiry Date must be after Start Date [item ${itemIndex}]`,
			{
				itemIndex,
				description: `The invite would open at ${start} GMT and expire at ${expiry} GMT. Set the Expiry Date later than the Start Date, or leave one of them empty.`,
			},
		);
	}
	return body;
}
