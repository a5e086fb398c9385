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
import { inviteOneByOne, inviteOptionsCollection } from '../../helpers/inviteOneByOne';
import { quote } from '../../helpers/text';

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

const CHECK_IN_XOBIN = (body: { form_id?: unknown }) =>
	`Xobin offers no way to check a form invite by API: look for the candidate among the responses of XoForm ${String(body.form_id)} in Xobin`;

export const xoFormInvites: InviteTarget = {
	endpoint: '/forms/invite',
	idKey: 'form_id',
	requires: ['invite_link', 'form_response_id'],
	ledgerKey: 'xobinXoFormInvites',
	notFound: (formId) => ({
		what: `XoForm ${String(formId)}`,
		fix: "Check the XoForm ID: open the form in Xobin's XoForms and copy its number. The API key must belong to the account that owns the form.",
	}),
	lostAnswer: (body) =>
		`So ${quote(body.candidate_email)} may or may not be invited. ${CHECK_IN_XOBIN(body)} before running this item again.`,
	notConfirmed: (body) =>
		`Xobin's answer to that try was lost. ${CHECK_IN_XOBIN(body)} before inviting them again, or turn on 'Re-Send Uncertain Invites' if a possible duplicate is better than a possible miss.`,
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
			rerun:
				"turn on 'Retry On Fail' in the node settings: it remembers them within the execution. In a new execution, leave out the rows already invited.",
		},
	});
}
