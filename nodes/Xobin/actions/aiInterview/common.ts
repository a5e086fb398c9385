// What AI Interview reports are like: the Response ID field (the key of reports, share links and
// PDFs), how a report Xobin cannot find is explained, share-link bounds and file names.

import { idField } from '../../helpers/fields';
import type { NotFound } from '../../transport/types';
import type { ReportKind } from '../reports';

/** How a 404 on a report, share link or PDF reads: which response, and where to find the right one. */
export function reportNotFound(responseId: unknown): NotFound {
	return {
		what: `a report for response ID ${String(responseId)}`,
		fix: 'Check the Response ID: Invite Candidate returns it as response_id, and Get Many Invited Candidates lists those of an interview. The API key must belong to the Xobin account that owns the interview.',
	};
}

/** AI-interview reports: share links last 1 minute to 24 hours. */
export const AI_INTERVIEW_REPORTS: ReportKind = {
	resource: 'aiInterview',
	noun: 'AI interview',
	finishedEvent: 'AI Interview Completed',
	finishes: 'finish',
	scoreKey: 'score',
	idField: idField(
		{ type: 'path', property: 'response_id' },
		{
			displayName: 'Response ID',
			name: 'responseId',
			placeholder: 'e.g. 7421',
			description:
				"Xobin's number for one candidate's attempt at an AI interview. Invite Candidate returns it as response_id; Get Many Invited Candidates and the Xobin Trigger do too.",
		},
	),
	endpoint: '/ai-interviews/report/{response_id}/{option}',
	shortestLink: {
		hours: 1 / 60,
		text: 'between 1 minute (0.0167) and 24 hours',
		hint: 'Xobin accepts 1 minute to 24 hours. Enter hours as a number: 0.5 is 30 minutes, 2 is two hours, 24 is a full day.',
		description:
			'How long the link works, in hours: from 1 minute (0.0167) to 24 hours. Decimals are fine, e.g. 0.5 for 30 minutes.',
	},
	fileName: 'xobin-ai-interview-report',
	notFound: reportNotFound,
};
