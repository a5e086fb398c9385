// The Track example workflows in examples/ run as committed. The IF node of the webhook example is
// played by a stand-in that evaluates the example's own conditions with n8n's filter engine (the
// same call n8n's IF node makes); other n8n-nodes-base nodes are pass-through stand-ins.

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import webhookExample from '../examples/add-applicant-from-webhook.json';
import statsExample from '../examples/nightly-track-stats-to-google-sheets.json';
import { runWorkflow } from './harness/engine';
import { MOCK_API_KEY, requestsTo, useMockXobin } from './support';

/** n8n's IF node, reduced to its conditions: items that match go to "true", the rest to "false". */
class IfStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: 'if',
		group: ['transform'],
		version: 2,
		description: 'Routes items by conditions',
		defaults: { name: 'If' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				type: 'filter',
				default: {},
				typeOptions: { filter: { caseSensitive: true, typeValidation: 'strict', version: 1 } },
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const yes: INodeExecutionData[] = [];
		const no: INodeExecutionData[] = [];
		this.getInputData().forEach((item, index) => {
			const pass = this.getNodeParameter('conditions', index, false, { extractValue: true });
			(pass ? yes : no).push({ ...item, pairedItem: { item: index } });
		});
		return [yes, no];
	}
}

describe('Track example workflows', () => {
	const mock = useMockXobin();
	const credentials = () => ({ xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } });

	test("CRM webhook: new applicants get an invitation, ones already in the track take the IF's true branch", async () => {
		const posted = [
			{ body: { name: 'Priya Raman', email: 'priya@example.com' } },
			{ body: { name: 'Alex Tanaka', email: 'alex.tanaka@example.com' } },
		];
		const run = await runWorkflow({
			workflow: webhookExample,
			startNode: 'Add to Backend Engineer Track',
			items: posted,
			credentials: credentials(),
			extraNodeTypes: { 'n8n-nodes-base.if': new IfStandIn() },
		});

		expect(run.error).toBeUndefined();
		const already = run.outputsOf('Already an Applicant')[0].map((item) => item.json);
		const invited = run.outputsOf('Invitation Sent')[0].map((item) => item.json);
		expect(already).toEqual([
			expect.objectContaining({
				already_exists: true,
				email: 'alex.tanaka@example.com',
				track_id: 6578,
			}),
		]);
		expect(invited).toEqual([
			expect.objectContaining({
				already_exists: false,
				email: 'priya@example.com',
				invite_link: expect.stringMatching(/^https:\/\//),
				email_sent: true,
			}),
		]);
		expect(
			requestsTo(mock(), /\/tracks\/6578\/applicants$/).map((request) => request.body),
		).toEqual([
			expect.objectContaining({
				invite_applicant: true,
				name: 'Priya Raman',
				email: 'priya@example.com',
				send_email: true,
			}),
			expect.objectContaining({
				invite_applicant: true,
				name: 'Alex Tanaka',
				email: 'alex.tanaka@example.com',
			}),
		]);
	});

	test('nightly stats: one flat row reaches the Google Sheets node', async () => {
		mock().seedTrackApplicants(6578, 2, { stageId: 'stg_hired', stageStatus: 'Hired' });
		const run = await runWorkflow({
			workflow: statsExample,
			startNode: 'Get Track Stats',
			items: [{ timestamp: '2025-07-18T23:30:00.000Z' }],
			credentials: credentials(),
		});

		expect(run.error).toBeUndefined();
		const rows = run.outputsOf('Append Row to Sheet')[0].map((item) => item.json);
		expect(rows).toEqual([
			expect.objectContaining({
				track_id: 6578,
				title: 'Backend Engineer',
				applicants: 3,
				in_pipeline: 1,
				hired: 2,
				rejected: 0,
			}),
		]);
		expect(
			Object.values(rows[0]).every((value) => value === null || typeof value !== 'object'),
		).toBe(true);
	});
});
