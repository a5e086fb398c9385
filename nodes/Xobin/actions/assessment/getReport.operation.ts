// Assessment → Get Report: GET /assessments/report/<report_id> for each item. A finished
// assessment gives the report, whole or simplified to the columns people keep in a sheet (section
// and skill scores flattened into one column each); one the candidate has not finished yet gives
// its status (report_ready: false), not an error.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { columnName, setOnce } from '../../helpers/columns';
import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import type { ReportState } from '../../helpers/reportState';
import { readReportState } from '../../helpers/reportState';
import { xobinRequest } from '../../transport';
import { notReadyMessage } from '../reports';
import { ASSESSMENT_REPORTS, forOperation, reportIdField, reportNotFound } from './common';

const displayOptions = forOperation('getReport');

export const reportFields: Field[] = [reportIdField];

export const description: INodeProperties[] = [
	...toNodeProperties(reportFields, displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description:
			'Whether to return a simplified version of the response instead of the raw data: ten fields, plus one column per section and per skill score',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path } = readFields(source, reportFields);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const response = await xobinRequest(this, {
			method: 'GET',
			endpoint: fillPath('/assessments/report/{report_id}', path),
			itemIndex,
			idempotent: true,
			requires: ['report_id'],
			passThrough: (answer) => readReportState(answer, 'overall_percentage') !== undefined,
			notFound: reportNotFound(path.report_id),
		});
		const state = readReportState(response, 'overall_percentage') as ReportState;
		const report = { ...path, ...state.report };
		const json: IDataObject = simplify ? simplified(report) : { ...report };
		json.report_ready = state.ready;
		if (!state.ready) {
			json.invite_status = state.status;
			json.message = notReadyMessage(ASSESSMENT_REPORTS, state);
		}
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}

/**
 * Ten fields a sheet keeps (report_ready is added by the caller), then each section's score as
 * `section_<name>` and each skill's as `skill_<section>_<skill>`: numbers, one column each.
 */
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
