// Assessment → Get Report: GET /assessments/report/<report_id>. An unfinished assessment gives its
// status (report_ready: false), not an error.

import type { IDataObject } from 'n8n-workflow';

import { columnName, setOnce } from '../../helpers/columns';
import { operation } from '../operation';
import { isReport, reportOutput } from '../reports';
import { ASSESSMENT_REPORTS } from './common';

export const { fields, description, execute } = operation({
	resource: 'assessment',
	operation: 'getReport',
	fields: [ASSESSMENT_REPORTS.idField],
	simplify: 'ten fields, plus one column per section and per skill score',
	request: ({ path }) => ({
		method: 'GET',
		endpoint: '/assessments/report/{report_id}',
		idempotent: true,
		requires: ['report_id'],
		passThrough: isReport(ASSESSMENT_REPORTS),
		notFound: ASSESSMENT_REPORTS.notFound(path.report_id),
	}),
	output: (response, { path, simplify }) =>
		reportOutput(ASSESSMENT_REPORTS, response, path, simplify && simplified),
});

/** Ten sheet columns, then each `section_<name>` and `skill_<section>_<skill>` score. */
function simplified(report: IDataObject): IDataObject {
	const percentage = numberOrNull(report.overall_percentage);
	const cutOff = numberOrNull(report.cut_off);
	const json: IDataObject = {
		report_id: report.report_id ?? null,
		name: report.name ?? null,
		email: report.email ?? null,
		overall_percentage: percentage,
		cut_off: cutOff,
		// Xobin sends no pass flag: passed means the overall percentage reached the cut-off.
		passed: percentage !== null && cutOff !== null ? percentage >= cutOff : null,
		invite_status: report.invite_status ?? null,
		completed_date: report.completed_date ?? null,
		report_link: report.report_link ?? null,
	};
	const sections = Array.isArray(report.sections) ? (report.sections as IDataObject[]) : [];
	for (const section of sections) {
		if (!section || typeof section !== 'object') continue;
		const sectionName = columnName(section.section);
		setOnce(json, `section_${sectionName}`, numberOrNull(section.percentage));
		const skills = Array.isArray(section.skill_wise_score)
			? (section.skill_wise_score as IDataObject[])
			: [];
		for (const skill of skills) {
			if (!skill || typeof skill !== 'object') continue;
			setOnce(
				json,
				`skill_${sectionName}_${columnName(skill.skill)}`,
				numberOrNull(skill.percentage),
			);
		}
	}
	return json;
}

function numberOrNull(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}
