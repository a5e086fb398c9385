// The "Automated Interview" resource: its Operation dropdown and the fields of each operation.

import type { INodeProperties } from 'n8n-workflow';

import * as invite from './invite.operation';

export { invite };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['automatedInterview'] } },
		options: [
			{
				name: 'Invite Candidate',
				value: 'invite',
				description: 'Invite a candidate to an automated interview and get the invite link',
				action: 'Invite a candidate to an automated interview',
			},
		],
		default: 'invite',
	},
	...invite.description,
];
