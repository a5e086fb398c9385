// AI Interview → Generate: POST /ai-interviews/generate-interview for each item. Xobin
// queues the job and answers 202 at once with its job_id (status "pending"); the interview itself
// is built in the background, and Xobin reports progress to the Notification URL when one is given.

import { operation } from '../operation';
import { textField } from '../commonFields';

export const { fields, description, execute } = operation({
	resource: 'aiInterview',
	operation: 'generate',
	fields: [
		textField({ type: 'body', property: 'job_role' }, 'text', {
			displayName: 'Job Role',
			name: 'jobRole',
			placeholder: 'e.g. Senior Python Developer',
			description: 'Title of the role the AI interview is for',
		}),
		textField({ type: 'body', property: 'job_description' }, 'text', {
			displayName: 'Job Description',
			name: 'jobDescription',
			typeOptions: { rows: 6 },
			placeholder: 'e.g. We are looking for a Senior Python Developer with 5+ years of experience…',
			description:
				'The job description Xobin builds the interview plan from: responsibilities, must-have and nice-to-have skills',
		}),
		{
			send: { type: 'body', property: 'notification_url' },
			check: 'url',
			optional: true,
			property: {
				displayName: 'Notification URL',
				name: 'notificationUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://your-n8n.example.com/webhook/xobin-generation',
				description:
					"Address Xobin sends status updates about the generation job to, such as an n8n Webhook node's URL",
			},
		},
	],
	// Each request queues a new job: retried only when Xobin says it did not take it (429 / 503).
	request: ({ body }) => ({
		method: 'POST',
		endpoint: '/ai-interviews/generate-interview',
		body,
		requires: ['job_id'],
		lostAnswer:
			'Xobin may have queued the generation job anyway: check the AI Interviews dashboard in Xobin before running this item again, or the interview may be generated twice.',
	}),
});
