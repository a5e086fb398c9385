// Automated Interview → Invite Candidate: POST /automated-interviews/invite, like XoForm invites.
// The output keeps Xobin's misspelled `interview_reponse_id` and adds `interview_response_id`; the
// format goes as both `invite_type` and `invite_format` (the docs use both, docs/assumptions.md).

import { idField } from '../../helpers/fields';
import { inviteOperation } from '../../invite/operation';
import { checkInXobin } from '../../invite/product';
import { inviteFields } from '../commonFields';

/** Xobin's key for the candidate's response, misspelled in its answer (and docs). */
const XOBIN_RESPONSE_ID_KEY = 'interview_reponse_id';
const RESPONSE_ID_KEY = 'interview_response_id';

export const { fields, description, execute } = inviteOperation({
	resource: 'automatedInterview',
	fields: inviteFields(
		idField(
			{ type: 'body', property: 'interview_id' },
			{
				displayName: 'Automated Interview ID',
				name: 'interviewId',
				placeholder: 'e.g. 5101',
				description:
					"The number of the automated interview in Xobin. Open the interview in Xobin's Automated Interviews to find it.",
			},
		),
	),
	product: {
		name: 'automated interview',
		idKey: 'interview_id',
		single: {
			endpoint: '/automated-interviews/invite',
			// Should Xobin ever fix the spelling, the correct key confirms the invite just as well.
			requires: ['invite_link', `${XOBIN_RESPONSE_ID_KEY}|${RESPONSE_ID_KEY}`],
		},
		ledgerKey: 'xobinAutomatedInterviewInvites',
		notFound: (interviewId) => ({
			what: `automated interview ${String(interviewId)}`,
			fix: "Check the Automated Interview ID: open the interview in Xobin's Automated Interviews and copy its number. The API key must belong to the account that owns the interview.",
		}),
		...checkInXobin(
			'an automated interview',
			(body) =>
				`look for the candidate among the responses of automated interview ${String(body.interview_id)} in Xobin`,
		),
		// The docs disagree on the key's name; one value under both names leaves no room for doubt.
		toBody: (body) => ({ ...body, invite_type: body.invite_format }),
		toOutput: (answer) => {
			const responseId = answer[XOBIN_RESPONSE_ID_KEY] ?? answer[RESPONSE_ID_KEY];
			return { ...answer, [XOBIN_RESPONSE_ID_KEY]: responseId, [RESPONSE_ID_KEY]: responseId };
		},
	},
});
