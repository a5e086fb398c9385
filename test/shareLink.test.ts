// Get Shareable Report Link: a signed, time-limited link to a finished report, with the expiration
// checked against Xobin's range (1 minute to 24 hours) before anything is sent.

import { pairedIndexes, requestsTo, runOperation, useMockXobin } from './support';

const SHARE_PATH = /\/ai-interviews\/report\/\d+\/share$/;

describe('Get Shareable Report Link', () => {
	const mock = useMockXobin();

	test('creates a link that works for the chosen number of hours', async () => {
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: 7421, expirationHours: 2 },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual({
			ai_interview_id: 305,
			expiration_hours: 2,
			expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/),
			response_id: 7421,
			signed_url: expect.stringMatching(/^https:\/\/yourdomain\.xobin\.com\/interviews\/ai\/report\/shared\//),
		});
		const [request] = requestsTo(mock(), SHARE_PATH);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/v2/ai-interviews/report/7421/share',
			{ expiration_hours: 2 },
		]);
	});

	test.each([
		['1 minute', 0.0167],
		['half an hour', 0.5],
		['24 hours', 24],
	])('accepts %s (%d hours)', async (_label, hours) => {
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: 7421, expirationHours: hours },
		});

		expect(result.error).toBeUndefined();
		expect(mock().shareLinks).toEqual([{ response_id: 7421, expiration_hours: hours }]);
	});

	test.each([
		['zero', 0, '0'],
		['30 seconds', 0.0083, '0.0083'],
		['25 hours', 25, '25'],
		['a negative number', -1, '-1'],
		['text', 'two', 'two'],
	])('refuses %s as expiration without calling Xobin', async (_label, hours, shown) => {
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: 7421, expirationHours: '={{ $json.hours }}' },
			items: [{ hours }],
		});

		expect(result.error?.message).toBe(
			`Expiration (Hours) must be between 1 minute (0.0167) and 24 hours, got "${shown}" [item 0]`,
		);
		expect(result.error?.description).toMatch(/0\.5 is 30 minutes/);
		expect(requestsTo(mock(), SHARE_PATH)).toHaveLength(0);
	});

	test("Xobin's own range error reaches the user word for word", async () => {
		mock().queueFault({
			path: SHARE_PATH,
			status: 400,
			body: { error: 'expiration_hours must be between 1 minute and 24 hours' },
		});
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: 7421, expirationHours: 1 },
		});

		expect(result.error?.message).toBe(
			'Xobin rejected the request: expiration_hours must be between 1 minute and 24 hours [item 0]',
		);
		expect(result.error?.httpCode).toBe('400');
	});

	test('a report the candidate has not finished cannot be shared, and the message says why', async () => {
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: 6734, expirationHours: 1 },
		});

		expect(result.error?.message).toBe(
			'The candidate has not finished this AI interview yet: Report is not available: the AI interview is not completed yet [item 0]',
		);
		expect(result.error?.description).toMatch(/Get Report/);
	});

	test('one link per item, each linked to its item; an unknown response becomes an error item with "Continue"', async () => {
		const result = await runOperation(mock(), {
			operation: 'getShareLink',
			parameters: { responseId: '={{ $json.response_id }}', expirationHours: 24 },
			items: [{ response_id: 6735 }, { response_id: 1 }, { response_id: 7421 }],
			settings: { onError: 'continueRegularOutput' },
		});

		const [output] = result.outputs;
		expect(output.map((item) => item.json.response_id ?? item.json.error)).toEqual([
			6735,
			'Xobin could not find a report for response ID 1: Report not found [item 1]',
			7421,
		]);
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
	});
});
