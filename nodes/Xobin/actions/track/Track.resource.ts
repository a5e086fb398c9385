// The "Track" resource (Xobin's job pipelines, the newer /tracks/<track_id>/… endpoints): its
// Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as addApplicant from './addApplicant.operation';
import * as getApplicant from './getApplicant.operation';
import * as getManyApplicants from './getManyApplicants.operation';
import * as getStats from './getStats.operation';
import * as hireApplicant from './hireApplicant.operation';
import * as moveApplicant from './moveApplicant.operation';
import * as rejectApplicant from './rejectApplicant.operation';

export {
	addApplicant,
	getApplicant,
	getManyApplicants,
	getStats,
	hireApplicant,
	moveApplicant,
	rejectApplicant,
};

export const description = [
	operationDropdown('track', 'addApplicant', [
		{
			name: 'Add Applicant',
			value: 'addApplicant',
			description:
				'Add an applicant to a track: a pending invitation, or placed straight in a stage',
			action: 'Add an applicant to a track',
		},
		{
			name: 'Get Applicant',
			value: 'getApplicant',
			description: "Get one applicant's details, current stage and stage-wise report",
			action: 'Get an applicant of a track',
		},
		{
			name: 'Get Many Applicants',
			value: 'getManyApplicants',
			description: 'List the applicants of a track, filtered by name, email, stage or date',
			action: 'Get many applicants of a track',
		},
		{
			name: 'Get Stats',
			value: 'getStats',
			description: 'Get applicant counts for one track or for every track in the account',
			action: 'Get track statistics',
		},
		{
			name: 'Hire Applicant',
			value: 'hireApplicant',
			description: 'Mark an applicant as hired',
			action: 'Hire an applicant',
		},
		{
			name: 'Move Applicant',
			value: 'moveApplicant',
			description: 'Move an applicant to another stage of the track',
			action: 'Move an applicant to another stage',
		},
		{
			name: 'Reject Applicant',
			value: 'rejectApplicant',
			description: 'Reject an applicant, optionally emailing them',
			action: 'Reject an applicant',
		},
	]),
	...addApplicant.description,
	...getApplicant.description,
	...getManyApplicants.description,
	...getStats.description,
	...hireApplicant.description,
	...moveApplicant.description,
	...rejectApplicant.description,
];
