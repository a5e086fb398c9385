// XoForm → Invite Candidate: POST /forms/invite for each item. Invited candidates leave on the first
// output with Xobin's answer (invite link and form_response_id); when the account runs out of
// invites, the rest leave on the second output so the workflow can park them for later. Xobin
// offers no way to look a form invite up by API, so an invite whose answer was lost is never sent
// again by the node: the error names the candidate and says where to check in Xobin.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	candidateEmailField,
	candidateNameField,
	inviteFormatField,
} from '../../helpers/candidateFields';
import type { Field } from '../../helpers/fields';
import { toNodeProperties } from '../../helpers/fields';
import type { InviteTarget } from '../../helpers/inviteEach';
import { checkInXobin, inviteOneByOne } from '../../helpers/inviteOneByOne';
import { inviteOptionsCollection } from '../../helpers/invites';

const displayOptions = { show: { resource: ['xoForm'], operation: ['invite'] } };

export const inviteFields: Field[] = [
	candidateNameField,
	candidateEmailField,
	{
		send: { type: 'body', property: 'form_id' },
		check: 'id',
		property: {
			displayName: 'XoForm ID',
			name: 'formId',
			type: 'number',
			required: true,
			default: 0,
			placeholder: 'e.g. 4101',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: "The number of the form in Xobin. Open the form in Xobin's XoForms to find it.",
		},
	},
	inviteFormatField,
];

export const description: INodeProperties[] = [
	...toNodeProperties(inviteFields, displayOptions),
	inviteOptionsCollection(displayOptions),
];

export const xoFormInvites: InviteTarget = {
	endpoint: '/forms/invite',
	idKey: 'form_id',
	requires: ['invite_link', 'form_response_id'],
	ledgerKey: 'xobinXoFormInvites',
	notFound: (formId) => ({
		what: `XoForm ${String(formId)}`,
		fix: "Check the XoForm ID: open the form in Xobin's XoForms and copy its number. The API key must belong to the account that owns the form.",
	}),
	...checkInXobin(
		'a form',
		(body) => `among the responses of XoForm ${String(body.form_id)} in Xobin`,
	),
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await inviteOneByOne(this, items, {
		fields: inviteFields,
		target: xoFormInvites,
		wording: {
			product: 'XoForm',
		},
	});
}
