// AI Interview → Get Report: GET /ai-interviews/report/<response_id> (or ?custom_field_id=) for each
// item. A finished interview gives the report, whole or simplified to the columns people keep in a
// sheet; one the candidate has not finished yet gives its status (report_ready: false), not an error.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import {
	BEFORE_PICKERS,
	fillPath,
	inVersions,
	readFields,
	shownWhen,
	toNodeProperties,
	WITH_PICKERS,
} from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import type { ReportState } from '../../helpers/reportState';
import { readReportState } from '../../helpers/reportState';
import { quote } from '../../transport/text';
import { xobinRequest } from '../../transport';
import { notReadyMessage } from '../reports';
import { AI_INTERVIEW_REPORTS, forOperation, reportNotFound, responseIdField } from './common';

const displayOptions = forOperation('getReport');

const BY_RESPONSE_ID = 'responseId';
const BY_CUSTOM_FIELD_ID = 'customFieldId';

const recordingsField: Field = {
	send: { type: 'query', property: 'is_downloadable' },
	check: 'flag',
	property: {
		displayName: 'Include Recording Download URLs',
		name: 'includeRecordingDownloads',
		type: 'boolean',
		default: false,
		description:
			'Whether Xobin adds download links for the interview recordings (in interview_recording, when recordings exist)',
	},
};

export const reportFields: Field[] = [
	shownWhen(responseIdField, { lookupBy: [BY_RESPONSE_ID] }),
	{
		send: { type: 'query', property: 'custom_field_id' },
		check: 'text',
		property: {
			displayName: 'Custom Field ID',
			name: 'customFieldId',
			displayOptions: { show: { lookupBy: [BY_CUSTOM_FIELD_ID] } },
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. CAND-2025-001',
			description:
				'The Custom Field ID given when the candidate was invited (Invite Candidate → Additional Fields), such as a CRM or sheet row ID',
		},
	},
	// Node versions 1 and 2 show it on the main panel; from 3 it sits under Options.
	inVersions(BEFORE_PICKERS, recordingsField),
	inVersions(WITH_PICKERS, { ...recordingsField, optional: true, collection: 'options' }),
];

const fieldProperties = toNodeProperties(reportFields, displayOptions);

export const description: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: BY_RESPONSE_ID,
		displayOptions,
		options: [
			{
				name: 'Custom Field ID',
				value: BY_CUSTOM_FIELD_ID,
				description: 'Your own ID, set when the candidate was invited',
			},
			{
				name: 'Response ID',
				value: BY_RESPONSE_ID,
				description: "Xobin's number for the candidate's attempt (response_id)",
			},
		],
		description: 'Which ID the report is found by',
	},
	...fieldProperties.filter((property) => property.type !== 'collection'),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description:
			'Whether to return a simplified version of the response instead of the raw data: the IDs, name, email, score, recommendation, integrity score, completion date and report link',
	},
	...fieldProperties.filter((property) => property.type === 'collection'),
];

/**
 * Node version 2 keeps the ten columns people keep in a sheet (report_ready included); version 1
 * kept thirteen, and workflows built with it still get them.
 */
const SIMPLIFIED_V2 = [
	'response_id',
	'custom_field_id',
	'name',
	'email',
	'score',
	'recommendation',
	'integrity_score',
	'completed_date',
	'report_link',
];

/** The report fields Simplify keeps in node version 1, output name → Xobin key, in sheet-column order. */
const SIMPLIFIED: Array<[string, string]> = [
	['response_id', 'response_id'],
	['custom_field_id', 'custom_field_id'],
	['ai_interview_id', 'ai_interview_id'],
	['ai_interview_name', 'ai_interview_name'],
	['name', 'candidate_name'],
	['email', 'candidate_email'],
	['invite_status', 'invite_status'],
	['score', 'score'],
	['recommendation', 'recommendation'],
	['integrity_score', 'integrity_score'],
	['completed_date', 'completed_date'],
	['report_link', 'report_link'],
	['pdf_link', 'pdf_link'],
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path, qs } = readFields(source, reportFields);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const byResponseId = path.response_id !== undefined;
		const response = await xobinRequest(this, {
			method: 'GET',
			endpoint: byResponseId
				? fillPath('/ai-interviews/report/{response_id}', path)
				: '/ai-interviews/report',
			qs,
			itemIndex,
			idempotent: true,
			requires: ['response_id'],
			passThrough: (answer) => readReportState(answer, 'score') !== undefined,
			notFound: byResponseId
				? reportNotFound(path.response_id)
				: {
						what: `a report for custom field ID ${quote(qs.custom_field_id)}`,
						fix: 'Check the Custom Field ID: it must be exactly the value sent as Custom Field ID when the candidate was invited (it is case-sensitive). Candidates invited without one can only be found by Response ID.',
					},
		});
		const state = readReportState(response, 'score') as ReportState;

		const asked: IDataObject = {
			...path,
			...(byResponseId ? {} : { custom_field_id: qs.custom_field_id }),
		};
		const report = { ...asked, ...state.report };
		const json: IDataObject = simplify
			? simplified(report, qs.is_downloadable === true, this.getNode().typeVersion)
			: { ...report };
		json.report_ready = state.ready;
		if (!state.ready) {
			json.invite_status = state.status;
			json.message = notReadyMessage(AI_INTERVIEW_REPORTS, state);
		}
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}

function simplified(
	report: IDataObject,
	withRecordings: boolean,
	nodeVersion: number,
): IDataObject {
	const json: IDataObject = {};
	for (const [name, key] of SIMPLIFIED) {
		if (nodeVersion < 2 || SIMPLIFIED_V2.includes(name)) json[name] = report[key] ?? null;
	}
	if (withRecordings) json.interview_recording = report.interview_recording ?? null;
	return json;
}
