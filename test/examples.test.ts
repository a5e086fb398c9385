// The example workflows in examples/ run as committed: Invited and Invites Exhausted feed the
// nodes the README describes. Nodes from n8n-nodes-base are pass-through stand-ins here.

import type { IDataObject } from 'n8n-workflow';

import sheetsExample from '../examples/invite-candidates-from-google-sheets.json';
import webhookExample from '../examples/invite-candidates-from-webhook.json';
import assessmentSheetsExample from '../examples/invite-candidates-to-assessment-from-google-sheets.json';
import { runWorkflow } from './harness/engine';
import {
	ASSESSMENT_INVITE_PATH,
	BULK_INVITE_PATH,
	MOCK_API_KEY,
	sentBodies,
	useMockXobin,
} from './support';

describe('example workflows', () => {
	const mock = useMockXobin({ invitesLeft: 2, assessmentInvitesLeft: 3 });

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
		// The account has two invites: two rows get links, the third is parked (which two depends on
		// which requests reach Xobin first, since the node sends several at once).
		const written = run.outputsOf('Write Invite Link to Sheet')[0];
		expect(written.map((item) => item.json.invite_link)).toEqual([
			expect.stringMatching(/^https:\/\//),
			expect.stringMatching(/^https:\/\//),
		]);
		const told = run.outputsOf('Tell the Hiring Channel')[0].map((item) => item.json.Email);
		const parked = run.outputsOf('Park Row for Later')[0].map((item) => item.json.Email);
		expect(told).toHaveLength(1);
		expect(parked).toEqual(told);
		expect([...written.map((item) => item.json.email), ...parked].sort()).toEqual(
			rows.map((row) => row.Email).sort(),
		);
		const bodies = sentBodies(mock());
		expect(bodies.find((body) => body.custom_field_id === 'CAND-1')).toEqual(
			expect.objectContaining({
				invite_format: 'sendlink',
				candidate_email: 'alex@example.com',
				expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
			}),
		);
	});

	test('Google Sheets assessment example: links go back to the sheet, one Slack message, the rest to the Parked sheet', async () => {
		const rows: IDataObject[] = Array.from({ length: 8 }, (_row, index) => ({
			Name: `Candidate ${index + 1}`,
			Email: `candidate${index + 1}@example.com`,
		}));
		const run = await runWorkflow({
			workflow: assessmentSheetsExample,
			startNode: 'Invite to Assessment',
			items: rows,
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
		});

		expect(run.error).toBeUndefined();
		// The account has three assessment invites: the 8 rows go in one bulk request, which Xobin
		// refuses as a whole, so they are sent again one per request (the first alone, then several
		// at once): three get links, the rest are parked. Every row comes out once.
		const written = run.outputsOf('Write Invite Link to Sheet')[0].map((item) => item.json);
		expect(written).toHaveLength(3);
		expect(written[0].email).toBe(rows[0].Email);
		for (const invite of written) {
			expect(invite).toEqual(
				expect.objectContaining({
					invite_link: expect.stringMatching(/^https:\/\//),
					report_id: expect.any(Number),
				}),
			);
		}
		// One message per run (Execute Once), however many rows were parked.
		expect(run.outputsOf('Tell the Hiring Channel')[0]).toHaveLength(1);
		const parked = run.outputsOf('Park Row for Later')[0].map((item) => item.json);
		expect(parked).toHaveLength(5);
		for (const row of parked) {
			expect(row).toEqual(
				expect.objectContaining({ assessment_id: 53280, message: expect.any(String) }),
			);
		}
		expect([...written.map((row) => row.email), ...parked.map((row) => row.Email)].sort()).toEqual(
			rows.map((row) => row.Email).sort(),
		);
		expect([...mock().assessmentEmailsSent].sort()).toEqual(written.map((row) => row.email).sort());

		const [bulk, ...more] = mock().requests.filter((request) => request.path === BULK_INVITE_PATH);
		expect(more).toHaveLength(0);
		expect(bulk.body).toEqual({
			assessment_id: 53280,
			invite_format: 'sendlink',
			// 23:59 in New York, seven days ahead, in GMT.
			expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 0[34]:59$/),
			candidates: rows.map((row) => ({ name: row.Name, email: row.Email })),
		});
		const single = mock().requests.filter((request) => request.path === ASSESSMENT_INVITE_PATH);
		const singleEmails = single.map((request) => (request.body as IDataObject).candidate_email);
		expect(new Set(singleEmails).size).toBe(singleEmails.length);
		expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
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
		const invited = run.outputsOf('Invited')[0].map((item) => item.json.custom_field_id as string);
		const parked = run.outputsOf('Parked for Later')[0].map((item) => item.json.id as string);
		expect(invited).toHaveLength(2);
		expect([...invited, ...parked].sort()).toEqual(['A-1', 'A-2', 'A-3']);
	});
});
