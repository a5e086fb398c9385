// What Assessment reports are like (a report is one candidate's attempt at one assessment, Xobin's
// report_id): the Report ID field, how a 404 about a report reads, share-link bounds and file names.

import { idField } from '../../helpers/fields';
import type { ReportKind } from '../reports';

/** Assessment reports: plural "reports" in the path, share links last 15 minutes to 24 hours. */
export const ASSESSMENT_REPORTS: ReportKind = {
	resource: 'assessment',
	noun: 'assessment',
	finishedEvent: 'Assessment Submitted',
	finishes: 'submit it',
	scoreKey: 'overall_percentage',
	idField: idField(
		{ type: 'path', property: 'report_id' },
		{
			displayName: 'Report ID',
			name: 'reportId',
			placeholder: 'e.g. 318',
			description:
				"Xobin's number for one candidate's attempt at an assessment. Invite Candidate returns it as report_id; the Xobin Trigger's assessment events carry it too.",
		},
	),
	endpoint: '/assessments/reports/{report_id}/{option}',
	shortestLink: {
		hours: 0.25,
		text: 'between 15 minutes (0.25) and 24 hours',
		hint: 'Xobin accepts 15 minutes to 24 hours for assessment reports. Enter hours as a number: 0.25 is 15 minutes, 0.5 is 30 minutes, 24 is a full day.',
		description:
			'How long the link works, in hours: from 15 minutes (0.25) to 24 hours. Decimals are fine, e.g. 0.5 for 30 minutes.',
	},
	fileName: 'xobin-assessment-report',
	notFound: (reportId) => ({
		what: `an assessment report with report ID ${String(reportId)}`,
		fix: 'Check the Report ID: Invite Candidate (Assessment) returns it as report_id. The API key must belong to the Xobin account that owns the assessment.',
	}),
};
