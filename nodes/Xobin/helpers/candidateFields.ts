// The candidate fields every invite asks for (name, email, invite format), declared once so their
// labels, checks and help text read the same for AI interviews and assessments.

import type { Field } from './fields';

export const candidateNameField: Field = {
	send: { type: 'body', property: 'candidate_name' },
	check: 'text',
	property: {
		displayName: 'Candidate Name',
		name: 'candidateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Alex Tanaka',
		description: 'Full name of the candidate, as it should appear in Xobin',
	},
};

export const candidateEmailField: Field = {
	send: { type: 'body', property: 'candidate_email' },
	check: 'email',
	property: {
		displayName: 'Candidate Email',
		name: 'candidateEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alex.tanaka@example.com',
		description:
			"Email address of the candidate. Xobin sends the invite here when Invite Format is 'Send Email Invite'.",
	},
};

export const inviteFormatField: Field = {
	send: { type: 'body', property: 'invite_format' },
	check: 'option',
	property: {
		displayName: 'Invite Format',
		name: 'inviteFormat',
		type: 'options',
		required: true,
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
	},
};
