// The fields of the four Invite Candidate operations: the candidate, the product's ID and the
// invite format in the same order everywhere, then each product's own optional fields.

import {
	candidateEmailField,
	candidateNameField,
	inviteFormatField,
} from '../helpers/candidateFields';
import type { Field } from '../helpers/fields';

export function inviteFields(productIdField: Field, ...own: Field[]): Field[] {
	return [candidateNameField, candidateEmailField, productIdField, inviteFormatField, ...own];
}

/** An optional date and time: read in the workflow's timezone and sent to Xobin in GMT. */
export function gmtDateField(
	sendAs: string,
	name: string,
	displayName: string,
	description: string,
): Field {
	return {
		send: { type: 'body', property: sendAs },
		check: 'gmtDate',
		optional: true,
		property: { displayName, name, type: 'dateTime', default: '', description },
	};
}
