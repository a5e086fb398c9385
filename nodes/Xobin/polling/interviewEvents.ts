// AI Interview → Interview Completed for the Xobin Polling Trigger: GET
// /ai-interviews/invited/<ai_interview_id> (one request, Xobin does not page it) and, with Include
// Report, GET /ai-interviews/report/<response_id> for each new completion. Static data keeps the
// response_ids that were Completed at the previous poll (about 6 bytes each); a poll emits the
// Completed ones not among them. The first production poll only remembers them. A failed request
// (the list or a report) throws before static data changes, so the next poll emits them instead.
// Manual runs (Fetch Test Event) return the most recent completion and leave static data alone.

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { reportNotFound } from '../actions/aiInterview/common';
import { httpDateToIso } from '../helpers/dates';
import { aiInterviewNotFound } from '../helpers/productIdFields';
import { xobinRequest } from '../transport';

/** Include Report asks for this many reports at the same time. */
const REPORTS_AT_ONCE = 4;

interface InterviewState {
	interview: string;
	completed: Array<string | number>;
}

function readInterviewId(context: IPollFunctions): string {
	const raw = context.getNodeParameter('aiInterviewId', '') as unknown;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^[0-9]+$/.test(value) || Number(value) < 1) {
		throw new NodeOperationError(
			context.getNode(),
			value === ''
				? 'No AI Interview ID is given'
				: `The AI Interview ID ${JSON.stringify(value)} is not an interview number`,
			{
				description:
					"Type the number of the AI interview: open the interview in Xobin's AI Interviews dashboard to find it.",
			},
		);
	}
	return String(Number(value));
}

async function withReport(context: IPollFunctions, entry: IDataObject): Promise<IDataObject> {
	const responseId = String(entry.response_id);
	const response = await xobinRequest(context, {
		method: 'GET',
		endpoint: `/ai-interviews/report/${encodeURIComponent(responseId)}`,
		idempotent: true,
		notFound: reportNotFound(responseId),
	});
	return { ...entry, ...(response.body as IDataObject), last_updated_at: entry.last_updated_at };
}

export async function pollInterview(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const interviewId = readInterviewId(this);
	const includeReport = this.getNodeParameter('includeReport', false) === true;
	const response = await xobinRequest(this, {
		method: 'GET',
		endpoint: `/ai-interviews/invited/${interviewId}`,
		expect: 'list',
		idempotent: true,
		notFound: aiInterviewNotFound(interviewId),
	});
	const completed = (response.body as unknown[])
		.filter(
			(entry): entry is IDataObject =>
				entry !== null &&
				typeof entry === 'object' &&
				!Array.isArray(entry) &&
				(entry as IDataObject).response_id != null &&
				/^completed$/i.test(String((entry as IDataObject).invite_status ?? '').trim()),
		)
		.map(
			(entry): IDataObject => ({
				event: 'interviewCompleted',
				...entry,
				last_updated_at: httpDateToIso(entry.last_updated_at) as string,
			}),
		);
	const emit = async (entries: IDataObject[]) => {
		if (entries.length === 0) return null;
		const items: INodeExecutionData[] = [];
		// Reports a few at a time: a poll after a long pause may find many completions.
		for (let start = 0; start < entries.length; start += REPORTS_AT_ONCE) {
			const batch = entries.slice(start, start + REPORTS_AT_ONCE);
			const jsons = includeReport
				? await Promise.all(batch.map(async (entry) => await withReport(this, entry)))
				: batch;
			items.push(...jsons.map((json) => ({ json })));
		}
		return [items];
	};

	if (this.getMode() === 'manual') {
		const newest = [...completed].sort(
			(a, b) => Date.parse(String(b.last_updated_at)) - Date.parse(String(a.last_updated_at)),
		)[0];
		if (!newest) {
			throw new NodeOperationError(
				this.getNode(),
				`No candidate has completed AI interview ${interviewId} yet`,
				{
					description:
						'Fetch Test Event shows the most recent completion as a sample. The active workflow will still start for the next one.',
				},
			);
		}
		return await emit([newest]);
	}

	const data = this.getWorkflowStaticData('node');
	const state = data as Partial<InterviewState>;
	const ids = completed.map((entry) => entry.response_id as string | number);
	if (state.interview !== interviewId || !Array.isArray(state.completed)) {
		Object.assign(data, { interview: interviewId, completed: ids });
		return null;
	}
	const before = new Set(state.completed.map(String));
	const output = await emit(completed.filter((entry) => !before.has(String(entry.response_id))));
	Object.assign(data, { interview: interviewId, completed: ids });
	return output;
}
