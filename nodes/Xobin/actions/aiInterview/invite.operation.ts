// AI Interview → Invite Candidate: POST /ai-interviews/invite for each item. Invited candidates
// leave on the first output with Xobin's answer (invite link included); when the account runs out
// of invites, the rest leave on the second output so the workflow can park them for later.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { aiInterviewIdField } from '../../helpers/productIdFields';
import {
	candidateEmailField,
	candidateNameField,
	inviteFormatField,
} from '../../helpers/candidateFields';
import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import { prepareInvites, toInviteOutputs } from '../../helpers/inviteOutputs';
import { inviteOptionsCollection, readInviteSettings } from '../../helpers/invites';
import { inviteCandidates } from './inviteCandidates';

const displayOptions: IDisplayOptions = {
	show: { resource: ['aiInterview'], operation: ['invite'] },
};

export const inviteFields: Field[] = [
	candidateNameField,
	candidateEmailField,
	aiInterviewIdField(),
	inviteFormatField,
	{
		send: { type: 'body', property: 'start_date' },
		check: 'gmtDate',
		optional: true,
		property: {
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description:
				"Earliest time the candidate can start the interview. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty to allow starting at once.",
		},
	},
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
				"When the invite link stops working. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty for a link that never expires.",
		},
	},
	{
		send: { type: 'body', property: 'custom_field_id' },
		check: 'text',
		optional: true,
		property: {
			displayName: 'Custom Field ID',
			name: 'customFieldId',
			type: 'string',
			default: '',
			placeholder: 'e.g. CAND-2025-001',
			description:
				'Your own ID for this candidate, such as a CRM or sheet row ID. Use it later to look up the interview report.',
		},
	},
];

export const description: INodeProperties[] = [
	...toNodeProperties(inviteFields, displayOptions),
	inviteOptionsCollection(displayOptions, 'invites', [
		{
			displayName: 'Skip If Already Invited',
			name: 'skipIfInvited',
			type: 'boolean',
			default: false,
			description:
				'Whether to look each candidate up in Xobin by Custom Field ID first and skip those already invited to this AI interview (they come out on Invited with alreadyInvited: true, no invite spent). Needs a Custom Field ID on every item; costs one extra request per candidate.',
		},
	]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const skipIfInvited = options.skipIfInvited === true;
	const prepared = prepareInvites(this, items, inviteFields, (body, itemIndex) =>
		checkInvite(this, body, itemIndex, skipIfInvited),
	);
	const outcomes = await inviteCandidates(this, prepared, {
		...readInviteSettings(options, this.continueOnFail()),
		skipIfInvited,
	});
	return toInviteOutputs(this, items, prepared, outcomes, {
		product: 'AI interview',
		rerun:
			"turn on 'Retry On Fail' in the node settings (it remembers them within the execution) or 'Skip If Already Invited' with a Custom Field ID (it asks Xobin).",
	});
}

/** The checks that span fields: a Custom Field ID for 'Skip If Already Invited', expiry after start. */
function checkInvite(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	skipIfInvited: boolean,
): IDataObject {
	if (skipIfInvited && !body.custom_field_id) {
		throw new NodeOperationError(
			context.getNode(),
			`Custom Field ID is empty, but 'Skip If Already Invited' needs it [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Xobin is asked for each candidate by Custom Field ID. Fill in Additional Fields → Custom Field ID (e.g. a sheet row or CRM ID), or turn off 'Skip If Already Invited'.",
			},
		);
	}
	const { start_date: start, expiry_date: expiry } = body;
	if (typeof start === 'string' && typeof expiry === 'string' && expiry <= start) {
		throw new NodeOperationError(
			context.getNode(),
			`Expiry Date must be after Start Date [item ${itemIndex}]`,
			{
				itemIndex,
				description: `The invite would open at ${start} GMT and expire at ${expiry} GMT. Set the Expiry Date later than the Start Date, or leave one of them empty.`,
			},
		);
	}
	return body;
}
