// How Xobin says whether a report is ready, for AI interviews and assessments alike: a finished
// report, the status of an unfinished one (report_ready: false), or a real failure.

import type { IDataObject } from 'n8n-workflow';

import { readXobinMessage } from '../transport/errors';
import type { XobinResponse } from '../transport/types';

/** How Xobin may word "the candidate has not finished yet" on report, share and PDF calls. */
export const NOT_COMPLETED_PATTERN =
	/\bnot\s+(yet\s+)?(been\s+)?(complete|completed|finished|submitted|evaluated|ready)\b|\bin\s+progress\b|\bstill\s+being\s+evaluated\b/i;

const NOT_COMPLETED = 'Not completed';

export type ReportState =
	| { ready: true; report: IDataObject }
	| { ready: false; report: IDataObject; status: string; said?: string };

/** Unfinished is said with a 2xx (invite_status "Pending", or no `scoreKey` yet) or with a 4xx. */
export function readReportState(
	response: XobinResponse,
	scoreKey: string,
): ReportState | undefined {
	const { body, statusCode } = response;
	if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body))
		return undefined;
	const report = body as IDataObject;
	const status = typeof report.invite_status === 'string' ? report.invite_status.trim() : undefined;
	const completed = status !== undefined && /^completed$/i.test(status);
	if (statusCode < 300) {
		const scored = report[scoreKey] !== undefined && report[scoreKey] !== null;
		if (completed || (status === undefined && (scored || Boolean(report.completed_date))))
			return { ready: true, report };
		// Without invite_status and without scores: the job-style `status` if Xobin sent one.
		const word = typeof report.status === 'string' ? report.status.trim() : '';
		return { ready: false, report, status: status ?? (word || NOT_COMPLETED) };
	}
	if (statusCode < 400 || statusCode >= 500 || completed) return undefined;
	const said = readXobinMessage(report) ?? '';
	if (status === undefined && !NOT_COMPLETED_PATTERN.test(said)) return undefined;
	// Xobin's wording goes into the node's own message; the rest (ids, status) is kept.
	const rest = { ...report };
	delete rest.error;
	delete rest.message;
	return { ready: false, report: rest, status: status ?? NOT_COMPLETED, said: said || undefined };
}
