// What several AI Interview operations share: the Response ID field (the key of reports, share
// links and PDFs) and the way a report Xobin cannot find is explained.

import type { IDisplayOptions } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import type { NotFound } from '../../transport/types';

/** Show a property only for one operation of the AI Interview resource. */
export function forOperation(operation: string): IDisplayOptions {
	return { show: { resource: ['aiInterview'], operation: [operation] } };
}

export const responseIdField: Field = {
	send: { type: 'path', property: 'response_id' },
	check: 'id',
	property: {
		displayName: 'Response ID',
		name: 'responseId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 7421',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			"Xobin's number for one candidate's attempt at an AI interview. Invite Candidate returns it as response_id; Get Many Invited Candidates and the Xobin Trigger do too.",
	},
};

/** How a 404 on a report, share link or PDF reads: which response, and where to find the right one. */
export function reportNotFound(responseId: unknown): NotFound {
	return {
		what: `a report for response ID ${String(responseId)}`,
		fix: 'Check the Response ID: Invite Candidate returns it as response_id, and Get Many Invited Candidates lists those of an interview. The API key must belong to the Xobin account that owns the interview.',
	};
}
