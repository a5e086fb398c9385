// A report is one candidate's attempt at an AI interview or an assessment, and Xobin treats both
// alike: a signed share link, a PDF, and a "not finished yet" state. Each product describes its
// reports once as data (ReportKind, in its resource's common.ts); Get Shareable Report Link,
// Download Report PDF and the report-reading part of Get Report are built here from that description.

import type { IDataObject } from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../helpers/fields';
import { runPerItem } from '../helpers/outputs';
import { binaryFieldProperty, readBinaryFieldName, toPdfItem } from '../helpers/reportPdf';
import type { ReportState } from '../helpers/reportState';
import { NOT_COMPLETED_PATTERN, readReportState } from '../helpers/reportState';
import { xobinRequest } from '../transport';
import type { KnownRefusal, NotFound, XobinResponse } from '../transport/types';
import type { Operation } from './operation';
import { forOperation, operation } from './operation';

const MAX_EXPIRATION_HOURS = 24;

/** What differs between AI-interview and assessment reports. */
export interface ReportKind {
	resource: string;
	/** In sentences: 'AI interview', 'assessment'. */
	noun: string;
	/** What the candidate does last: 'finish', 'submit it'. */
	finishes: string;
	/** The Xobin Trigger event that says a candidate finished: 'AI Interview Completed'. */
	finishedEvent: string;
	/** The key whose value makes a report finished: 'score', 'overall_percentage'. */
	scoreKey: string;
	idField: Field;
	/** The share and download endpoints, with `{option}` for share / download. */
	endpoint: string;
	/** The shortest link Xobin allows, in hours, and how the field's texts say it. */
	shortestLink: { hours: number; text: string; hint: string; description: string };
	/** The file name when Xobin sends none, before the id: 'xobin-ai-interview-report'. */
	fileName: string;
	notFound(id: unknown): NotFound;
}

/** Xobin's "not finished yet" on a share link or PDF: said in the product's words, with what to do. */
function notFinished(kind: ReportKind): KnownRefusal {
	return {
		said: NOT_COMPLETED_PATTERN,
		message: `The candidate has not finished this ${kind.noun} yet`,
		fix: `Xobin has a report, a share link and a PDF only once the candidate has completed the ${kind.noun} and the evaluation is done. Check the status with 'Get Report' (it returns the status instead of stopping), or start this workflow from the Xobin Trigger's '${kind.finishedEvent}' event.`,
	};
}

/** Get Shareable Report Link: a signed, time-limited URL that opens without a Xobin login. */
export function shareLinkOperation(kind: ReportKind): Operation {
	const { hours, text, hint, description } = kind.shortestLink;
	return operation({
		resource: kind.resource,
		operation: 'getShareLink',
		fields: [
			kind.idField,
			{
				send: { type: 'body', property: 'expiration_hours' },
				check: 'hours',
				range: { min: hours, max: MAX_EXPIRATION_HOURS, text, hint },
				property: {
					displayName: 'Expiration (Hours)',
					name: 'expirationHours',
					type: 'number',
					required: true,
					default: 1,
					// The editor's bound, at the field's four decimals: 1/60 shows as 0.0167.
					typeOptions: {
						minValue: Math.ceil(hours * 1e4) / 1e4,
						maxValue: MAX_EXPIRATION_HOURS,
						numberPrecision: 4,
					},
					description,
				},
			},
		],
		// A new signed link changes nothing else in Xobin, so a lost answer may be asked again.
		request: ({ path, body }) => ({
			method: 'POST',
			endpoint: kind.endpoint.replace('{option}', 'share'),
			body,
			idempotent: true,
			refusals: [notFinished(kind)],
			requires: ['signed_url'],
			notFound: kind.notFound(path[kind.idField.send.property]),
		}),
	});
}

/** Download Report PDF: the PDF as binary data next to the input item's fields. */
export function downloadPdfOperation(kind: ReportKind): Operation {
	const displayOptions = forOperation(kind.resource, 'downloadReportPdf');
	const fields: Field[] = [kind.idField];
	return {
		fields,
		description: [...toNodeProperties(fields, displayOptions), binaryFieldProperty(displayOptions)],
		async execute(items) {
			return await runPerItem(this, items, async (itemIndex, source) => {
				const { path } = readFields(source, fields);
				const field = readBinaryFieldName(this, itemIndex);
				const id = path[kind.idField.send.property];
				const response = await xobinRequest(this, {
					method: 'POST',
					endpoint: fillPath(kind.endpoint, { ...path, option: 'download' }),
					itemIndex,
					expect: 'pdf',
					idempotent: true,
					refusals: [notFinished(kind)],
					notFound: kind.notFound(id),
				});
				const fallbackName = `${kind.fileName}-${String(id)}.pdf`;
				return [await toPdfItem(this, items[itemIndex], itemIndex, field, response, fallbackName)];
			});
		},
	};
}

/** Whether Get Report reads this answer itself: a report, finished or not (readReportState). */
export function isReport(kind: ReportKind): (response: XobinResponse) => boolean {
	return (response) => readReportState(response, kind.scoreKey) !== undefined;
}

/**
 * Get Report's output: what was asked for and the report, whole or `simplified`, with report_ready;
 * a report the candidate has not finished gives its status and a message, not an error.
 */
export function reportOutput(
	kind: ReportKind,
	response: XobinResponse,
	asked: IDataObject,
	simplified: false | ((report: IDataObject) => IDataObject),
): IDataObject {
	const state = readReportState(response, kind.scoreKey) as ReportState;
	const report = { ...asked, ...state.report };
	const json: IDataObject = simplified ? simplified(report) : { ...report };
	json.report_ready = state.ready;
	if (!state.ready) {
		json.invite_status = state.status;
		const said = state.said ? ` Xobin said: "${state.said}".` : '';
		json.message = `The candidate has not completed this ${kind.noun} yet (status: ${state.status}). The report is available once they ${kind.finishes} and Xobin has evaluated it.${said}`;
	}
	return json;
}
