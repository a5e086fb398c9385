// Assessment → Invite Candidate: many candidates per request (POST /assessment/invite; one alone
// goes to POST /assessments/invite). Xobin documents no list of an assessment's invitees, so an
// invite whose answer was lost cannot be proven: those candidates are uncertain, not sent again.

import type { IDataObject } from 'n8n-workflow';

import { assessmentIdField, assessmentNotFound } from '../../helpers/productIdFields';
import { inviteOperation } from '../../invite/operation';
import { checkInXobin } from '../../invite/product';
import { gmtDateField, inviteFields } from '../commonFields';

/** Xobin's most candidates per bulk request. */
const MAX_BATCH_SIZE = 500;

/** One lost answer leaves its whole request uncertain: 100 bounds that, 5,000 rows still take 50. */
const DEFAULT_BATCH_SIZE = 100;

export const { fields, description, execute } = inviteOperation({
	resource: 'assessment',
	fields: inviteFields(
		assessmentIdField(),
		gmtDateField(
			'expiry_date',
			'expiryDate',
			'Expiry Date',
			"When the invite link stops working. Xobin does not say which timezone it reads assessment dates in; the node assumes GMT, as for AI interviews: it reads the value in the workflow's timezone and sends it in GMT. Leave empty for Xobin's default.",
		),
	),
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			default: DEFAULT_BATCH_SIZE,
			typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE, numberPrecision: 0 },
			description: `How many candidates go to Xobin in one request (1 to ${MAX_BATCH_SIZE}; 1 sends one request per candidate). Candidates with the same Assessment ID, Invite Format and Expiry Date share requests. Larger batches are faster, but if Xobin's answer to a request is lost (timeout, broken connection, server error), every candidate in it may or may not be invited, and Xobin offers no way to check by API, so none of them is sent again.`,
		},
	],
	product: {
		name: 'assessment',
		idKey: 'assessment_id',
		single: { endpoint: '/assessments/invite', requires: ['invite_link', 'report_id'] },
		bulk: {
			endpoint: '/assessment/invite',
			max: MAX_BATCH_SIZE,
			defaultSize: DEFAULT_BATCH_SIZE,
			sharedKeys: ['invite_format', 'expiry_date'],
			body: (bodies) => {
				const [{ assessment_id, invite_format, expiry_date }] = bodies;
				const body: IDataObject = {
					assessment_id,
					invite_format,
					candidates: bodies.map(({ candidate_name: name, candidate_email: email }) => ({
						name,
						email,
					})),
				};
				if (expiry_date !== undefined) body.expiry_date = expiry_date;
				return body;
			},
			listKey: 'invites',
		},
		ledgerKey: 'xobinAssessmentInvites',
		notFound: assessmentNotFound,
		...checkInXobin(
			'an assessment',
			(body) => `open assessment ${String(body.assessment_id)} in Xobin and look for the candidate`,
		),
	},
});
