// Track → Get Applicant: GET /tracks/<track_id>/applicants/<application_id> for each item. Xobin's
// whole answer (stages, submitted form, stage-wise report, parsed resume), or with Simplify the
// ten fields a sheet or an IF node needs, current stage included.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import {
	applicantNotFound,
	applicationIdFields,
	asObject,
	forOperation,
	trackFields,
} from './common';

const displayOptions = forOperation('getApplicant');

export const getApplicantFields: Field[] = [...trackFields, ...applicationIdFields];

export const description: INodeProperties[] = [
	...toNodeProperties(getApplicantFields, displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description:
			'Whether to return a simplified version of the response instead of the raw data: ten fields, current stage included',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path } = readFields(source, getApplicantFields);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const response = await xobinRequest(this, {
			method: 'GET',
			endpoint: fillPath('/tracks/{track_id}/applicants/{application_id}', path),
			itemIndex,
			idempotent: true,
			requires: ['applicant'],
			notFound: applicantNotFound(path.track_id, path.application_id),
		});
		const detail = response.body as IDataObject;
		return [{ json: simplify ? simplified(detail) : detail, pairedItem: { item: itemIndex } }];
	});
}

/** The applicant and their current stage, flat: what Move, Reject and Hire need next. */
function simplified(detail: IDataObject): IDataObject {
	const applicant = asObject(detail.applicant);
	const stage = asObject(detail.current_stage);
	return {
		application_id: applicant.application_id ?? null,
		candidate_id: applicant.candidate_id ?? null,
		name: applicant.name ?? null,
		email: applicant.email ?? null,
		track_title: detail.track_title ?? null,
		stage_id: stage.stage_id ?? null,
		stage_name: stage.name ?? null,
		stage_status: applicant.stage_status ?? null,
		score: applicant.score ?? null,
		last_updated_at: applicant.last_updated_at ?? null,
	};
}
