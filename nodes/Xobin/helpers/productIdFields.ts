// The "AI Interview ID" and "Assessment ID" fields that the operations and the Xobin Trigger ask
// for, and how a 404 about either reads: declared once, so labels, checks and help text read the
// same everywhere.

import type { IDisplayOptions } from 'n8n-workflow';

import type { NotFound } from '../transport/types';
import type { Field } from './fields';
import { idField } from './fields';

const HOW_TO_FIND =
	"The number of the AI interview in Xobin. Open the interview in Xobin's AI Interviews dashboard to find it.";

/** The field, sent in the body unless told otherwise; `note` adds a sentence to the help text. */
export function aiInterviewIdField(
	options: {
		sendIn?: 'body' | 'path';
		show?: IDisplayOptions['show'];
		placeholder?: string;
		note?: string;
	} = {},
): Field {
	const { sendIn = 'body', show, placeholder = 'e.g. 305', note } = options;
	return idField(
		{ type: sendIn, property: 'ai_interview_id' },
		{
			displayName: 'AI Interview ID',
			name: 'aiInterviewId',
			placeholder,
			description: note ? `${HOW_TO_FIND} ${note}` : HOW_TO_FIND,
			...(show ? { displayOptions: { show } } : {}),
		},
	);
}

/** How a 404 about an AI interview reads: which interview, and where to find the right number. */
export function aiInterviewNotFound(aiInterviewId: unknown): NotFound {
	return {
		what: `AI interview ${String(aiInterviewId)}`,
		fix: "Check the AI Interview ID: open the interview in Xobin's AI Interviews dashboard and copy its number. The API key must belong to the account that owns the interview.",
	};
}

const HOW_TO_FIND_ASSESSMENT =
	"The number of the assessment in Xobin. Open the assessment in Xobin's Assessments dashboard to find it.";

/** The Assessment ID field, sent in the body unless told otherwise; `note` adds a sentence. */
export function assessmentIdField(
	options: { sendIn?: 'body' | 'path'; show?: IDisplayOptions['show']; note?: string } = {},
): Field {
	const { sendIn = 'body', show, note } = options;
	return idField(
		{ type: sendIn, property: 'assessment_id' },
		{
			displayName: 'Assessment ID',
			name: 'assessmentId',
			placeholder: 'e.g. 53280',
			description: note ? `${HOW_TO_FIND_ASSESSMENT} ${note}` : HOW_TO_FIND_ASSESSMENT,
			...(show ? { displayOptions: { show } } : {}),
		},
	);
}

/** How a 404 about an assessment reads: which one, and where to find the right number. */
export function assessmentNotFound(assessmentId: unknown): NotFound {
	return {
		what: `assessment ${String(assessmentId)}`,
		fix: "Check the Assessment ID: open the assessment in Xobin's Assessments dashboard and copy its number. The API key must belong to the account that owns the assessment.",
	};
}
