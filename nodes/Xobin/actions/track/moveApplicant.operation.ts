// Track → Move Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/move for each item,
// to a destination stage, optionally only from a given source stage (Xobin answers 409 otherwise).

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import {
	applicationIdFields,
	changeStage,
	forOperation,
	sourceStageFields,
	stageFields,
	trackFields,
} from './common';

const displayOptions = forOperation('moveApplicant');

export const moveFields: Field[] = [
	...trackFields,
	...applicationIdFields,
	...stageFields(
		{
			send: { type: 'body', property: 'destination_stage_id' },
			check: 'text',
			property: {
				displayName: 'Destination Stage ID',
				name: 'destinationStageId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. stg_interview',
				description:
					'The stage to move the applicant to. Stage IDs are text, sent exactly as typed ("0012" stays "0012"); Get Applicant with Simplify off lists the track\'s stages with their stage_id.',
			},
		},
		'Destination Stage Name or ID',
		'The stage of the chosen track to move the applicant to.',
	),
	...sourceStageFields,
];

export const description: INodeProperties[] = [...toNodeProperties(moveFields, displayOptions)];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await changeStage(this, items, 'move', moveFields);
}
