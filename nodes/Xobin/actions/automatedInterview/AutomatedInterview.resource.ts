// The "Automated Interview" resource: its Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as invite from './invite.operation';

export { invite };

export const description = [
	operationDropdown('automatedInterview', 'invite', [
		{
			name: 'Invite Candidate',
			value: 'invite',
			description: 'Invite a candidate to an automated interview and get the invite link',
			action: 'Invite a candidate to an automated interview',
		},
	]),
	...invite.description,
];
