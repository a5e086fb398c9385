// AI Interview → Get Many Invited Candidates: GET /ai-interviews/invited/<ai_interview_id>, one item
// per candidate. Xobin returns the whole list at once, so the status filter and limit apply here.
// The list has no names: Add Candidate Details reads each report (a 404 gives details_error).

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { AdaptivePacer, forEachInPool } from '../../helpers/pacer';
import { readReportState } from '../../helpers/reportState';
import { DEFAULT_CONCURRENCY } from '../../invite/options';
import { operation } from '../operation';
import { invitedInterviewField, readInvited, readReport } from './common';

export const { fields, description, execute } = operation({
	resource: 'aiInterview',
	operation: 'getManyInvited',
	fields: [invitedInterviewField],
	list: true,
	own: {
		filters: [
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
		options: [
			{
				displayName: 'Add Candidate Details',
				name: 'addDetails',
				type: 'boolean',
				default: false,
				description: `Whether to add each candidate's name, email, status, score and report link from their report (Xobin's list has no names). Costs one request per candidate returned, ${DEFAULT_CONCURRENCY} at a time, retried when Xobin is busy.`,
			},
		],
	},
	async run({ path, itemIndex, limit }) {
		const statuses = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject).inviteStatus;
		const wanted = (Array.isArray(statuses) ? statuses : []).map((status) =>
			String(status).toLowerCase(),
		);
		const interviewId = path.ai_interview_id;
		const { invitees, skipped } = await readInvited(this, interviewId, itemIndex);
		if (skipped > 0) {
			this.addExecutionHints({
				message: `Skipped ${skipped} of the ${invitees.length + skipped} entries Xobin listed for AI interview ${String(interviewId)} (item ${itemIndex}): they are not candidates with a response_id.`,
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
		const rows = matching.slice(0, limit);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		if (options.addDetails === true) await addDetails(this, rows, itemIndex);
		return rows;
	},
});

/** Adds each candidate's report details, through one pacer; a failure fails the item. */
async function addDetails(
	context: IExecuteFunctions,
	rows: IDataObject[],
	itemIndex: number,
): Promise<void> {
	const pacer = new AdaptivePacer(DEFAULT_CONCURRENCY);
	let missing = 0;
	await forEachInPool(rows.length, DEFAULT_CONCURRENCY, async (index) => {
		const row = rows[index];
		const responseId = String(row.response_id);
		const response = await readReport(context, responseId, {
			itemIndex,
			pacer,
			passThrough: (answer) =>
				answer.statusCode === 404 || readReportState(answer, 'score') !== undefined,
		}).catch((error: Error) => {
			pacer.close(error);
			throw error;
		});
		// Undefined only for a 404 that does not say "not finished yet" (passThrough lets nothing else by).
		const state = readReportState(response, 'score');
		const report = state?.report ?? {};
		row.name = report.candidate_name ?? null;
		row.email = report.candidate_email ?? null;
		if (typeof report.invite_status === 'string') row.invite_status = report.invite_status;
		row.score = report.score ?? null;
		row.report_link = report.report_link ?? null;
		row.report_ready = state?.ready ?? false;
		if (!state) {
			missing++;
			row.details_error = `Xobin has no report for response ID ${responseId} (404), so its details are missing`;
		}
	});
	if (missing > 0) {
		context.addExecutionHints({
			message: `Xobin had no report for ${missing} of ${rows.length} invited candidates (item ${itemIndex}): they come out without details, with details_error.`,
			location: 'outputPane',
		});
	}
}
