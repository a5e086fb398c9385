// The "AI Interview" resource: its Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as downloadReportPdf from './downloadReportPdf.operation';
import * as generate from './generate.operation';
import * as getManyInvited from './getManyInvited.operation';
import * as getReport from './getReport.operation';
import * as getShareLink from './getShareLink.operation';
import * as invite from './invite.operation';

export { downloadReportPdf, generate, getManyInvited, getReport, getShareLink, invite };

export const description = [
	operationDropdown('aiInterview', 'invite', [
		{
			name: 'Download Report PDF',
			value: 'downloadReportPdf',
			description: "Download a candidate's AI interview report as a PDF file",
			action: 'Download an AI interview report as PDF',
		},
		{
			name: 'Generate',
			value: 'generate',
			description: 'Have Xobin build a new AI interview from a job role and description',
			action: 'Generate an AI interview from a job description',
		},
		{
			name: 'Get Many Invited Candidates',
			value: 'getManyInvited',
			description: 'List the candidates invited to an AI interview, with their status',
			action: 'Get many invited candidates of an AI interview',
		},
		{
			name: 'Get Report',
			value: 'getReport',
			description:
				"Get a candidate's AI interview report: score, recommendation, summary and links",
			action: 'Get an AI interview report',
		},
		{
			name: 'Get Shareable Report Link',
			value: 'getShareLink',
			description: 'Create a time-limited link to a report that opens without a Xobin login',
			action: 'Get a shareable AI interview report link',
		},
		{
			name: 'Invite Candidate',
			value: 'invite',
			description: 'Invite a candidate to an AI interview and get the invite link',
			action: 'Invite a candidate to an AI interview',
		},
	]),
	...invite.description,
	...getReport.description,
	...getManyInvited.description,
	...getShareLink.description,
	...downloadReportPdf.description,
	...generate.description,
];
