// Track → Get Applicant: GET /tracks/<track_id>/applicants/<application_id> for each item. Xobin's
// whole answer (stages, submitted form, stage-wise report, parsed resume), or with Simplify the
// ten fields a sheet or an IF node needs, current stage included.

import type { IDataObject } from 'n8n-workflow';

import { asObject, operation } from '../operation';
import { applicantNotFound, applicationIdFields, trackFields } from './common';

export const { fields, description, execute } = operation({
	resource: 'track',
	operation: 'getApplicant',
	fields: [...trackFields, ...applicationIdFields],
	simplify: 'ten fields, current stage included',
	request: ({ path }) => ({
		method: 'GET',
		endpoint: '/tracks/{track_id}/applicants/{application_id}',
		idempotent: true,
		requires: ['applicant'],
		notFound: applicantNotFound(path.track_id, path.application_id),
	}),
	output: ({ body }, { simplify }) =>
		simplify ? simplified(body as IDataObject) : (body as IDataObject),
});

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
