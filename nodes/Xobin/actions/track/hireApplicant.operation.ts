// Track → Hire Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/hire for each item,
// optionally only from a given source stage (Xobin answers 409 otherwise).

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import {
	applicationIdFields,
	changeStage,
	forOperation,
	sourceStageFields,
	trackFields,
} from './common';

const displayOptions = forOperation('hireApplicant');

export const hireFields: Field[] = [...trackFields, ...applicationIdFields, ...sourceStageFields];

export const description: INodeProperties[] = [...toNodeProperties(hireFields, displayOptions)];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await changeStage(this, items, 'hire', hireFields);
}
