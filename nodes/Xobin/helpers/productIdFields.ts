// The "AI Interview ID" and "Assessment ID" fields that the operations and the Xobin Trigger ask
// for, and how a 404 about either reads: declared once, so labels, checks and help text read the
// same everywhere.

import type { IDisplayOptions } from 'n8n-workflow';

import type { NotFound } from '../transport/types';
import type { Field } from './fields';
import { idField } from './fields';

interface IdFieldOptions {
	sendIn?: 'body' | 'path';
	show?: IDisplayOptions['show'];
	placeholder?: string;
	/** A sentence added to the help text. */
	note?: string;
}

/** A product's ID field, sent in the body unless told otherwise. */
const productIdField =
	(displayName: string, name: string, sendAs: string, howToFind: string, example: string) =>
	({ sendIn = 'body', show, placeholder = example, note }: IdFieldOptions = {}): Field =>
		idField(
			{ type: sendIn, property: sendAs },
			{
				displayName,
				name,
				placeholder,
				description: note ? `${howToFind} ${note}` : howToFind,
				...(show ? { displayOptions: { show } } : {}),
			},
		);

/** How a 404 about a product reads: which one, and where to find the right number. */
const productNotFound =
	(what: string, fix: string) =>
	(id: unknown): NotFound => ({ what: `${what} ${String(id)}`, fix });

export const aiInterviewIdField = productIdField(
	'AI Interview ID',
	'aiInterviewId',
	'ai_interview_id',
	"The number of the AI interview in Xobin. Open the interview in Xobin's AI Interviews dashboard to find it.",
	'e.g. 305',
);

export const aiInterviewNotFound = productNotFound(
	'AI interview',
	"Check the AI Interview ID: open the interview in Xobin's AI Interviews dashboard and copy its number. The API key must belong to the account that owns the interview.",
);

export const assessmentIdField = productIdField(
	'Assessment ID',
	'assessmentId',
	'assessment_id',
	"The number of the assessment in Xobin. Open the assessment in Xobin's Assessments dashboard to find it.",
	'e.g. 53280',
);

export const assessmentNotFound = productNotFound(
	'assessment',
	"Check the Assessment ID: open the assessment in Xobin's Assessments dashboard and copy its number. The API key must belong to the account that owns the assessment.",
);
