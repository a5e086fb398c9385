// The AI-interview example workflows in examples/ run as committed: the Xobin Trigger (set up from
// the example's own parameters) receives Xobin's Submission call when a candidate finishes, and
// its item flows through the rest of the workflow. Nodes from n8n-nodes-base are stand-ins here.

import type { IDataObject } from 'n8n-workflow';

import shareExample from '../examples/share-report-with-hiring-manager.json';
import sheetsExample from '../examples/write-interview-results-to-google-sheets.json';
import type { HarnessTrigger, WorkflowJson } from './harness/engine';
import { runWorkflow, startTrigger } from './harness/engine';
import { MOCK_API_KEY, requestsTo, runInvite, useMockXobin } from './support';

describe('AI interview example workflows', () => {
	const mock = useMockXobin();
	let trigger: HarnessTrigger | undefined;

	afterEach(async () => {
		await trigger?.close();
		trigger = undefined;
	});

	const credentials = () => ({ xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } });

	/** Activates the example's trigger, has a candidate finish, and runs the workflow on the call. */
	async function completeAndRun(example: WorkflowJson, result: IDataObject) {
		const node = example.nodes.find((entry) => entry.type === 'n8n-nodes-xobin.xobinTrigger');
		if (!node) throw new Error('The example has no Xobin Trigger');
		trigger = await startTrigger({
			nodeType: 'xobinTrigger',
			parameters: node.parameters as IDataObject,
			webhookId: node.webhookId as string,
			nodeName: node.name,
			credentials: credentials(),
		});
		await trigger.activate();
		await runInvite(mock(), { items: [{ name: 'Priya Raman', email: 'priya@example.com' }] });
		const [invite] = mock().invites;
		await mock().completeInterview(invite.response_id, result);
		expect(trigger.executions).toHaveLength(1);
		const run = await runWorkflow({
			workflow: example,
			startNode: node.name,
			items: trigger.executions[0][0].map((item) => item.json),
			credentials: credentials(),
		});
		return { run, responseId: invite.response_id };
	}

	test('completed interviews: the score and recommendation reach the Google Sheets node', async () => {
		const { run, responseId } = await completeAndRun(sheetsExample, { score: 88, recommendation: 'Recommended' });

		expect(run.error).toBeUndefined();
		expect(run.outputsOf('Write Score to Sheet')[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				response_id: responseId,
				name: 'Priya Raman',
				score: 88,
				recommendation: 'Recommended',
				report_link: `https://yourdomain.xobin.com/interviews/ai/report/${responseId}`,
				report_ready: true,
			}),
		]);
		expect(requestsTo(mock(), /\/ai-interviews\/report\//).map((request) => request.path)).toEqual([
			`/api/v2/ai-interviews/report/${responseId}`,
		]);
	});

	test('share the report: the hiring manager\'s email gets a 24-hour link to the report', async () => {
		const { run, responseId } = await completeAndRun(shareExample, { score: 71 });

		expect(run.error).toBeUndefined();
		const [email] = run.outputsOf('Email the Hiring Manager')[0];
		expect(email.json).toEqual(
			expect.objectContaining({ response_id: responseId, expiration_hours: 24, signed_url: expect.stringMatching(/^https:\/\//) }),
		);
		const [request] = requestsTo(mock(), /\/share$/);
		expect([request.path, request.body]).toEqual([
			`/api/v2/ai-interviews/report/${responseId}/share`,
			{ expiration_hours: 24 },
		]);
	});
});
