// The "Candidate" resource: its Operation dropdown and the fields of each operation.

import { operationDropdown } from '../operation';
import * as cancelDeletion from './cancelDeletion.operation';
import * as deleteCandidate from './delete.operation';
import * as parseResume from './parseResume.operation';

export { cancelDeletion, deleteCandidate as delete, parseResume };

export const description = [
	operationDropdown('candidate', 'parseResume', [
		{
			name: 'Cancel Deletion',
			value: 'cancelDeletion',
			description: 'Undo a scheduled deletion within 7 days, with the task ID Delete returned',
			action: 'Cancel the deletion of a candidate',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Schedule a candidate for permanent deletion in 7 days',
			action: 'Delete a candidate',
		},
		{
			name: 'Parse Resume',
			value: 'parseResume',
			description:
				'Have Xobin read a resume, create a candidate profile and score it against a job (one AI Evaluate credit per call)',
			action: 'Parse a resume',
		},
	]),
	...parseResume.description,
	...deleteCandidate.description,
	...cancelDeletion.description,
];
