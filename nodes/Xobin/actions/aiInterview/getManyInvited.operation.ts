// AI Interview → Get Many Invited Candidates: GET /ai-interviews/invited/<ai_interview_id> for each item, one
// output item per invited candidate. Xobin returns the whole list at once (no paging, no filters),
// so the status filter and the limit are applied here; last_updated_at becomes ISO 8601.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { aiInterviewIdField, aiInterviewNotFound } from '../../helpers/productIdFields';
import type { Field } from '../../helpers/fields';
import { fillPath, readFields, returnAllProperties, toNodeProperties } from '../../helpers/fields';
import { httpDateToIso } from '../../helpers/dates';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import { forOperation } from './common';

const displayOptions = forOperation('getManyInvited');

export const invitedFields: Field[] = [
	aiInterviewIdField({ sendIn: 'path', placeholder: 'e.g. 211' }),
];

export const description: INodeProperties[] = [
	...toNodeProperties(invitedFields, displayOptions),
	...returnAllProperties(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Invite Status',
				name: 'inviteStatus',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Completed', value: 'Completed' },
					{ name: 'Pending', value: 'Pending' },
					{ name: 'Started', value: 'Started' },
				],
				description:
					'Return only candidates with one of these statuses. Xobin has no server-side filter, so the node filters the full list.',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path } = readFields(source, invitedFields);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const statuses = filters.inviteStatus;
		const wanted = (Array.isArray(statuses) ? statuses : []).map((status) =>
			String(status).toLowerCase(),
		);
		const response = await xobinRequest(this, {
			method: 'GET',
			endpoint: fillPath('/ai-interviews/invited/{ai_interview_id}', path),
			itemIndex,
			expect: 'list',
			idempotent: true,
			notFound: aiInterviewNotFound(path.ai_interview_id),
		});
		// Entries that are not candidates (null, text, no response_id) are skipped, and the user told.
		const entries = response.body as unknown[];
		const invitees = entries.filter(
			(entry): entry is IDataObject =>
				entry !== null &&
				typeof entry === 'object' &&
				!Array.isArray(entry) &&
				(entry as IDataObject).response_id != null,
		);
		if (invitees.length < entries.length) {
			this.addExecutionHints({
				message: `Skipped ${entries.length - invitees.length} of the ${entries.length} entries Xobin listed for AI interview ${String(path.ai_interview_id)} (item ${itemIndex}): they are not candidates with a response_id.`,
				location: 'outputPane',
			});
		}
		const matching = invitees.filter(
			(invitee) =>
				wanted.length === 0 || wanted.includes(String(invitee.invite_status ?? '').toLowerCase()),
		);
		if (matching.length > limit) {
			this.addExecutionHints({
				message: `Returned the first ${limit} of ${matching.length} invited candidates (item ${itemIndex}). Turn on 'Return All' or raise 'Limit' to get them all.`,
				location: 'outputPane',
			});
		}
		return matching.slice(0, limit).map((invitee) => {
			const json: IDataObject = { ...invitee };
			if (json.last_updated_at !== undefined)
				json.last_updated_at = httpDateToIso(json.last_updated_at) as string;
			return { json, pairedItem: { item: itemIndex } };
		});
	});
}
