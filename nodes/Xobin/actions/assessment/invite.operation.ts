// Assessment → Invite Candidate: each item's candidate, many per request (Xobin's bulk invite, POST
// /assessment/invite, up to 500; one candidate alone goes to POST /assessments/invite). Invited
// candidates leave on the first output with their own invite link, found in Xobin's answer by
// email; once the account runs out of invites, the rest leave on the second. Xobin documents no list
// of an assessment's invitees, so an invite whose answer was lost cannot be proven: those
// candidates are uncertain and not sent again.

import type { IDataObject } from 'n8n-workflow';

import { assessmentIdField, assessmentNotFound } from '../../helpers/productIdFields';
import { inviteOperation } from '../../invite/operation';
import { checkInXobin } from '../../invite/product';
import { gmtDateField, inviteFields } from '../commonFields';

/** Xobin's most candidates per bulk request. */
const MAX_BATCH_SIZE = 500;

/**
 * Candidates per request unless the user picks another size. One lost answer (timeout, broken
 * connection, server error) leaves every candidate of its request uncertain, with no way to check
 * them by API: 100 keeps that to 100 rows while 5,000 rows still take 50 requests (docs/performance.md, bench).
 */
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
