// Track → Move Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/move for each item,
// to a destination stage, optionally only from a given source stage (Xobin answers 409 otherwise).

import { stageChangeOperation, stageFields } from './common';
import { textField } from '../commonFields';

export const { fields, description, execute } = stageChangeOperation(
	'move',
	stageFields(
		textField({ type: 'body', property: 'destination_stage_id' }, 'text', {
			displayName: 'Destination Stage ID',
			name: 'destinationStageId',
			placeholder: 'e.g. stg_interview',
			description:
				'The stage to move the applicant to. Stage IDs are text, sent exactly as typed ("0012" stays "0012"); Get Applicant with Simplify off lists the track\'s stages with their stage_id.',
		}),
		'The stage of the chosen track to move the applicant to.',
	),
);
