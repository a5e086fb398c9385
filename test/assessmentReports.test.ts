// Assessment → Get Report, Get Shareable Report Link and Download Report PDF in n8n's engine against
// the mock Xobin: a finished report whole or simplified (section and skill scores as columns), an
// unfinished one as its status, share links within Xobin's 15 minutes to 24 hours (checked before
// sending), PDFs as binary files, and the plural "reports" path Xobin documents for both.

import type { IDataObject } from 'n8n-workflow';

import { pairedIndexes, requestsTo, runOperation, useMockXobin } from './support';

function run(
	mock: ReturnType<ReturnType<typeof useMockXobin>>,
	operation: string,
	parameters: IDataObject,
	extra: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return runOperation(mock, {
		resource: 'assessment',
		operation,
		parameters,
		items: extra.items,
		settings: extra.continueOnFail ? { onError: 'continueRegularOutput' } : undefined,
	});
}

describe('Assessment → Get Report', () => {
	const mock = useMockXobin();

	test('Simplify: ten fields a sheet keeps, plus one number column per section and per skill', async () => {
		const result = await run(mock(), 'getReport', { reportId: 318 });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), /report/).map((request) => [request.method, request.path])).toEqual([
			['GET', '/api/v2/assessments/report/318'],
		]);
		expect(result.outputs[0][0].json).toEqual({
			report_id: 318,
			name: 'Priya Raman',
			email: 'priya.raman@example.com',
			overall_percentage: 78.5,
			cut_off: 60,
			passed: true,
			invite_status: 'Completed',
			completed_date: 'Jul 09, 2025, 11:32:08 AM',
			report_link: expect.stringMatching(/^https:\/\//),
			report_ready: true,
			section_sql: 82,
			skill_sql_joins: 85,
			skill_sql_aggregations: 79,
			section_statistics: 75,
			skill_statistics_probability: 70,
			skill_statistics_hypothesis_testing: 80,
		});
		const values = Object.values(result.outputs[0][0].json);
		expect(values.every((value) => value === null || typeof value !== 'object')).toBe(true);
	});

	test('below the cut-off is passed: false', async () => {
		const report = mock().assessmentReport(319);
		expect(report?.invite_status).toBe('Pending');
		await mock().submitAssessment(319, { overall_percentage: 41.25, cut_off: 50 });

		const result = await run(mock(), 'getReport', { reportId: 319 });

		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({ overall_percentage: 41.25, cut_off: 50, passed: false, report_ready: true }),
		);
	});

	test('Simplify off: the whole report as Xobin sent it', async () => {
		const result = await run(mock(), 'getReport', { reportId: 318, simplify: false });

		expect(result.outputs[0][0].json).toEqual({ ...mock().assessmentReport(318), report_ready: true });
	});

	test('not completed yet: the status with report_ready false, not an error', async () => {
		const result = await run(mock(), 'getReport', { reportId: 319 });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				report_id: 319,
				name: 'Garrett Bolton',
				invite_status: 'Pending',
				overall_percentage: null,
				passed: null,
				report_ready: false,
				message: expect.stringContaining('has not completed this assessment yet (status: Pending)'),
			}),
		);
	});

	test('an unknown report names the report and how to find the right ID', async () => {
		const result = await run(mock(), 'getReport', { reportId: 4040 });

		expect(result.error?.message).toBe(
			'Xobin could not find an assessment report with report ID 4040: Report not found [item 0]',
		);
		expect(result.error?.description).toContain('Invite Candidate (Assessment) returns it as report_id');
	});

	test('a 2xx without report_id is an error, never a quiet empty item', async () => {
		mock().queueFault({ path: /assessments\/report/, status: 200, body: { status: 'ok' } });
		const result = await run(mock(), 'getReport', { reportId: 318 });

		expect(result.error?.message).toMatch(/^Xobin's answer does not confirm the request \(HTTP 200\)/);
	});
});

describe('Assessment → Get Shareable Report Link', () => {
	const mock = useMockXobin();

	test("posts to Xobin's plural reports path and returns the signed link", async () => {
		const result = await run(mock(), 'getShareLink', { reportId: 318, expirationHours: 0.25 });

		expect(result.error).toBeUndefined();
		const [request] = requestsTo(mock(), /share$/);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/v2/assessments/reports/318/share',
			{ expiration_hours: 0.25 },
		]);
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				report_id: 318,
				assessment_id: 138,
				expiration_hours: 0.25,
				signed_url: expect.stringMatching(/^https:\/\/yourdomain\.xobin\.com\/assessments\//),
			}),
		);
	});

	test.each([
		['14 minutes', 14 / 60, '0.23333333333333334'],
		['a minute (fine for AI interviews, not for assessments)', 0.0167, '0.0167'],
		['25 hours', 25, '25'],
	])('refuses %s without calling Xobin', async (_label, hours, shown) => {
		const result = await run(mock(), 'getShareLink', { reportId: 318, expirationHours: '={{ $json.hours }}' }, { items: [{ hours }] });

		expect(result.error?.message).toBe(
			`Expiration (Hours) must be between 15 minutes (0.25) and 24 hours, got "${shown}" [item 0]`,
		);
		expect(result.error?.description).toContain('Xobin accepts 15 minutes to 24 hours for assessment reports');
		expect(mock().requests).toHaveLength(0);
	});

	test('an unfinished assessment says so in assessment words', async () => {
		const result = await run(mock(), 'getShareLink', { reportId: 319, expirationHours: 1 });

		expect(result.error?.message).toBe(
			'The candidate has not finished this assessment yet: Report is not available: the assessment is not completed yet [item 0]',
		);
		expect(result.error?.description).toContain("Xobin Trigger's 'Assessment Submitted' event");
	});
});

describe('Assessment → Download Report PDF', () => {
	const mock = useMockXobin();

	test('the PDF arrives as a binary file next to the input fields, from the plural reports path', async () => {
		const result = await run(mock(), 'downloadReportPdf', { reportId: 318 }, { items: [{ row: 7 }] });

		expect(result.error).toBeUndefined();
		const [item] = result.outputs[0];
		expect(item.json).toEqual({ row: 7 });
		expect(item.binary?.data).toEqual(
			expect.objectContaining({ mimeType: 'application/pdf', fileName: 'Assessment_Report_Priya_Raman_318.pdf' }),
		);
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(requestsTo(mock(), /download$/)[0].path).toBe('/api/v2/assessments/reports/318/download');
	});

	test('with Continue on error, each item gets its own outcome, paired', async () => {
		const result = await run(
			mock(),
			'downloadReportPdf',
			{ reportId: '={{ $json.report }}' },
			{ items: [{ report: 318 }, { report: 4040 }, { report: 319 }], continueOnFail: true },
		);

		const [output] = result.outputs;
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
		expect(output[0].binary?.data).toBeDefined();
		expect(output[1].json.error).toMatch(/^Xobin could not find an assessment report with report ID 4040/);
		expect(output[2].json.error).toMatch(/^The candidate has not finished this assessment yet/);
	});
});
