// Invite Candidate, happy paths: what reaches Xobin and what comes out of the Invited output.

import {
	candidates,
	inviteParameters,
	inviteRequests,
	MOCK_API_KEY,
	pairedIndexes,
	runInvite,
	sentBodies,
	useMockXobin,
} from './support';

describe('Invite Candidate', () => {
	const mock = useMockXobin();

	test('invites each candidate and returns the invite link on the Invited output', async () => {
		const result = await runInvite(mock(), { items: candidates(3) });

		expect(result.error).toBeUndefined();
		const [invited, exhausted] = result.outputs;
		expect(exhausted).toEqual([]);
		expect(invited.map((item) => item.json.email)).toEqual([
			'candidate1@example.com',
			'candidate2@example.com',
			'candidate3@example.com',
		]);
		for (const item of invited) {
			expect(item.json).toEqual(
				expect.objectContaining({
					ai_interview_id: 305,
					ai_interview_name: 'Senior Data Engineer',
					invite_link: expect.stringMatching(/^https:\/\//),
					response_id: expect.any(Number),
					status: expect.any(String),
				}),
			);
		}
		expect(pairedIndexes(invited)).toEqual([0, 1, 2]);
		expect(mock().invites).toHaveLength(3);
	});

	test('sends the API key in the apiKey header and a "getlink" body with only the required fields', async () => {
		await runInvite(mock(), { items: candidates(1) });

		const [request] = inviteRequests(mock());
		expect(request.method).toBe('POST');
		expect(request.headers.apikey).toBe(MOCK_API_KEY);
		expect(request.body).toEqual({
			candidate_name: 'Candidate 1',
			candidate_email: 'candidate1@example.com',
			ai_interview_id: 305,
			invite_format: 'getlink',
		});
		expect(mock().emailsSent).toEqual([]);
	});

	test('"Send Email Invite" asks Xobin to email the candidate', async () => {
		await runInvite(mock(), {
			items: candidates(1),
			parameters: inviteParameters({ inviteFormat: 'sendlink' }),
		});

		expect(sentBodies(mock())[0].invite_format).toBe('sendlink');
		expect(mock().emailsSent).toEqual(['candidate1@example.com']);
	});

	test('sends all seven fields, dates converted to GMT', async () => {
		const result = await runInvite(mock(), {
			items: [{ name: '  Alex Tanaka ', email: 'alex.tanaka@example.com', interview: '305', ref: 'CAND-2025-001' }],
			timezone: 'Asia/Kolkata',
			parameters: inviteParameters({
				aiInterviewId: '={{ $json.interview }}',
				inviteFormat: 'sendlink',
				additionalFields: {
					startDate: '2025-07-18T15:30:00',
					expiryDate: '2025-07-21 02:00',
					customFieldId: '={{ $json.ref }}',
				},
			}),
		});

		expect(result.error).toBeUndefined();
		expect(sentBodies(mock())).toEqual([
			{
				candidate_name: 'Alex Tanaka',
				candidate_email: 'alex.tanaka@example.com',
				ai_interview_id: 305,
				invite_format: 'sendlink',
				start_date: '2025-07-18 10:00',
				expiry_date: '2025-07-20 20:30',
				custom_field_id: 'CAND-2025-001',
			},
		]);
		expect(result.outputs[0][0].json.custom_field_id).toBe('CAND-2025-001');
	});

	test('leaves empty optional fields out of the body', async () => {
		await runInvite(mock(), {
			items: [{ name: 'Alex', email: 'alex@example.com', ref: '' }],
			parameters: inviteParameters({
				additionalFields: { startDate: '', expiryDate: '', customFieldId: '={{ $json.ref }}' },
			}),
		});

		expect(Object.keys(sentBodies(mock())[0]).sort()).toEqual([
			'ai_interview_id',
			'candidate_email',
			'candidate_name',
			'invite_format',
		]);
	});

	test('a base URL with a trailing slash works', async () => {
		const result = await runInvite(mock(), { items: candidates(1), baseUrl: `${mock().url}/` });

		expect(result.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	test('every candidate is sent exactly once, in input order', async () => {
		await runInvite(mock(), { items: candidates(25) });

		expect(sentBodies(mock()).map((body) => body.candidate_email)).toEqual(
			candidates(25).map((candidate) => candidate.email),
		);
	});
});
