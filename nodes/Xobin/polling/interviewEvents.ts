// AI Interview → Interview Completed for the Xobin Polling Trigger: GET
// /ai-interviews/invited/<ai_interview_id> (Xobin does not page it) and, with Include Report, GET
// /ai-interviews/report/<response_id> for each new completion. Static data keeps the response_ids
// that were Completed at the previous poll; a poll emits the Completed ones not among them, and the
// first production poll only remembers them. A failed request throws before static data changes,
// so the next poll emits them instead. Fetch Test Event returns the most recent completion.

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invitedInterviewField, readInvited, readReport } from '../actions/aiInterview/common';
import { readFields, triggerSource } from '../helpers/fields';
import { forEachInPool } from '../helpers/pacer';

const REPORTS_AT_ONCE = 4;

export async function pollInterview(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { path } = readFields(triggerSource(this), [invitedInterviewField]);
	const interviewId = String(path.ai_interview_id);
	const includeReport = this.getNodeParameter('includeReport', false) === true;
	const { invitees } = await readInvited(this, interviewId);
	const completed = invitees
		.filter((entry) => /^completed$/i.test(String(entry.invite_status ?? '').trim()))
		.map((entry): IDataObject => ({ event: 'interviewCompleted', ...entry }));
	const emit = async (entries: IDataObject[]) => {
		if (entries.length === 0) return null;
		// Reports a few at a time: a poll after a long pause may find many completions.
		if (includeReport)
			await forEachInPool(entries.length, REPORTS_AT_ONCE, async (index) => {
				const entry = entries[index];
				const report = (await readReport(this, entry.response_id)).body as IDataObject;
				entries[index] = { ...entry, ...report, last_updated_at: entry.last_updated_at };
			});
		return [entries.map((json) => ({ json }))];
	};

	if (this.getMode() === 'manual') {
		const newest = [...completed].sort(
			(a, b) => Date.parse(String(b.last_updated_at)) - Date.parse(String(a.last_updated_at)),
		)[0];
		if (!newest)
			throw new NodeOperationError(
				this.getNode(),
				`No candidate has completed AI interview ${interviewId} yet`,
				{
					description:
						'Fetch Test Event shows the most recent completion as a sample. The active workflow will still start for the next one.',
				},
			);
		return await emit([newest]);
	}

	const state = this.getWorkflowStaticData('node') as { interview?: string; completed?: unknown[] };
	const before = state.interview === interviewId && Array.isArray(state.completed);
	const known = new Set(before ? state.completed?.map(String) : []);
	const output = before
		? await emit(completed.filter((entry) => !known.has(String(entry.response_id))))
		: null;
	Object.assign(state, { interview: interviewId, completed: completed.map((e) => e.response_id) });
	return output;
}
