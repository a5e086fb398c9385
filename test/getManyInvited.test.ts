// Get Many Invited: everyone invited to an AI interview, one item each, dates in ISO, filtered and
// limited on n8n's side (Xobin's list has neither), and Xobin's failures.

import { candidates, pairedIndexes, requestsTo, runInvite, runOperation, useMockXobin } from './support';

const INVITED_PATH = /\/ai-interviews\/invited\//;

describe('Get Many Invited', () => {
	const mock = useMockXobin();

	test('lists everyone invited to the interview, with last_updated_at as ISO 8601', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 211, returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ ai_interview_id: 211, candidate_id: 7062, invite_status: 'Pending', last_updated_at: '2025-07-10T11:52:57.000Z', response_id: 6734 },
			{ ai_interview_id: 211, candidate_id: 7063, invite_status: 'Completed', last_updated_at: '2025-07-10T12:10:05.000Z', response_id: 6735 },
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0]);
		const requests = requestsTo(mock(), INVITED_PATH);
		expect(requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['GET', '/api/v2/ai-interviews/invited/211', {}],
		]);
	});

	test('includes candidates just invited through the node, as Pending', async () => {
		await runInvite(mock(), { items: candidates(2) });
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 305, returnAll: true },
		});

		const invited = mock().invites.map((invite) => invite.response_id);
		expect(result.outputs[0].map((item) => [item.json.response_id, item.json.invite_status])).toEqual([
			[7421, 'Completed'],
			[invited[0], 'Pending'],
			[invited[1], 'Pending'],
		]);
		for (const item of result.outputs[0]) {
			expect(item.json.last_updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
		}
	});

	test('the status filter keeps only the chosen statuses (applied by the node, nothing extra sent)', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 211, returnAll: true, filters: { inviteStatus: ['Completed', 'Started'] } },
		});

		expect(result.outputs[0].map((item) => item.json.response_id)).toEqual([6735]);
		expect(requestsTo(mock(), INVITED_PATH)[0].query).toEqual({});
	});

	test('Limit caps how many come back; Return All returns them all', async () => {
		const limited = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 211, limit: 1 },
		});
		expect(limited.outputs[0].map((item) => item.json.response_id)).toEqual([6734]);
	});

	test('one list per input item, each linked to its item', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: '={{ $json.interview }}', returnAll: true },
			items: [{ interview: 305 }, { interview: 211 }],
		});

		expect(result.outputs[0].map((item) => item.json.response_id)).toEqual([7421, 6734, 6735]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 1]);
	});

	test('an interview nobody was invited to gives no items and no error', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 138, returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toEqual([]);
	});

	test('an unknown interview names the ID and where to find the right one', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 999 },
		});

		expect(result.error?.message).toBe('Xobin could not find AI interview 999: AI interview not found [item 0]');
		expect(result.error?.description).toMatch(/AI Interviews dashboard/);
	});

	test('an interview ID that is not a whole number is refused before anything is sent', async () => {
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: '={{ $json.interview }}' },
			items: [{ interview: 'two-eleven' }],
		});

		expect(result.error?.message).toBe('AI Interview ID must be a whole number above zero, got "two-eleven" [item 0]');
		expect(requestsTo(mock(), INVITED_PATH)).toHaveLength(0);
	});

	test('an answer that is not a list is reported as an error, not passed on', async () => {
		mock().queueFault({ path: INVITED_PATH, status: 200, body: { data: [] } });
		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 211 },
		});

		expect(result.error?.message).toBe("Xobin's answer does not confirm the request (HTTP 200) [item 0]");
	});

	describe('Add Candidate Details', () => {
		test("adds each candidate's name, email, status, score and report link from their report; an unfinished one is no error", async () => {
			const result = await runOperation(mock(), {
				operation: 'getManyInvited',
				parameters: { aiInterviewId: 211, returnAll: true, options: { addDetails: true } },
			});

			expect(result.error).toBeUndefined();
			expect(result.outputs[0].map((item) => item.json)).toEqual([
				expect.objectContaining({ response_id: 6734, name: 'Sam Okafor', email: 'sam.okafor@example.com', invite_status: 'Pending', score: null, report_link: null, report_ready: false }),
				expect.objectContaining({ response_id: 6735, invite_status: 'Completed', report_ready: true, score: expect.any(Number), report_link: expect.stringMatching(/report\/6735$/) }),
			]);
			expect(result.outputs[0][1].json.name).toEqual(expect.any(String));
			expect(result.outputs[0][1].json.email).toEqual(expect.stringContaining('@'));
			expect(requestsTo(mock(), /\/ai-interviews\/report\//).map((request) => request.path).sort()).toEqual([
				'/api/v2/ai-interviews/report/6734',
				'/api/v2/ai-interviews/report/6735',
			]);
		});

		test('off by default: no report is read', async () => {
			await runOperation(mock(), { operation: 'getManyInvited', parameters: { aiInterviewId: 211, returnAll: true } });
			expect(requestsTo(mock(), /\/ai-interviews\/report\//)).toHaveLength(0);
		});

		test('a candidate Xobin has no report for still comes out, saying so; a busy Xobin is waited for; other failures fail the item', async () => {
			mock().queueFault({ path: '/api/v2/ai-interviews/report/6734', status: 404, body: { error: 'Report not found' } });
			mock().queueFault({ path: '/api/v2/ai-interviews/report/6735', status: 429, headers: { 'Retry-After': '0' } });
			const result = await runOperation(mock(), {
				operation: 'getManyInvited',
				parameters: { aiInterviewId: 211, returnAll: true, options: { addDetails: true } },
			});

			expect(result.error).toBeUndefined();
			const [missing, found] = result.outputs[0].map((item) => item.json);
			expect(missing).toEqual(expect.objectContaining({ response_id: 6734, name: null, report_ready: false }));
			expect(missing.details_error).toBe('Xobin has no report for response ID 6734 (404), so its details are missing');
			expect(found).toEqual(expect.objectContaining({ response_id: 6735, report_ready: true }));
			expect(found).not.toHaveProperty('details_error');
			expect(requestsTo(mock(), /\/report\/6735$/)).toHaveLength(2);

			mock().queueFault({ path: '/api/v2/ai-interviews/report/6735', status: 401, body: { error: 'Invalid API key' } });
			const failed = await runOperation(mock(), {
				operation: 'getManyInvited',
				parameters: { aiInterviewId: 211, returnAll: true, options: { addDetails: true } },
			});
			expect(failed.error?.message).toMatch(/401|API key/i);
		});
	});
});
