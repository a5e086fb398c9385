// XoForm → Invite Candidate: POST /forms/invite for each item. Invited candidates leave on the first
// output with Xobin's answer (invite link and form_response_id); when the account runs out of
// invites, the rest leave on the second output so the workflow can park them for later. Xobin
// offers no way to look a form invite up by API, so an invite whose answer was lost is never sent
// again by the node: the error names the candidate and says where to check in Xobin.

import { idField } from '../../helpers/fields';
import { inviteOperation } from '../../invite/operation';
import { checkInXobin } from '../../invite/product';
import { inviteFields } from '../commonFields';

export const { fields, description, execute } = inviteOperation({
	resource: 'xoForm',
	fields: inviteFields(
		idField(
			{ type: 'body', property: 'form_id' },
			{
				displayName: 'XoForm ID',
				name: 'formId',
				placeholder: 'e.g. 4101',
				description:
					"The number of the form in Xobin. Open the form in Xobin's XoForms to find it.",
			},
		),
	),
	product: {
		name: 'XoForm',
		idKey: 'form_id',
		single: { endpoint: '/forms/invite', requires: ['invite_link', 'form_response_id'] },
		ledgerKey: 'xobinXoFormInvites',
		notFound: (formId) => ({
			what: `XoForm ${String(formId)}`,
			fix: "Check the XoForm ID: open the form in Xobin's XoForms and copy its number. The API key must belong to the account that owns the form.",
		}),
		...checkInXobin(
			'a form',
			(body) =>
				`look for the candidate among the responses of XoForm ${String(body.form_id)} in Xobin`,
		),
	},
});
