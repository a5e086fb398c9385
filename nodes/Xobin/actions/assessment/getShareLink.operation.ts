// Assessment → Get Shareable Report Link: POST /assessments/reports/<report_id>/share (plural
// "reports") for each item. Xobin answers with a signed, time-limited URL that opens without a
// Xobin login. Assessments allow 15 minutes to 24 hours (AI interviews allow 1 minute), checked
// before anything is sent.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import { forOperation, reportIdField, reportNotFound } from './common';

const displayOptions = forOperation('getShareLink');

/** Xobin's bounds for expiration_hours on assessment reports: 15 minutes and 24 hours. */
const MIN_EXPIRATION_HOURS = 0.25;
const MAX_EXPIRATION_HOURS = 24;

export const shareLinkFields: Field[] = [
	reportIdField,
	{
		send: { type: 'body', property: 'expiration_hours' },
		check: 'hours',
		range: {
			min: MIN_EXPIRATION_HOURS,
			max: MAX_EXPIRATION_HOURS,
			text: 'between 15 minutes (0.25) and 24 hours',
			hint: 'Xobin accepts 15 minutes to 24 hours for assessment reports. Enter hours as a number: 0.25 is 15 minutes, 0.5 is 30 minutes, 24 is a full day.',
		},
		property: {
			displayName: 'Expiration (Hours)',
			name: 'expirationHours',
			type: 'number',
			required: true,
			default: 1,
			typeOptions: {
				minValue: MIN_EXPIRATION_HOURS,
				maxValue: MAX_EXPIRATION_HOURS,
				numberPrecision: 4,
			},
			description:
				'How long the link works, in hours: from 15 minutes (0.25) to 24 hours. Decimals are fine, e.g. 0.5 for 30 minutes.',
		},
	},
];

export const description: INodeProperties[] = [
	...toNodeProperties(shareLinkFields, displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path, body } = readFields(source, shareLinkFields);
		// A new signed link changes nothing else in Xobin, so a lost answer may be asked for again.
		const response = await xobinRequest(this, {
			method: 'POST',
			endpoint: fillPath('/assessments/reports/{report_id}/share', path),
			body,
			itemIndex,
			idempotent: true,
			product: 'assessment',
			requires: ['signed_url'],
			notFound: reportNotFound(path.report_id),
		});
		return [{ json: response.body as INodeExecutionData['json'], pairedItem: { item: itemIndex } }];
	});
}
