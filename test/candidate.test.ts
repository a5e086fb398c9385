// Candidate → Parse Resume, Delete and Cancel Deletion: what reaches Xobin, what comes out, and
// that nothing which spends a credit or schedules a task is sent twice.

import type { IDataObject } from 'n8n-workflow';

import type { NodeSettings } from './harness/engine';
import { requestsTo, runOperation, useMockXobin } from './support';

const PARSE_PATH = '/api/v2/candidate/resume/parse';
const DELETE_PATH = '/api/v2/candidate/delete';
const CANCEL_PATH = '/api/v2/candidate/deletion/cancel';
const RESUME = 'https://example.com/resumes/alex-tanaka.pdf';
const retryOnFail: NodeSettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
const DAY_MS = 24 * 60 * 60 * 1000;

describe('Candidate → Parse Resume', () => {
	const mock = useMockXobin();
	const parses = () => requestsTo(mock(), /\/candidate\/resume\/parse$/);
	const scoring = {
		resumeUrl: RESUME,
		jobDescription: 'Senior data engineer',
		criteria: 'Python, SQL',
	};

	test("scores against the job: sends the four fields and returns Xobin's answer as it is", async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
		});

		expect(result.error).toBeUndefined();
		expect(parses().map((request) => request.body)).toEqual([
			{
				resume: RESUME,
				only_parse: false,
				job_description: 'Senior data engineer',
				criteria: 'Python, SQL',
			},
		]);
		expect(result.outputs[0][0].json).toEqual(mock().resumeParses[0].answer);
		expect(result.outputs[0][0].json.fitment_score).toBe(78);
		expect(mock().aiEvaluateCreditsUsed).toBe(1);
	});

	test('Only Parse sends neither job description nor criteria, even when they are filled in', async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: { ...scoring, onlyParse: true },
		});

		expect(parses().map((request) => request.body)).toEqual([{ resume: RESUME, only_parse: true }]);
		expect(result.outputs[0][0].json.parsed_resume).toEqual(
			expect.objectContaining({ name: 'Alex Tanaka' }),
		);
		expect(result.outputs[0][0].json).not.toHaveProperty('fitment_score');
	});

	test.each([
		[
			'Job Description',
			{ resumeUrl: RESUME, jobDescription: '={{ $json.job }}', criteria: 'Python' },
		],
		['Criteria', { resumeUrl: RESUME, jobDescription: 'Data engineer', criteria: '  ' }],
	])('Only Parse off without %s: an error before any request', async (field, parameters) => {
		// The job column of the input item is missing: the expression comes out empty.
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			items: [{ resume: RESUME }],
			parameters,
		});

		expect(result.error?.message).toBe(`${field} is empty [item 0]`);
		expect(mock().requests).toEqual([]);
	});

	test('a resume URL that is not a web address is refused before any request', async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: { resumeUrl: 'resumes/alex.pdf', onlyParse: true },
		});

		expect(result.error?.message).toBe(
			'Resume URL "resumes/alex.pdf" is not a valid web address [item 0]',
		);
		expect(result.error?.description).toMatch(
			/e\.g\. https:\/\/example\.com\/resumes\/alex-tanaka\.pdf/,
		);
		expect(mock().requests).toEqual([]);
	});

	test('an account without AI Evaluate: one request, an error that says so and how to get it, not retried', async () => {
		mock().setAiEvaluate(false);
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
			settings: { onError: 'continueRegularOutput' },
		});

		expect(parses()).toHaveLength(1);
		const item = result.outputs[0][0].json;
		expect(item.error).toBe(
			'Xobin refused to parse the resume: the account has no AI Evaluate, or no AI Evaluate credits left: AI Evaluate is not enabled for this account [item 0]',
		);
		expect((item.details as IDataObject).description).toMatch(
			/Ask Xobin support or your Xobin account manager to turn on AI Evaluate/,
		);
		expect((item.details as IDataObject).httpCode).toBe('403');
	});

	test('a 502 after Xobin parsed it, with Retry On Fail: sent once, and the error says a credit may have been spent', async () => {
		mock().queueFault({
			path: PARSE_PATH,
			processed: true,
			status: 502,
			body: { error: 'Bad Gateway' },
		});

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
			settings: retryOnFail,
		});

		expect(parses()).toHaveLength(1);
		expect(mock().aiEvaluateCreditsUsed).toBe(1);
		expect(result.error?.message).toBe(
			`Not sent again: an earlier try in this execution may have parsed the resume "${RESUME}" [item 0]`,
		);
		expect(result.error?.description).toMatch(
			/may have spent an AI Evaluate credit and created a candidate profile/,
		);
	});

	test('a lost answer (broken connection) is not retried, and the message says what may have happened', async () => {
		mock().queueFault({ path: PARSE_PATH, processed: true, drop: true });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
		});

		expect(parses()).toHaveLength(1);
		expect(result.error?.message).toBe('The connection to Xobin broke before it answered [item 0]');
		expect(result.error?.description).toMatch(
			/one AI Evaluate credit may have been spent and a candidate profile created\. The node does not send it again/,
		);
	});

	test('the same resume and job twice in one run: one request (one credit), both items get its answer', async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			items: [{}, {}],
			parameters: scoring,
		});

		expect(result.error).toBeUndefined();
		expect(parses()).toHaveLength(1);
		expect(mock().aiEvaluateCreditsUsed).toBe(1);
		expect(result.outputs[0].map((item) => item.json)).toEqual([mock().resumeParses[0].answer, mock().resumeParses[0].answer]);
	});

	test.each(['candidate_id', 'parsed_resume'])('a 2xx without %s is an error, not a parsed resume', async (key) => {
		const answer: IDataObject = { candidate_id: 8123, parsed_resume: { name: 'Alex Tanaka' }, fitment_score: 78 };
		delete answer[key];
		mock().queueFault({ path: PARSE_PATH, processed: true, status: 200, body: answer });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
			settings: { onError: 'continueRegularOutput' },
		});

		const item = result.outputs[0][0].json;
		expect(item.error).toBe("Xobin's answer does not confirm the request (HTTP 200) [item 0]");
		expect((item.details as IDataObject).description).toMatch(
			new RegExp(`without ${key}, which a successful answer carries.*one AI Evaluate credit may have been spent`),
		);
		expect(item).not.toHaveProperty('candidate_id');
		expect(parses()).toHaveLength(1);
	});

	test("with Retry On Fail, after a later item fails, the earlier items' answers are reused without a second request", async () => {
		const second = 'https://example.com/resumes/sam-okafor.pdf';
		mock().queueFault({ path: PARSE_PATH, after: 1, status: 400, body: { error: 'Resume could not be downloaded' } });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			items: [{ resume: RESUME }, { resume: second }],
			parameters: { ...scoring, resumeUrl: '={{ $json.resume }}' },
			settings: retryOnFail,
		});

		expect(result.error).toBeUndefined();
		// Try 1: the first parsed, the second refused (Xobin did nothing). Try 2: only the second.
		expect(parses().map((request) => (request.body as IDataObject).resume)).toEqual([RESUME, second, second]);
		expect(mock().aiEvaluateCreditsUsed).toBe(2);
		expect(result.outputs[0].map((item) => item.json)).toEqual(mock().resumeParses.map((parse) => parse.answer));
	});

	test('a 503 (Xobin busy, did nothing) is retried', async () => {
		mock().queueFault({ path: PARSE_PATH, status: 503, headers: { 'Retry-After': '0' } });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'parseResume',
			parameters: scoring,
		});

		expect(result.error).toBeUndefined();
		expect(parses()).toHaveLength(2);
		expect(mock().aiEvaluateCreditsUsed).toBe(1);
	});
});

describe('Candidate → Delete and Cancel Deletion', () => {
	const mock = useMockXobin();

	test('Delete returns the task ID, when the deletion happens (an estimate) and how to undo it', async () => {
		const before = Date.now();
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			parameters: { email: 'Alex.Tanaka@example.com' },
		});

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), /\/candidate\/delete$/).map((request) => request.body)).toEqual([
			{ email: 'Alex.Tanaka@example.com' },
		]);
		const { json } = result.outputs[0][0];
		expect(json).toEqual({
			success: true,
			message: 'Candidate scheduled for deletion',
			task_id: mock().candidateDeletions[0].task_id,
			email: 'Alex.Tanaka@example.com',
			deletion_scheduled_for: expect.any(String),
			note: expect.stringMatching(/Cancel Deletion with this task_id/),
		});
		const scheduled = Date.parse(json.deletion_scheduled_for as string);
		expect(scheduled).toBeGreaterThanOrEqual(before + 7 * DAY_MS);
		expect(scheduled).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
	});

	test.each([404, 200])(
		'"Candidate not found" (HTTP %i) is a clear error naming the email, sent once per try (never repeated by the node)',
		async (status) => {
			mock().setCandidateErrorStatus(status);
			const result = await runOperation(mock(), {
				resource: 'candidate',
				operation: 'delete',
				parameters: { email: 'nobody@example.com' },
				settings: retryOnFail,
			});

			expect(result.error?.message).toBe(
				'Xobin has no candidate with the email "nobody@example.com": Candidate not found [item 0]',
			);
			expect(result.error?.description).toMatch(/Check the email address/);
			expect(result.error?.description).not.toMatch(/may have/);
			// A certain refusal: the node does not repeat it, n8n's Retry On Fail may (3 tries), and
			// nothing was scheduled.
			expect(requestsTo(mock(), /\/candidate\/delete$/)).toHaveLength(3);
			expect(mock().candidateDeletions).toEqual([]);
		},
	);

	test('a 502 after Xobin scheduled it, with Retry On Fail: sent once, and the error says the task ID was lost', async () => {
		mock().queueFault({ path: DELETE_PATH, processed: true, status: 502 });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			parameters: { email: 'alex.tanaka@example.com' },
			settings: retryOnFail,
		});

		expect(requestsTo(mock(), /\/candidate\/delete$/)).toHaveLength(1);
		expect(mock().candidateDeletions).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Not sent again: an earlier try in this execution may have scheduled the deletion of "alex.tanaka@example.com" [item 0]',
		);
		expect(result.error?.description).toMatch(/its task ID was lost with the answer/);
	});

	test('the same email twice in one run schedules one deletion; both items get its task ID', async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			items: [{ email: 'alex.tanaka@example.com' }, { email: 'ALEX.TANAKA@example.com ' }],
			parameters: { email: '={{ $json.email }}' },
		});

		expect(mock().candidateDeletions).toHaveLength(1);
		expect(result.outputs[0].map((item) => item.json.task_id)).toEqual([
			mock().candidateDeletions[0].task_id,
			mock().candidateDeletions[0].task_id,
		]);
	});

	test('Cancel Deletion sends the task ID as a string and confirms', async () => {
		await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			parameters: { email: 'alex.tanaka@example.com' },
		});
		const taskId = mock().candidateDeletions[0].task_id;

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'cancelDeletion',
			parameters: { taskId },
		});

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), /\/deletion\/cancel$/).map((request) => request.body)).toEqual([
			{ task_id: taskId },
		]);
		expect(result.outputs[0][0].json).toEqual({
			success: true,
			message: 'Candidate deletion canceled successfully',
			task_id: taskId,
		});
		expect(mock().candidateDeletions[0].status).toBe('cancelled');
	});

	test('a numeric-looking task ID stays a string', async () => {
		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'cancelDeletion',
			items: [{ task: 12345 }],
			parameters: { taskId: '={{ $json.task }}' },
			settings: { onError: 'continueRegularOutput' },
		});

		expect(requestsTo(mock(), /\/deletion\/cancel$/).map((request) => request.body)).toEqual([
			{ task_id: '12345' },
		]);
		expect(result.outputs[0][0].json.error).toMatch(/no deletion to cancel/);
	});

	test('after the 7 days: a clear error saying the window may have passed or the ID is wrong', async () => {
		await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			parameters: { email: 'alex.tanaka@example.com' },
		});
		const taskId = mock().candidateDeletions[0].task_id;
		mock().expireDeletion(taskId);

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'cancelDeletion',
			parameters: { taskId },
		});

		expect(result.error?.message).toBe(
			`Xobin found no deletion to cancel for task ID "${taskId}": Invalid task ID or no deletion found [item 0]`,
		);
		expect(result.error?.description).toMatch(
			/7-day window may have passed.*or the task ID is wrong/,
		);
	});

	test('a 502 after Xobin cancelled it, with Retry On Fail: not sent again', async () => {
		await runOperation(mock(), {
			resource: 'candidate',
			operation: 'delete',
			parameters: { email: 'alex.tanaka@example.com' },
		});
		const taskId = mock().candidateDeletions[0].task_id;
		mock().queueFault({ path: CANCEL_PATH, processed: true, status: 502 });

		const result = await runOperation(mock(), {
			resource: 'candidate',
			operation: 'cancelDeletion',
			parameters: { taskId },
			settings: retryOnFail,
		});

		expect(requestsTo(mock(), /\/deletion\/cancel$/)).toHaveLength(1);
		expect(mock().candidateDeletions[0].status).toBe('cancelled');
		expect(result.error?.message).toMatch(
			/^Not sent again: an earlier try in this execution may have cancelled deletion task/,
		);
	});
});
