// The "XoForm" resource: its Operation dropdown and the fields of each operation.

import type { INodeProperties } from 'n8n-workflow';

import * as invite from './invite.operation';

export { invite };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['xoForm'] } },
		options: [
			{
				name: 'Invite Candidate',
				value: 'invite',
				description: 'Invite a candidate to fill in a XoForm and get the invite link',
				action: 'Invite a candidate to a form',
			},
		],
		default: 'invite',
	},
	...invite.description,
];
