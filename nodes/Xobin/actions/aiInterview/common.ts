// What AI Interview reports are like (ReportKind), and the readers of an interview's invited list
// and of one report, which the Polling Trigger shares.

import type { IDataObject } from 'n8n-workflow';

import { httpDateToIso } from '../../helpers/dates';
import { idField } from '../../helpers/fields';
import { aiInterviewIdField, aiInterviewNotFound } from '../../helpers/productIdFields';
import { xobinRequest } from '../../transport';
import type { NotFound, XobinContext, XobinRequest, XobinResponse } from '../../transport/types';
import { asObject } from '../operation';
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

/** The AI Interview ID of Get Many Invited Candidates and of the Polling Trigger. */
export const invitedInterviewField = aiInterviewIdField({
	sendIn: 'path',
	placeholder: 'e.g. 211',
});

/** An interview's invited candidates, and how many entries were not candidates (no response_id). */
export async function readInvited(
	context: XobinContext,
	interviewId: unknown,
	itemIndex?: number,
): Promise<{ invitees: IDataObject[]; skipped: number }> {
	const response = await xobinRequest(context, {
		method: 'GET',
		endpoint: `/ai-interviews/invited/${encodeURIComponent(String(interviewId))}`,
		itemIndex,
		expect: 'list',
		idempotent: true,
		notFound: aiInterviewNotFound(interviewId),
	});
	const entries = (response.body as unknown[]).map(asObject);
	const invitees = entries
		.filter((entry) => entry.response_id != null)
		.map((entry) => {
			const json = { ...entry };
			if (json.last_updated_at !== undefined)
				json.last_updated_at = httpDateToIso(json.last_updated_at) as string;
			return json;
		});
	return { invitees, skipped: entries.length - invitees.length };
}

/** One candidate's report: GET /ai-interviews/report/<response_id>. */
export async function readReport(
	context: XobinContext,
	responseId: unknown,
	request: Partial<XobinRequest> = {},
): Promise<XobinResponse> {
	return await xobinRequest(context, {
		method: 'GET',
		endpoint: `/ai-interviews/report/${encodeURIComponent(String(responseId))}`,
		idempotent: true,
		notFound: reportNotFound(responseId),
		...request,
	});
}
