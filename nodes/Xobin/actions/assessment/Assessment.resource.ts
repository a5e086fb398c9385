// The "Assessment" resource: its Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as downloadReportPdf from './downloadReportPdf.operation';
import * as getReport from './getReport.operation';
import * as getShareLink from './getShareLink.operation';
import * as invite from './invite.operation';

export { downloadReportPdf, getReport, getShareLink, invite };

export const description = [
	operationDropdown('assessment', 'invite', [
		{
			name: 'Download Report PDF',
			value: 'downloadReportPdf',
			description: "Download a candidate's assessment report as a PDF file",
			action: 'Download an assessment report as PDF',
		},
		{
			name: 'Get Report',
			value: 'getReport',
			description:
				"Get a candidate's assessment report: overall and section scores, cut-off and link",
			action: 'Get an assessment report',
		},
		{
			name: 'Get Shareable Report Link',
			value: 'getShareLink',
			description: 'Create a time-limited link to a report that opens without a Xobin login',
			action: 'Get a shareable assessment report link',
		},
		{
			name: 'Invite Candidate',
			value: 'invite',
			description:
				'Invite candidates to an assessment, up to 500 per request, and get their invite links',
			action: 'Invite a candidate to an assessment',
		},
	]),
	...invite.description,
	...getReport.description,
	...getShareLink.description,
	...downloadReportPdf.description,
];
