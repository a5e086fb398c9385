// A report is one candidate's attempt at an AI interview or an assessment, and Xobin treats both
// alike: a signed share link, a PDF, and a "not finished yet" state. Each product describes its
// reports once as data (ReportKind, in its resource's common.ts); Get Shareable Report Link,
// Download Report PDF and the not-ready part of Get Report are built here from that description.

import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../helpers/fields';
import { runPerItem } from '../helpers/outputs';
import { binaryFieldProperty, readBinaryFieldName, toPdfItem } from '../helpers/reportPdf';
import type { ReportState } from '../helpers/reportState';
import { NOT_COMPLETED_PATTERN } from '../helpers/reportState';
import { xobinRequest } from '../transport';
import type { KnownRefusal, NotFound } from '../transport/types';

const MAX_EXPIRATION_HOURS = 24;

/** What differs between AI-interview and assessment reports. */
export interface ReportKind {
	/** The resource value, e.g. 'aiInterview'. */
	resource: string;
	/** In sentences: 'AI interview', 'assessment'. */
	noun: string;
	/** What the candidate does last: 'finish', 'submit it'. */
	finishes: string;
	/** The Xobin Trigger event that says a candidate finished: 'AI Interview Completed'. */
	finishedEvent: string;
	/** The report's ID field, sent in the path (response_id, report_id). */
	idField: Field;
	/** The share and download endpoints, with `{option}` for share / download. */
	endpoint: string;
	/** The shortest link Xobin allows, in hours, and how the field's texts say it. */
	shortestLink: { hours: number; text: string; hint: string; description: string };
	/** The file name when Xobin sends none, before the id: 'xobin-ai-interview-report'. */
	fileName: string;
	notFound(id: unknown): NotFound;
}

type Operation = {
	/** The declared fields (the field tables in docs/operations.md are generated from them). */
	fields: Field[];
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
};

function forOperation(kind: ReportKind, operation: string): IDisplayOptions {
	return { show: { resource: [kind.resource], operation: [operation] } };
}

/** Xobin's "not finished yet" on a share link or PDF: said in the product's words, with what to do. */
function notFinished(kind: ReportKind): KnownRefusal {
	return {
		said: NOT_COMPLETED_PATTERN,
		message: `The candidate has not finished this ${kind.noun} yet`,
		fix: `Xobin has a report, a share link and a PDF only once the candidate has completed the ${kind.noun} and the evaluation is done. Check the status with 'Get Report' (it returns the status instead of stopping), or start this workflow from the Xobin Trigger's '${kind.finishedEvent}' event.`,
	};
}

function idOf(kind: ReportKind, path: Record<string, unknown>): unknown {
	return path[kind.idField.send.property];
}

/** Get Shareable Report Link: a signed, time-limited URL that opens without a Xobin login. */
export function shareLinkOperation(kind: ReportKind): Operation {
	const { hours, text, hint, description } = kind.shortestLink;
	const fields: Field[] = [
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
	];
	return {
		fields,
		description: toNodeProperties(fields, forOperation(kind, 'getShareLink')),
		async execute(items) {
			return await runPerItem(this, items, async (itemIndex, source) => {
				const { path, body } = readFields(source, fields);
				// A new signed link changes nothing else in Xobin, so a lost answer may be asked again.
				const response = await xobinRequest(this, {
					method: 'POST',
					endpoint: fillPath(kind.endpoint, { ...path, option: 'share' }),
					body,
					itemIndex,
					idempotent: true,
					refusals: [notFinished(kind)],
					requires: ['signed_url'],
					notFound: kind.notFound(idOf(kind, path)),
				});
				return [
					{ json: response.body as INodeExecutionData['json'], pairedItem: { item: itemIndex } },
				];
			});
		},
	};
}

/** Download Report PDF: the PDF as binary data next to the input item's fields. */
export function downloadPdfOperation(kind: ReportKind): Operation {
	const displayOptions = forOperation(kind, 'downloadReportPdf');
	const fields: Field[] = [kind.idField];
	return {
		fields,
		description: [...toNodeProperties(fields, displayOptions), binaryFieldProperty(displayOptions)],
		async execute(items) {
			return await runPerItem(this, items, async (itemIndex, source) => {
				const { path } = readFields(source, fields);
				const field = readBinaryFieldName(this, itemIndex);
				const id = idOf(kind, path);
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

/** Get Report's words for a report the candidate has not finished: its status, and Xobin's. */
export function notReadyMessage(kind: ReportKind, state: ReportState & { ready: false }): string {
	const said = state.said ? ` Xobin said: "${state.said}".` : '';
	return `The candidate has not completed this ${kind.noun} yet (status: ${state.status}). The report is available once they ${kind.finishes} and Xobin has evaluated it.${said}`;
}
