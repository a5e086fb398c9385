// Field declarations several resources' operations share: a required text field in one call (as
// idField() is for IDs), the fields of the four Invite Candidate operations in one order, and the
// optional GMT dates of invites.

import type { INodeProperties } from 'n8n-workflow';

import {
	candidateEmailField,
	candidateNameField,
	inviteFormatField,
} from '../helpers/candidateFields';
import type { Field } from '../helpers/fields';

type TextProperty = Pick<
	INodeProperties,
	'displayName' | 'name' | 'displayOptions' | 'typeOptions' | 'placeholder' | 'description'
>;

/** A required text field, checked as `check` says; its conditions and rows where given. */
export function textField(
	send: Field['send'],
	check: 'text' | 'email' | 'url',
	property: TextProperty,
): Field {
	const { displayName, name, displayOptions, typeOptions, placeholder, description } = property;
	return {
		send,
		check,
		property: {
			displayName,
			name,
			...(displayOptions ? { displayOptions } : {}),
			type: 'string',
			required: true,
			default: '',
			...(typeOptions ? { typeOptions } : {}),
			placeholder,
			description,
		},
	};
}

/** The candidate, the product's ID and the invite format, then the product's own fields. */
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
