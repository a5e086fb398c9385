// Get Report: the report of a finished interview (simplified or whole), the status of an unfinished
// one, look-up by Response ID or by the Custom Field ID set at invite time, and Xobin's failures.

import { inviteParameters, pairedIndexes, requestsTo, runInvite, runOperation, useMockXobin } from './support';

const REPORT_PATH = /\/ai-interviews\/report/;

describe('Get Report', () => {
	const mock = useMockXobin();

	test('returns the sheet columns of a completed report: name, email, score, recommendation, integrity score, date and links', async () => {
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{
				response_id: 7421,
				custom_field_id: 'CAND-2025-001',
				name: 'Alex Tanaka',
				email: 'alex.tanaka@example.com',
				score: 82,
				recommendation: 'Recommended',
				integrity_score: 9.5,
				completed_date: 'Jul 19, 2025, 11:05:12 AM',
				report_link: 'https://yourdomain.xobin.com/interviews/ai/report/7421',
				report_ready: true,
			},
		]);
		const [request] = requestsTo(mock(), REPORT_PATH);
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v2/ai-interviews/report/7421');
		expect(request.query).toEqual({});
	});

	test('workflows built with node version 1 keep its thirteen simplified columns', async () => {
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 }, typeVersion: 1 });

		expect(Object.keys(result.outputs[0][0].json)).toEqual([
			'response_id',
			'custom_field_id',
			'ai_interview_id',
			'ai_interview_name',
			'name',
			'email',
			'invite_status',
			'score',
			'recommendation',
			'integrity_score',
			'completed_date',
			'report_link',
			'pdf_link',
			'report_ready',
		]);
	});

	test('with Simplify off returns the whole report, summary, skill scores and conversation included', async () => {
		const result = await runOperation(mock(), {
			operation: 'getReport',
			parameters: { responseId: 7421, simplify: false },
		});

		const [item] = result.outputs[0];
		expect(item.json).toEqual({ ...mock().report(7421), report_ready: true });
		expect(item.json.candidate_summary).toMatch(/Alex is recommended/);
		expect(item.json.skill_wise_scores).toEqual(expect.objectContaining({ must_haves: expect.any(Array) }));
		expect(item.json.conversation).toHaveLength(2);
	});

	test('finds a candidate invited through the node by the Custom Field ID given at invite time', async () => {
		await runInvite(mock(), {
			items: [{ name: 'Priya Raman', email: 'priya@example.com' }],
			parameters: inviteParameters({ additionalFields: { customFieldId: 'ROW-17' } }),
		});
		const [invite] = mock().invites;
		const lookUp = async () =>
			await runOperation(mock(), {
				operation: 'getReport',
				parameters: { lookupBy: 'customFieldId', customFieldId: '={{ $json.row }}' },
				items: [{ row: 'ROW-17' }],
			});

		const before = await lookUp();
		expect(before.outputs[0][0].json).toEqual(
			expect.objectContaining({ response_id: invite.response_id, name: 'Priya Raman', report_ready: false }),
		);

		await mock().completeInterview(invite.response_id, { score: 91, recommendation: 'Strongly Recommended' });
		const after = await lookUp();
		expect(after.outputs[0][0].json).toEqual(
			expect.objectContaining({
				response_id: invite.response_id,
				custom_field_id: 'ROW-17',
				score: 91,
				recommendation: 'Strongly Recommended',
				report_ready: true,
			}),
		);
		const requests = requestsTo(mock(), REPORT_PATH);
		expect(requests.map((request) => [request.path, request.query])).toEqual([
			['/api/v2/ai-interviews/report', { custom_field_id: 'ROW-17' }],
			['/api/v2/ai-interviews/report', { custom_field_id: 'ROW-17' }],
		]);
	});

	test('a candidate who has not finished comes back with their status, not as an error', async () => {
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 6734 } });

		expect(result.error).toBeUndefined();
		const [item] = result.outputs[0];
		expect(item.json).toEqual(
			expect.objectContaining({
				response_id: 6734,
				name: 'Sam Okafor',
				invite_status: 'Pending',
				score: null,
				report_ready: false,
				message:
					'The candidate has not completed this AI interview yet (status: Pending). The report is available once they finish and Xobin has evaluated it.',
			}),
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test.each([
		{
			what: 'a 409 with the status',
			fault: { status: 409, body: { error: 'AI interview not completed yet', invite_status: 'Started' } },
			status: 'Started',
			said: 'AI interview not completed yet',
		},
		{
			what: 'a 400 that only says so in words',
			fault: { status: 400, body: { message: 'Report not ready yet' } },
			status: 'Not completed',
			said: 'Report not ready yet',
		},
		{
			what: 'a 202 while the evaluation runs',
			fault: { status: 202, body: { response_id: 7421, status: 'processing' } },
			status: 'processing',
			said: undefined,
		},
	])('Xobin answering "not finished" with $what still gives the status', async ({ fault, status, said }) => {
		mock().queueFault({ path: /report\/7421$/, ...fault });
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error).toBeUndefined();
		const { json } = result.outputs[0][0];
		expect(json).toEqual(expect.objectContaining({ response_id: 7421, report_ready: false, invite_status: status }));
		expect(json.message).toContain(`(status: ${status})`);
		if (said) expect(json.message).toContain(`Xobin said: "${said}".`);
		expect(json).not.toHaveProperty('error');
	});

	test('asks Xobin for recording download URLs when the option is on (under Options from node version 3, on the panel before), and keeps them in the simplified report', async () => {
		const runs = [
			{ typeVersion: 3, parameters: { responseId: 7421, options: { includeRecordingDownloads: true } } },
			{ typeVersion: 2, parameters: { responseId: 7421, includeRecordingDownloads: true } },
			{ typeVersion: 1, parameters: { responseId: 7421, includeRecordingDownloads: true } },
		];
		for (const { typeVersion, parameters } of runs) {
			const result = await runOperation(mock(), { operation: 'getReport', typeVersion, parameters });
			expect(result.outputs[0][0].json.interview_recording).toEqual({
				session1: expect.stringMatching(/^https:\/\/.+\.webm\?download=1/),
				session2: expect.stringMatching(/^https:\/\/.+\.webm\?download=1/),
			});
		}
		expect(requestsTo(mock(), REPORT_PATH).map((request) => request.query)).toEqual([1, 2, 3].map(() => ({ is_downloadable: 'true' })));
		// The old top-level parameter means nothing in version 3, where the option lives under Options.
		await runOperation(mock(), { operation: 'getReport', typeVersion: 3, parameters: { responseId: 7421, includeRecordingDownloads: true } });
		expect(requestsTo(mock(), REPORT_PATH)[3].query).toEqual({});
	});

	test('an unknown Response ID names the ID and where to find the right one', async () => {
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 999999 } });

		expect(result.error?.message).toBe('Xobin could not find a report for response ID 999999: Report not found [item 0]');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toMatch(/Invite Candidate returns it as response_id/);
	});

	test('an unknown Custom Field ID says it must match the invite exactly', async () => {
		const result = await runOperation(mock(), {
			operation: 'getReport',
			parameters: { lookupBy: 'customFieldId', customFieldId: 'cand-2025-001' },
		});

		expect(result.error?.message).toBe(
			'Xobin could not find a report for custom field ID "cand-2025-001": No report found for this custom_field_id [item 0]',
		);
		expect(result.error?.description).toMatch(/case-sensitive/);
	});

	test.each([
		{
			what: 'a Response ID that is not a number',
			parameters: { responseId: '={{ $json.id }}' },
			item: { id: 'R-7421' },
			message: 'Response ID must be a whole number above zero, got "R-7421" [item 0]',
		},
		{
			what: 'a missing Response ID',
			parameters: { responseId: '={{ $json.id }}' },
			item: {},
			message: 'Response ID is empty [item 0]',
		},
		{
			what: 'a blank Custom Field ID',
			parameters: { lookupBy: 'customFieldId', customFieldId: '={{ $json.ref }}' },
			item: { ref: '  ' },
			message: 'Custom Field ID is empty [item 0]',
		},
	])('refuses $what without calling Xobin', async ({ parameters, item, message }) => {
		const result = await runOperation(mock(), { operation: 'getReport', parameters, items: [item] });

		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toEqual(expect.any(String));
		expect(requestsTo(mock(), REPORT_PATH)).toHaveLength(0);
	});

	test('several items: each report is linked to its item; with "Continue" a missing one becomes an error item in its place', async () => {
		const result = await runOperation(mock(), {
			operation: 'getReport',
			parameters: { responseId: '={{ $json.id }}' },
			items: [{ id: 7421 }, { id: 404 }, { id: 6735 }],
			settings: { onError: 'continueRegularOutput' },
		});

		const [output] = result.outputs;
		expect(output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'Alex Tanaka',
			'Xobin could not find a report for response ID 404: Report not found [item 1]',
			'Maria Lopez',
		]);
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
	});

	test('"Continue (using error output)" moves only the failed item to the Error output', async () => {
		const result = await runOperation(mock(), {
			operation: 'getReport',
			parameters: { responseId: '={{ $json.id }}' },
			items: [{ id: 404 }, { id: 7421 }],
			settings: { onError: 'continueErrorOutput' },
		});

		const [success, errors] = result.outputs;
		expect(success.map((item) => item.json.response_id)).toEqual([7421]);
		expect(errors.map((item) => item.json.error)).toEqual([
			'Xobin could not find a report for response ID 404: Report not found [item 0]',
		]);
	});

	test('a busy Xobin (429) and a dropped connection are asked again, since reading a report changes nothing', async () => {
		mock().queueFault({ path: /report\/7421$/, status: 429, headers: { 'Retry-After': '0' } });
		mock().queueFault({ path: /report\/7421$/, drop: true });
		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.report_ready).toBe(true);
		expect(requestsTo(mock(), REPORT_PATH)).toHaveLength(3);
	});
});
