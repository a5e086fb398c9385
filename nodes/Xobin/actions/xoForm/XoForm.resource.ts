// The "XoForm" resource: its Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as invite from './invite.operation';

export { invite };

export const description = [
	operationDropdown('xoForm', 'invite', [
		{
			name: 'Invite Candidate',
			value: 'invite',
			description: 'Invite a candidate to fill in a XoForm and get the invite link',
			action: 'Invite a candidate to a form',
		},
	]),
	...invite.description,
];
