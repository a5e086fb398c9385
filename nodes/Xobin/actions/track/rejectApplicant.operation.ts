// Track → Reject Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/reject for each
// item, optionally emailing the applicant and only from a given source stage (409 otherwise).

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import {
	applicationIdFields,
	changeStage,
	emailMessageField,
	forOperation,
	sendEmailField,
	sourceStageFields,
	trackFields,
} from './common';

const displayOptions = forOperation('rejectApplicant');

// Optional fields in the order the collection shows them (alphabetical).
export const rejectFields: Field[] = [
	...trackFields,
	...applicationIdFields,
	emailMessageField,
	sendEmailField,
	...sourceStageFields,
];

export const description: INodeProperties[] = [...toNodeProperties(rejectFields, displayOptions)];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await changeStage(this, items, 'reject', rejectFields);
}
