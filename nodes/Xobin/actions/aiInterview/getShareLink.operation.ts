// AI Interview → Get Shareable Report Link: POST /ai-interviews/report/<response_id>/share for each
// item. Xobin answers with a signed, time-limited URL (signed_url, expires_at) that anyone can open
// without a Xobin login, e.g. a hiring manager. The expiration is checked against Xobin's range
// (1 minute to 24 hours) before anything is sent.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import { forOperation, reportNotFound, responseIdField } from './common';

const displayOptions = forOperation('getShareLink');

/** Xobin's bounds for expiration_hours: 1 minute and 24 hours. */
const MIN_EXPIRATION_HOURS = 1 / 60;
const MAX_EXPIRATION_HOURS = 24;

export const shareLinkFields: Field[] = [
	responseIdField,
	{
		send: { type: 'body', property: 'expiration_hours' },
		check: 'hours',
		range: {
			min: MIN_EXPIRATION_HOURS,
			max: MAX_EXPIRATION_HOURS,
			text: 'between 1 minute (0.0167) and 24 hours',
			hint: 'Xobin accepts 1 minute to 24 hours. Enter hours as a number: 0.5 is 30 minutes, 2 is two hours, 24 is a full day.',
		},
		property: {
			displayName: 'Expiration (Hours)',
			name: 'expirationHours',
			type: 'number',
			required: true,
			default: 1,
			typeOptions: { minValue: 0.0167, maxValue: MAX_EXPIRATION_HOURS, numberPrecision: 4 },
			description:
				'How long the link works, in hours: from 1 minute (0.0167) to 24 hours. Decimals are fine, e.g. 0.5 for 30 minutes.',
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
			endpoint: fillPath('/ai-interviews/report/{response_id}/share', path),
			body,
			itemIndex,
			idempotent: true,
			requires: ['signed_url'],
			notFound: reportNotFound(path.response_id),
		});
		return [{ json: response.body as INodeExecutionData['json'], pairedItem: { item: itemIndex } }];
	});
}
