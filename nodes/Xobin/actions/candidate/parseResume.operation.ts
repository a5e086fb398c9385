// Candidate → Parse Resume: POST /candidate/resume/parse for each item. Xobin reads the resume at
// the URL, creates a candidate profile and, unless Only Parse is on, scores the resume against the
// job description and criteria. Each call spends one AI Evaluate credit, so a request that may have
// reached Xobin is never sent again (not by the transport, not by n8n's Retry On Fail); accounts
// without AI Evaluate get a 403 that says so.

import { createHash } from 'crypto';

import { quote } from '../../transport/text';
import { operation } from '../operation';
import { textField } from '../commonFields';

const ONLY_WHEN_SCORING = { onlyParse: [false] };

export const { fields, description, execute } = operation({
	resource: 'candidate',
	operation: 'parseResume',
	fields: [
		textField({ type: 'body', property: 'resume' }, 'url', {
			displayName: 'Resume URL',
			name: 'resumeUrl',
			placeholder: 'e.g. https://example.com/resumes/alex-tanaka.pdf',
			description:
				'Web address of the resume file. Xobin downloads it from there, so it must open without a login.',
		}),
		{
			send: { type: 'body', property: 'only_parse' },
			check: 'boolean',
			property: {
				displayName: 'Only Parse',
				name: 'onlyParse',
				type: 'boolean',
				default: false,
				description:
					"Whether Xobin only reads the resume's details (no fitment score). When off, Xobin also scores the resume against the Job Description and Criteria.",
			},
		},
		textField({ type: 'body', property: 'job_description' }, 'text', {
			displayName: 'Job Description',
			name: 'jobDescription',
			displayOptions: { show: ONLY_WHEN_SCORING },
			typeOptions: { rows: 4 },
			placeholder: 'e.g. We are hiring a senior data engineer to build our data pipelines…',
			description: 'The job the resume is scored against',
		}),
		textField({ type: 'body', property: 'criteria' }, 'text', {
			displayName: 'Criteria',
			name: 'criteria',
			displayOptions: { show: ONLY_WHEN_SCORING },
			typeOptions: { rows: 3 },
			placeholder: 'e.g. 5+ years of Python and SQL; experience with Airflow',
			description: 'What matters most when scoring the resume for this job',
		}),
	],
	once: ({ body }) => ({
		ledger: 'xobinParsedResumes',
		key: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
		mayHave: `parsed the resume ${quote(body.resume)}`,
		check:
			'That try may have spent an AI Evaluate credit and created a candidate profile. Look for the candidate in Xobin before running this item again.',
	}),
	// Not idempotent (a credit per call): the transport never repeats it once it may have reached Xobin.
	request: ({ body }) => ({
		method: 'POST',
		endpoint: '/candidate/resume/parse',
		body,
		requires: ['candidate_id', 'parsed_resume'],
		refusals: [
			{
				status: 403,
				message:
					'Xobin refused to parse the resume: the account has no AI Evaluate, or no AI Evaluate credits left',
				fix: 'Parse Resume needs the AI Evaluate feature on the Xobin account, and each call spends one AI Evaluate credit. Ask Xobin support or your Xobin account manager to turn on AI Evaluate or add credits, then run this item again. Nothing was parsed and no credit was spent.',
			},
		],
		lostAnswer: `So Xobin may have parsed ${quote(body.resume)} anyway: one AI Evaluate credit may have been spent and a candidate profile created. The node does not send it again (each try spends a credit). Look for the candidate in Xobin before running this item again.`,
	}),
});
