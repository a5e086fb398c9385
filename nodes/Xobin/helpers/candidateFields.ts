// The candidate fields every invite asks for (name, email, invite format), declared once so their
// labels, checks and help text read the same for AI interviews and assessments.

import type { Declared, Field } from './fields';

/** A required body field; a text box unless the declaration says otherwise. */
function required(sendAs: string, check: Field['check'], declared: Declared): Field {
	const { displayName, name, ...rest } = declared;
	return {
		send: { type: 'body', property: sendAs },
		check,
		property: { displayName, name, type: 'string', required: true, default: '', ...rest },
	};
}

export const candidateNameField = required('candidate_name', 'text', {
	displayName: 'Candidate Name',
	name: 'candidateName',
	placeholder: 'e.g. Alex Tanaka',
	description: 'Full name of the candidate, as it should appear in Xobin',
});

export const candidateEmailField = required('candidate_email', 'email', {
	displayName: 'Candidate Email',
	name: 'candidateEmail',
	placeholder: 'e.g. alex.tanaka@example.com',
	description:
		"Email address of the candidate. Xobin sends the invite here when Invite Format is 'Send Email Invite'.",
});

export const inviteFormatField = required('invite_format', 'option', {
	displayName: 'Invite Format',
	name: 'inviteFormat',
	type: 'options',
	default: 'getlink',
	options: [
		{
			name: 'Get Link Only',
			value: 'getlink',
			description: 'Xobin creates the invite link and the node returns it; you send it yourself',
		},
		{
			name: 'Send Email Invite',
			value: 'sendlink',
			description: 'Xobin also emails the invite link to the candidate',
		},
	],
	description: 'Whether Xobin only creates the invite link or also emails it to the candidate',
});
