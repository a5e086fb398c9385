// The "AI Interview ID" field that Invite Candidate, Get Many Invited and the Xobin Trigger all ask
// for: declared once, so its label, checks and help text read the same everywhere.

import type { NotFound } from '../transport/types';
import type { Field } from './fields';

const HOW_TO_FIND =
	"The number of the AI interview in Xobin. Open the interview in Xobin's AI Interviews dashboard to find it.";

/** The field, sent in the body unless told otherwise; `note` adds a sentence to the help text. */
export function aiInterviewIdField(
	options: {
		sendIn?: 'body' | 'path';
		onlyWhen?: Field['onlyWhen'];
		placeholder?: string;
		note?: string;
	} = {},
): Field {
	const { sendIn = 'body', onlyWhen, placeholder = 'e.g. 305', note } = options;
	return {
		send: { type: sendIn, property: 'ai_interview_id' },
		check: 'id',
		onlyWhen,
		property: {
			displayName: 'AI Interview ID',
			name: 'aiInterviewId',
			type: 'number',
			required: true,
			default: 0,
			placeholder,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: note ? `${HOW_TO_FIND} ${note}` : HOW_TO_FIND,
		},
	};
}

/** How a 404 about an AI interview reads: which interview, and where to find the right number. */
export function aiInterviewNotFound(aiInterviewId: unknown): NotFound {
	return {
		what: `AI interview ${String(aiInterviewId)}`,
		fix: "Check the AI Interview ID: open the interview in Xobin's AI Interviews dashboard and copy its number. The API key must belong to the account that owns the interview.",
	};
}
