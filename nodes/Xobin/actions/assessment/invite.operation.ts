// Assessment → Invite Candidate: invites each item's candidate to a Xobin assessment, many per
// request (Xobin's bulk invite, up to 500). Invited candidates leave on the first output with
// their own invite link; when the account runs out of invites, the rest leave on the second output
// so the workflow can park them for later, exactly as for AI interviews.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	candidateEmailField,
	candidateNameField,
	inviteFormatField,
} from '../../helpers/candidateFields';
import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import { prepareInvites, toInviteOutputs } from '../../helpers/inviteOutputs';
import { inviteOptionsCollection, readInviteSettings } from '../../helpers/invites';
import { assessmentIdField } from '../../helpers/productIdFields';
import { forOperation } from './common';
import { inviteInBatches, MAX_BATCH_SIZE } from './inviteInBatches';

const displayOptions = forOperation('invite');

/**
 * Candidates per request unless the user picks another size. One lost answer (timeout, broken
 * connection, server error) leaves every candidate of its request uncertain, with no way to check
 * them by API: 100 keeps that to 100 rows while 5,000 rows still take 50 requests (README, bench).
 */
const DEFAULT_BATCH_SIZE = 100;

export const inviteFields: Field[] = [
	candidateNameField,
	candidateEmailField,
	assessmentIdField(),
	inviteFormatField,
	{
		send: { type: 'body', property: 'expiry_date' },
		check: 'gmtDate',
		optional: true,
		property: {
			displayName: 'Expiry Date',
			name: 'expiryDate',
			type: 'dateTime',
			default: '',
			description:
				"When the invite link stops working. Xobin does not say which timezone it reads assessment dates in; the node assumes GMT, as for AI interviews: it reads the value in the workflow's timezone and sends it in GMT. Leave empty for Xobin's default.",
		},
	},
];

export const description: INodeProperties[] = [
	...toNodeProperties(inviteFields, displayOptions),
	inviteOptionsCollection(displayOptions, 'requests', [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			default: DEFAULT_BATCH_SIZE,
			typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE, numberPrecision: 0 },
			description: `How many candidates go to Xobin in one request (1 to ${MAX_BATCH_SIZE}; 1 sends one request per candidate). Candidates with the same Assessment ID, Invite Format and Expiry Date share requests. Larger batches are faster, but if Xobin's answer to a request is lost (timeout, broken connection, server error), every candidate in it may or may not be invited, and Xobin offers no way to check by API, so none of them is sent again.`,
		},
	]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const prepared = prepareInvites(this, items, inviteFields);
	const batchSize = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE));
	const outcomes = await inviteInBatches(this, prepared, {
		...readInviteSettings(options, this.continueOnFail()),
		batchSize: Math.min(MAX_BATCH_SIZE, Math.max(1, batchSize || DEFAULT_BATCH_SIZE)),
	});
	return toInviteOutputs(this, items, prepared, outcomes, {
		product: 'assessment',
	});
}
