// Candidate → Cancel Deletion: POST /candidate/deletion/cancel for each item, with the task_id
// Delete returned. It works only within the 7 days before Xobin deletes the candidate for good.

import type { IDataObject } from 'n8n-workflow';

import { quote } from '../../transport/text';
import { operation } from '../operation';
import { DELETION_DELAY_DAYS } from './delete.operation';
import { textField } from '../commonFields';

export const { fields, description, execute } = operation({
	resource: 'candidate',
	operation: 'cancelDeletion',
	fields: [
		// Xobin's task IDs are strings: sent as text, never turned into a number.
		textField({ type: 'body', property: 'task_id' }, 'text', {
			displayName: 'Task ID',
			name: 'taskId',
			placeholder: 'e.g. 3f2a9c1e-5d7b-4e8a-9b0c-1d2e3f4a5b6c',
			description: `The task_id that Candidate → Delete returned. Works only within ${DELETION_DELAY_DAYS} days of the deletion request.`,
		}),
	],
	once: ({ body }) => ({
		ledger: 'xobinCancelledDeletions',
		key: String(body.task_id),
		mayHave: `cancelled deletion task ${quote(body.task_id)}`,
		check:
			"Check in Xobin that the candidate is still there. Running this item again after a cancellation that went through answers 'no deletion found'.",
	}),
	request: ({ body }) => ({
		method: 'POST',
		endpoint: '/candidate/deletion/cancel',
		body,
		requires: ['success'],
		// Xobin's documented answer is {"success": false, "error": "Invalid task ID or no deletion found"}.
		refusals: [
			{
				said: /invalid\s+task\s+id|no\s+deletion\s+found/i,
				message: `Xobin found no deletion to cancel for task ID ${quote(body.task_id)}`,
				fix: `The ${DELETION_DELAY_DAYS}-day window may have passed (the candidate is then deleted for good), the deletion may already be cancelled, or the task ID is wrong: use the task_id that Candidate → Delete returned.`,
			},
		],
		lostAnswer: `So Xobin may have cancelled the deletion anyway; sent again, it would answer 'no deletion found'. Check in Xobin that the candidate is still there before running this item again.`,
	}),
	output: ({ body: answer }, { body }) => ({ ...(answer as IDataObject), task_id: body.task_id }),
});
