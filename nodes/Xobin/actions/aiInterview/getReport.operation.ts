// AI Interview → Get Report: GET /ai-interviews/report/<response_id> (or ?custom_field_id=). An
// unfinished interview gives its status (report_ready: false), not an error.

import type { IDataObject } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { BEFORE_PICKERS, inVersions, shownWhen, WITH_PICKERS } from '../../helpers/fields';
import { quote } from '../../transport/text';
import { operation } from '../operation';
import { isReport, reportOutput } from '../reports';
import { AI_INTERVIEW_REPORTS, reportNotFound } from './common';
import { textField } from '../commonFields';

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

const reportFields: Field[] = [
	shownWhen(AI_INTERVIEW_REPORTS.idField, { lookupBy: [BY_RESPONSE_ID] }),
	textField({ type: 'query', property: 'custom_field_id' }, 'text', {
		displayName: 'Custom Field ID',
		name: 'customFieldId',
		displayOptions: { show: { lookupBy: [BY_CUSTOM_FIELD_ID] } },
		placeholder: 'e.g. CAND-2025-001',
		description:
			'The Custom Field ID given when the candidate was invited (Invite Candidate → Additional Fields), such as a CRM or sheet row ID',
	}),
	// Node versions 1 and 2 show it on the main panel; from 3 it sits under Options.
	inVersions(BEFORE_PICKERS, recordingsField),
	inVersions(WITH_PICKERS, { ...recordingsField, optional: true, collection: 'options' }),
];

/** The report fields Simplify keeps, output name → Xobin key, in sheet-column order. */
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

/** Simplified by node version 1 only: from 2 on, ten columns (report_ready included). */
const ONLY_IN_V1 = ['ai_interview_id', 'ai_interview_name', 'invite_status', 'pdf_link'];

export const { fields, description, execute } = operation({
	resource: 'aiInterview',
	operation: 'getReport',
	fields: reportFields,
	simplify:
		'the IDs, name, email, score, recommendation, integrity score, completion date and report link',
	properties: ({ fields, collections, simplify, displayOptions }) => [
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
		...fields,
		...simplify,
		...collections,
	],
	request: ({ path, qs }) => ({
		method: 'GET',
		endpoint:
			path.response_id !== undefined
				? '/ai-interviews/report/{response_id}'
				: '/ai-interviews/report',
		qs,
		idempotent: true,
		requires: ['response_id'],
		passThrough: isReport(AI_INTERVIEW_REPORTS),
		notFound:
			path.response_id !== undefined
				? reportNotFound(path.response_id)
				: {
						what: `a report for custom field ID ${quote(qs.custom_field_id)}`,
						fix: 'Check the Custom Field ID: it must be exactly the value sent as Custom Field ID when the candidate was invited (it is case-sensitive). Candidates invited without one can only be found by Response ID.',
					},
	}),
	output(response, { path, qs, simplify }) {
		const asked = path.response_id !== undefined ? path : { custom_field_id: qs.custom_field_id };
		const v1 = this.getNode().typeVersion < 2;
		const simplified = (report: IDataObject) => {
			const json: IDataObject = {};
			for (const [name, key] of SIMPLIFIED)
				if (v1 || !ONLY_IN_V1.includes(name)) json[name] = report[key] ?? null;
			if (qs.is_downloadable === true)
				json.interview_recording = report.interview_recording ?? null;
			return json;
		};
		return reportOutput(AI_INTERVIEW_REPORTS, response, asked, simplify && simplified);
	},
});
