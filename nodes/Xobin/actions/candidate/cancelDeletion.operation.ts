// Candidate → Cancel Deletion: POST /candidate/deletion/cancel for each item, with the task_id
// Delete returned. It works only within the 7 days before Xobin deletes the candidate for good.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { readFields, toNodeProperties } from '../../helpers/fields';
import { oncePerExecution } from '../../helpers/once';
import { runPerItem } from '../../helpers/outputs';
import { quote } from '../../transport/text';
import { xobinRequest } from '../../transport';
import { DELETION_DELAY_DAYS, forOperation } from './common';

const displayOptions = forOperation('cancelDeletion');

export const cancelDeletionFields: Field[] = [
	{
		// Xobin's task IDs are strings: sent as text, never turned into a number.
		send: { type: 'body', property: 'task_id' },
		check: 'text',
		property: {
			displayName: 'Task ID',
			name: 'taskId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 3f2a9c1e-5d7b-4e8a-9b0c-1d2e3f4a5b6c',
			description: `The task_id that Candidate → Delete returned. Works only within ${DELETION_DELAY_DAYS} days of the deletion request.`,
		},
	},
];

export const description: INodeProperties[] = [
	...toNodeProperties(cancelDeletionFields, displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { body } = readFields(source, cancelDeletionFields);
		const taskId = quote(body.task_id);
		const answer = await oncePerExecution(
			this,
			{
				ledger: 'xobinCancelledDeletions',
				key: String(body.task_id),
				itemIndex,
				mayHave: `cancelled deletion task ${taskId}`,
				check:
					"Check in Xobin that the candidate is still there. Running this item again after a cancellation that went through answers 'no deletion found'.",
			},
			async () => {
				const response = await xobinRequest(this, {
					method: 'POST',
					endpoint: '/candidate/deletion/cancel',
					body,
					itemIndex,
					requires: ['success'],
					// Xobin's documented answer is {"success": false, "error": "Invalid task ID or no deletion found"}.
					refusals: [
						{
							said: /invalid\s+task\s+id|no\s+deletion\s+found/i,
							message: `Xobin found no deletion to cancel for task ID ${taskId}`,
							fix: `The ${DELETION_DELAY_DAYS}-day window may have passed (the candidate is then deleted for good), the deletion may already be cancelled, or the task ID is wrong: use the task_id that Candidate → Delete returned.`,
						},
					],
					lostAnswer: `So Xobin may have cancelled the deletion anyway; sent again, it would answer 'no deletion found'. Check in Xobin that the candidate is still there before running this item again.`,
				});
				return { ...(response.body as IDataObject), task_id: body.task_id };
			},
		);
		return [{ json: answer, pairedItem: { item: itemIndex } }];
	});
}
