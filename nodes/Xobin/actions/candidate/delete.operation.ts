// Candidate → Delete: POST /candidate/delete for each item. Xobin does not delete at once: it
// schedules the permanent deletion 7 days later and returns a task_id, which Cancel Deletion takes
// to undo it until then. The output adds when that is (the node's estimate) and how to undo it. A
// second request would schedule another task, so a request that may have reached Xobin is never
// sent again, and n8n's Retry On Fail gets the first answer back.

import type { IDataObject } from 'n8n-workflow';

import { emailKey } from '../../helpers/ledger';
import { quote } from '../../transport/text';
import { operation } from '../operation';
import { textField } from '../commonFields';

/** Xobin keeps a candidate for this many days after a deletion request; Cancel Deletion works until then. */
export const DELETION_DELAY_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

const NOT_FOUND_FIX =
	'Check the email address: it must be the one the candidate has in Xobin. The candidate may also have been deleted already.';

export const { fields, description, execute } = operation({
	resource: 'candidate',
	operation: 'delete',
	fields: [
		textField({ type: 'body', property: 'email' }, 'email', {
			displayName: 'Email',
			name: 'email',
			placeholder: 'e.g. alex.tanaka@example.com',
			description: `Email address of the candidate in Xobin. Xobin deletes the candidate permanently ${DELETION_DELAY_DAYS} days later; until then Cancel Deletion can undo it.`,
		}),
	],
	properties: ({ fields, displayOptions }) => [
		{
			displayName: `Xobin deletes the candidate and all their data permanently ${DELETION_DELAY_DAYS} days after this request. Keep the task_id from the output: Cancel Deletion needs it to undo the deletion within those ${DELETION_DELAY_DAYS} days.`,
			name: 'deleteNotice',
			type: 'notice',
			default: '',
			displayOptions,
		},
		...fields,
	],
	once: ({ body }) => ({
		ledger: 'xobinCandidateDeletions',
		key: emailKey(body.email),
		mayHave: `scheduled the deletion of ${quote(body.email)}`,
		check: `Look the candidate up in Xobin before running this item again. If the deletion was scheduled, its task ID was lost with the answer: ask Xobin support to cancel it if it was a mistake.`,
	}),
	request: ({ body }) => ({
		method: 'POST',
		endpoint: '/candidate/delete',
		body,
		requires: ['task_id'],
		// Xobin's documented answer is {"success": false, "error": "Candidate not found"}, status unstated.
		refusals: [
			{
				said: /candidate\s+not\s+found/i,
				message: `Xobin has no candidate with the email ${quote(body.email)}`,
				fix: NOT_FOUND_FIX,
			},
		],
		notFound: { what: `a candidate with the email ${quote(body.email)}`, fix: NOT_FOUND_FIX },
		lostAnswer: `So Xobin may have scheduled the deletion of ${quote(body.email)} anyway, and its task ID (which Cancel Deletion needs) was lost with the answer. Look the candidate up in Xobin before running this item again.`,
	}),
	output: ({ body: answer }, { body }) => ({
		...(answer as IDataObject),
		email: body.email,
		deletion_scheduled_for: new Date(Date.now() + DELETION_DELAY_DAYS * DAY_MS).toISOString(),
		note: `Xobin deletes this candidate permanently ${DELETION_DELAY_DAYS} days after the request (deletion_scheduled_for is the node's estimate, not Xobin's). To undo it before then, use Candidate → Cancel Deletion with this task_id.`,
	}),
});
