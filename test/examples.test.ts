// The example workflows in examples/ run as committed: Invited and Invites Exhausted feed the
// nodes the README describes. Nodes from n8n-nodes-base are pass-through stand-ins here.

import type { IDataObject } from 'n8n-workflow';

import sheetsExample from '../examples/invite-candidates-from-google-sheets.json';
import webhookExample from '../examples/invite-candidates-from-webhook.json';
import { runWorkflow } from './harness/engine';
import { MOCK_API_KEY, sentBodies, useMockXobin } from './support';

describe('example workflows', () => {
	const mock = useMockXobin({ invitesLeft: 2 });

	test('Google Sheets example: links go back to the sheet, the rest to Slack and the Parked sheet', async () => {
		const rows: IDataObject[] = [
			{ Name: 'Alex Tanaka', Email: 'alex@example.com', 'Row ID': 'CAND-1' },
			{ Name: 'Priya Raman', Email: 'priya@example.com', 'Row ID': 'CAND-2' },
			{ Name: 'Jonas Weber', Email: 'jonas@example.com', 'Row ID': 'CAND-3' },
		];
		const run = await runWorkflow({
			workflow: sheetsExample,
			startNode: 'Invite to AI Interview',
			items: rows,
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
		});

		expect(run.error).toBeUndefined();
		expect(run.outputsOf('Write Invite Link to Sheet')[0].map((item) => item.json.invite_link)).toEqual([
			expect.stringMatching(/^https:\/\//),
			expect.stringMatching(/^https:\/\//),
		]);
		for (const node of ['Tell the Hiring Channel', 'Park Row for Later']) {
			expect(run.outputsOf(node)[0].map((item) => item.json.Email)).toEqual(['jonas@example.com']);
		}
		const bodies = sentBodies(mock());
		expect(bodies[0]).toEqual(
			expect.objectContaining({ invite_format: 'sendlink', custom_field_id: 'CAND-1', expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) }),
		);
	});

	test('webhook example: invited candidates reach "Invited", the rest "Parked for Later"', async () => {
		const posted: IDataObject[] = [
			{ name: 'Alex Tanaka', email: 'alex@example.com', interviewId: '305', id: 'A-1' },
			{ name: 'Priya Raman', email: 'priya@example.com', interviewId: 305, id: 'A-2' },
			{ name: 'Jonas Weber', email: 'jonas@example.com', interviewId: 305, id: 'A-3' },
		];
		const run = await runWorkflow({
			workflow: webhookExample,
			startNode: 'Invite to AI Interview',
			items: posted,
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
		});

		expect(run.error).toBeUndefined();
		expect(run.outputsOf('Invited')[0].map((item) => item.json.custom_field_id)).toEqual(['A-1', 'A-2']);
		expect(run.outputsOf('Parked for Later')[0].map((item) => item.json.id)).toEqual(['A-3']);
	});
});
