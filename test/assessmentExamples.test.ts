// The assessment example workflow in examples/ runs as committed: the Xobin Trigger (set up from the
// example's own parameters) receives Xobin's Submission call when a candidate submits the
// assessment, Get Report (simplified) turns it into one flat row, and that row reaches the Google
// Sheets node (a pass-through stand-in here), section and skill scores as columns.

import resultsExample from '../examples/write-assessment-results-to-google-sheets.json';
import type { HarnessTrigger } from './harness/engine';
import { runWorkflow, startTrigger } from './harness/engine';
import { assessmentInviteParameters, MOCK_API_KEY, requestsTo, runInvite, useMockXobin } from './support';

describe('assessment example workflows', () => {
	const mock = useMockXobin();
	let trigger: HarnessTrigger | undefined;

	afterEach(async () => {
		await trigger?.close();
		trigger = undefined;
	});

	test('Assessment Submitted → one sheet row per candidate, section and skill scores as columns', async () => {
		const credentials = { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } };
		const node = resultsExample.nodes.find((entry) => entry.type === 'n8n-nodes-xobin.xobinTrigger');
		if (!node) throw new Error('The example has no Xobin Trigger');
		trigger = await startTrigger({
			nodeType: 'xobinTrigger',
			parameters: node.parameters,
			webhookId: node.webhookId as string,
			nodeName: node.name,
			credentials,
		});
		await trigger.activate();
		await runInvite(mock(), {
			items: [{ name: 'Priya Raman', email: 'priya@example.com' }],
			parameters: assessmentInviteParameters(),
		});
		const [invite] = mock().assessmentInvites;
		await mock().submitAssessment(invite.report_id, { overall_percentage: 64, cut_off: 60 });
		expect(trigger.executions).toHaveLength(1);

		const run = await runWorkflow({
			workflow: resultsExample,
			startNode: node.name,
			items: trigger.executions[0][0].map((item) => item.json),
			credentials,
		});

		expect(run.error).toBeUndefined();
		const [row] = run.outputsOf('Add Result Row')[0];
		expect(row.json).toEqual(
			expect.objectContaining({
				report_id: invite.report_id,
				name: 'Priya Raman',
				email: 'priya@example.com',
				overall_percentage: 64,
				cut_off: 60,
				passed: true,
				report_ready: true,
				section_aptitude: expect.any(Number),
				skill_aptitude_logical_reasoning: expect.any(Number),
			}),
		);
		expect(Object.values(row.json).every((value) => value === null || typeof value !== 'object')).toBe(true);
		expect(requestsTo(mock(), /\/assessments\/report\//).map((request) => request.path)).toEqual([
			`/api/v2/assessments/report/${invite.report_id}`,
		]);
	});
});
