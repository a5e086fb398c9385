// Generate AI Interview: Xobin queues the job and answers 202 with its id; a job that may already be
// queued is never sent twice.

import { requestsTo, runOperation, useMockXobin } from './support';

const GENERATE_PATH = /\/ai-interviews\/generate-interview$/;

const ROLE = { jobRole: 'Senior Python Developer', jobDescription: 'We are looking for a Senior Python Developer with 5+ years of experience.' };

describe('Generate AI Interview', () => {
	const mock = useMockXobin();

	test('queues the generation and returns the job with its id', async () => {
		const result = await runOperation(mock(), { operation: 'generate', parameters: ROLE });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{
				job_id: '550e8400-e29b-41d4-a716-446655440000',
				status: 'pending',
				message: 'AI interview plan generation job has been queued successfully',
			},
		]);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		const [request] = requestsTo(mock(), GENERATE_PATH);
		expect([request.method, request.body]).toEqual([
			'POST',
			{ job_role: ROLE.jobRole, job_description: ROLE.jobDescription },
		]);
	});

	test('sends the Notification URL when one is given', async () => {
		await runOperation(mock(), {
			operation: 'generate',
			parameters: { ...ROLE, additionalFields: { notificationUrl: 'https://n8n.example.com/webhook/xobin-jobs' } },
		});

		expect(mock().generationJobs[0].request).toEqual({
			job_role: ROLE.jobRole,
			job_description: ROLE.jobDescription,
			notification_url: 'https://n8n.example.com/webhook/xobin-jobs',
		});
	});

	test.each([
		{
			what: 'an empty job description from the input',
			parameters: { ...ROLE, jobDescription: '={{ $json.description }}' },
			item: { description: '' },
			message: 'Job Description is empty [item 0]',
		},
		{
			what: 'a Notification URL that is not a web address',
			parameters: { ...ROLE, additionalFields: { notificationUrl: 'n8n webhook' } },
			item: {},
			message: 'Notification URL "n8n webhook" is not a valid web address [item 0]',
		},
	])('refuses $what without calling Xobin', async ({ parameters, item, message }) => {
		const result = await runOperation(mock(), { operation: 'generate', parameters, items: [item] });

		expect(result.error?.message).toBe(message);
		expect(requestsTo(mock(), GENERATE_PATH)).toHaveLength(0);
	});

	test("Xobin's documented error for missing fields keeps its words", async () => {
		mock().queueFault({ path: GENERATE_PATH, status: 400, body: { error: 'Job role and job description are required' } });
		const result = await runOperation(mock(), { operation: 'generate', parameters: ROLE });

		expect(result.error?.message).toBe('Xobin rejected the request: Job role and job description are required [item 0]');
	});

	test('a dropped connection is not retried (the job may be queued) and the message says to check first', async () => {
		mock().queueFault({ path: GENERATE_PATH, drop: true });
		const result = await runOperation(mock(), { operation: 'generate', parameters: ROLE });

		expect(result.error?.message).toBe('The connection to Xobin broke before it answered [item 0]');
		expect(result.error?.description).toMatch(/queued the generation job anyway/);
		expect(requestsTo(mock(), GENERATE_PATH)).toHaveLength(1);
	});

	test('a busy Xobin (429) is asked again: it did not take the job', async () => {
		mock().queueFault({ path: GENERATE_PATH, status: 429, headers: { 'Retry-After': '0' } });
		const result = await runOperation(mock(), { operation: 'generate', parameters: ROLE });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), GENERATE_PATH)).toHaveLength(2);
		expect(mock().generationJobs).toHaveLength(1);
	});
});
