// Track resource in n8n's engine against the mock Xobin: Add Applicant in invite and direct mode
// (an applicant already in the track comes out with already_exists: true, never retried), Get
// Applicant whole or simplified, Get Many Applicants across pages with Return All, Limit and
// filters, Move / Reject / Hire with the source stage as an assertion (409 said plainly), and
// Get Stats for one track or the account. Stage IDs stay text all the way.

import type { IDataObject } from 'n8n-workflow';

import { pairedIndexes, requestsTo, runOperation, useMockXobin } from './support';

type Mock = ReturnType<ReturnType<typeof useMockXobin>>;

function run(
	mock: Mock,
	operation: string,
	parameters: IDataObject,
	extra: { items?: IDataObject[]; continueOnFail?: boolean; typeVersion?: number } = {},
) {
	// Node version 2 (typed Track ID and stage IDs) unless a test asks for another.
	return runOperation(mock, {
		resource: 'track',
		operation,
		parameters,
		typeVersion: extra.typeVersion ?? 2,
		items: extra.items,
		settings: extra.continueOnFail ? { onError: 'continueRegularOutput' } : undefined,
	});
}

const APPLICANTS = /\/tracks\/\d+\/applicants/;

describe('Track → Add Applicant', () => {
	const mock = useMockXobin();

	test('invite mode posts name and email and returns the pending invitation with its link', async () => {
		const result = await run(
			mock(),
			'addApplicant',
			{
				trackId: 6578,
				mode: 'invite',
				applicantName: '={{ $json.name }}',
				applicantEmail: '={{ $json.email }}',
				additionalFields: { sendEmail: true, emailMessage: 'Welcome aboard' },
			},
			{ items: [{ name: 'Priya Raman', email: 'priya@example.com' }] },
		);

		expect(result.error).toBeUndefined();
		const [request] = requestsTo(mock(), APPLICANTS);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/v2/tracks/6578/applicants',
			{
				invite_applicant: true,
				name: 'Priya Raman',
				email: 'priya@example.com',
				send_email: true,
				email_message: 'Welcome aboard',
			},
		]);
		expect(result.outputs[0][0].json).toEqual({
			track_id: 6578,
			application_id: 67866,
			candidate_id: expect.any(Number),
			name: 'Priya Raman',
			email: 'priya@example.com',
			invite_status: 'Pending',
			mode: 'invite',
			invite_link: expect.stringMatching(/^https:\/\//),
			email_sent: true,
			current_stage: { stage_id: 'stg_applied', name: 'Applied', type: 'applied' },
			already_exists: false,
		});
		expect(mock().trackEmailsSent()).toEqual([
			{ email: 'priya@example.com', kind: 'added', message: 'Welcome aboard' },
		]);
	});

	test('direct mode sends name and email at the top level, the track\'s other fields as an object and the destination stage as text ("0012" stays "0012")', async () => {
		const result = await run(
			mock(),
			'addApplicant',
			{
				track: { __rl: true, mode: 'id', value: '6578' },
				mode: 'direct',
				applicantName: '={{ $json.name }}',
				applicantEmail: '={{ $json.email }}',
				trackFields: { pair: [{ key: ' phone ', value: '={{ $json.phone }}' }] },
				additionalFields: { destinationStageId: '0012', sendEmail: false },
			},
			{ items: [{ name: 'Jonas Weber', email: 'jonas@example.com', phone: '+49 30 1234' }], typeVersion: 3 },
		);

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS)[0].body).toEqual({
			invite_applicant: false,
			name: 'Jonas Weber',
			email: 'jonas@example.com',
			fields: { phone: '+49 30 1234' },
			destination_stage_id: '0012',
			send_email: false,
		});
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				name: 'Jonas Weber',
				email: 'jonas@example.com',
				mode: 'direct',
				current_stage: { stage_id: '0012', name: 'Technical Interview', type: 'interview' },
				email_sent: false,
				already_exists: false,
			}),
		);
		expect(mock().trackApplicants(6578)[1].fields).toEqual({ name: 'Jonas Weber', email: 'jonas@example.com', phone: '+49 30 1234' });
	});

	test('from node version 3, direct mode without Name and Email is refused before anything is sent, naming both', async () => {
		const refused = run(
			mock(),
			'addApplicant',
			{
				track: { __rl: true, mode: 'list', value: '6578' },
				mode: 'direct',
				trackFields: { pair: [{ key: 'name', value: 'Jonas Weber' }] },
			},
			{ typeVersion: 3 },
		);

		await expect(refused).rejects.toThrow(/Parameter "Name" is required[\s\S]*Parameter "Email" is required/);
		expect(mock().requests).toHaveLength(0);
	});

	test('a direct-mode workflow of node versions 1 and 2 (name and email in Track Fields) still runs: they are sent at the top level too', async () => {
		for (const typeVersion of [1, 2]) {
			const result = await run(
				mock(),
				'addApplicant',
				{
					trackId: 6578,
					mode: 'direct',
					trackFields: {
						pair: [
							{ key: 'name', value: `Jonas Weber ${typeVersion}` },
							{ key: 'email', value: `jonas${typeVersion}@example.com` },
						],
					},
				},
				{ typeVersion },
			);
			expect(result.error).toBeUndefined();
			expect(result.outputs[0][0].json).toEqual(expect.objectContaining({ email: `jonas${typeVersion}@example.com`, mode: 'direct' }));
		}
		expect(requestsTo(mock(), APPLICANTS).map((request) => request.body)).toEqual([1, 2].map((typeVersion) => ({
			invite_applicant: false,
			name: `Jonas Weber ${typeVersion}`,
			email: `jonas${typeVersion}@example.com`,
			fields: { name: `Jonas Weber ${typeVersion}`, email: `jonas${typeVersion}@example.com` },
		})));

		const missing = await run(mock(), 'addApplicant', { trackId: 6578, mode: 'direct', trackFields: { pair: [{ key: 'name', value: 'Ann' }] } });
		expect(missing.error?.message).toBe("The applicant's email is missing [item 0]");
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(2);
	});

	test('a sheet sending the same rows again: applicants already in the track come out with already_exists: true, once each, no error', async () => {
		const rows = [
			{ name: 'Alex Tanaka', email: 'Alex.Tanaka@example.com' },
			{ name: 'New Person', email: 'new.person@example.com' },
		];
		const parameters = {
			trackId: 6578,
			mode: 'invite',
			applicantName: '={{ $json.name }}',
			applicantEmail: '={{ $json.email }}',
		};
		const result = await run(mock(), 'addApplicant', parameters, { items: rows });

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(output[0].json).toEqual({
			already_exists: true,
			track_id: 6578,
			application_id: 67865,
			candidate_id: 7401,
			name: 'Alex Tanaka',
			email: 'alex.tanaka@example.com',
			stage_id: 'stg_assessment',
			stage_name: 'Assessment',
			message:
				'Alex.Tanaka@example.com is already an applicant in track 6578 (stage "Assessment"); nothing was added. Xobin said: "Applicant with this email already exists in this track"',
		});
		expect(output[1].json).toEqual(
			expect.objectContaining({ already_exists: false, email: 'new.person@example.com' }),
		);
		// The 409 is final: one POST per row, nothing retried, and one look-up for the 409 only.
		expect(requestsTo(mock(), APPLICANTS).map((request) => [request.method, request.query.email])).toEqual([
			['POST', undefined],
			['GET', 'Alex.Tanaka@example.com'],
			['POST', undefined],
		]);

		const again = await run(mock(), 'addApplicant', parameters, { items: rows });
		expect(again.outputs[0].map((item) => item.json.already_exists)).toEqual([true, true]);
		expect(mock().trackApplicants(6578)).toHaveLength(2);
	});

	test('a 409 in other words ("State conflict") for an applicant already in the track: already_exists, found by email, whatever the wording', async () => {
		mock().setTrackConflictMessage('State conflict');
		const result = await run(mock(), 'addApplicant', {
			trackId: 6578,
			mode: 'invite',
			applicantName: 'Alex',
			applicantEmail: 'ALEX.TANAKA@example.com',
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				already_exists: true,
				application_id: 67865,
				candidate_id: 7401,
				stage_id: 'stg_assessment',
				stage_name: 'Assessment',
				message: expect.stringContaining('Xobin said: "State conflict"'),
			}),
		);
		expect(mock().trackApplicants(6578)).toHaveLength(1);
	});

	test('a 409 for an email not in the track (only a partial match) is an error naming the applicant and track, in Xobin\'s words', async () => {
		mock().queueFault({
			path: APPLICANTS,
			method: 'POST',
			status: 409,
			body: { error: 'Track is closed for new applicants' },
		});
		const result = await run(mock(), 'addApplicant', {
			trackId: 6578,
			mode: 'invite',
			applicantName: 'Tanaka',
			applicantEmail: 'tanaka@example.com',
		});

		expect(result.error?.message).toBe(
			'Xobin refused to add tanaka@example.com to track 6578: Track is closed for new applicants [item 0]',
		);
		// The look-up saw alex.tanaka@example.com (Xobin's email filter matches parts): not the same person.
		expect(requestsTo(mock(), APPLICANTS).map((request) => request.method)).toEqual(['POST', 'GET']);
	});

	test('an answer lost after sending is not sent again, and says re-running is safe', async () => {
		mock().queueFault({ path: APPLICANTS, processed: true, status: 502 });
		const result = await run(mock(), 'addApplicant', {
			trackId: 6578,
			mode: 'invite',
			applicantName: 'Ann',
			applicantEmail: 'ann@example.com',
		});

		expect(result.error?.message).toMatch(/^Xobin could not complete the request \(HTTP 502\)/);
		expect(result.error?.description).toContain(
			'Xobin may have added ann@example.com. Running the item again is safe',
		);
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(1);
		expect(
			mock()
				.trackApplicants(6578)
				.map((a) => a.email),
		).toContain('ann@example.com');
	});

	test('checks before sending, in both modes: a malformed email, an empty name, a repeated key', async () => {
		const cases: Array<[IDataObject, string]> = [
			[
				{ mode: 'invite', applicantName: 'Ann', applicantEmail: 'ann.example.com' },
				'Email "ann.example.com" is not a valid email address [item 0]',
			],
			[
				{ mode: 'invite', applicantName: ' ', applicantEmail: 'ann@example.com' },
				'Name is empty [item 0]',
			],
			[{ mode: 'direct', applicantName: ' ', applicantEmail: 'ann@example.com' }, 'Name is empty [item 0]'],
			[
				{ mode: 'direct', applicantName: 'Ann', applicantEmail: 'ann.example.com' },
				'Email "ann.example.com" is not a valid email address [item 0]',
			],
			[
				{
					mode: 'direct',
					applicantName: 'Ann',
					applicantEmail: 'ann@example.com',
					trackFields: {
						pair: [
							{ key: 'email', value: 'a@b.co' },
							{ key: 'email', value: 'c@d.co' },
						],
					},
				},
				'Track Fields has the key "email" twice [item 0]',
			],
			[
				{ mode: 'invite', track: { __rl: true, mode: 'id', value: '0' }, applicantName: 'Ann', applicantEmail: 'ann@example.com' },
				'Track must be a whole number above zero, got "0" [item 0]',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await run(
				mock(),
				'addApplicant',
				{ track: { __rl: true, mode: 'list', value: '6578' }, ...parameters },
				{ typeVersion: 3 },
			);
			expect(result.error?.message).toBe(message);
		}
		expect(mock().requests).toHaveLength(0);
	});

	test('a 201 without application_id is an error, not a quiet success', async () => {
		mock().queueFault({ path: APPLICANTS, status: 201, body: { track_id: 6578 } });
		const result = await run(mock(), 'addApplicant', {
			trackId: 6578,
			mode: 'invite',
			applicantName: 'Ann',
			applicantEmail: 'ann@example.com',
		});

		expect(result.error?.message).toMatch(
			/^Xobin's answer does not confirm the request \(HTTP 201\)/,
		);
		expect(result.error?.description).toContain('without application_id');
	});

	test('an unknown track names the track and how to find it', async () => {
		const result = await run(mock(), 'addApplicant', {
			trackId: 999,
			mode: 'invite',
			applicantName: 'Ann',
			applicantEmail: 'ann@example.com',
		});

		expect(result.error?.message).toBe('Xobin could not find track 999: Track not found [item 0]');
		expect(result.error?.description).toContain('Get Stats for all tracks');
	});
});

describe('Track → Get Applicant', () => {
	const mock = useMockXobin();

	test('Simplify: ten fields, the current stage included', async () => {
		const result = await run(mock(), 'getApplicant', { trackId: 6578, applicationId: 67865 });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS).map((r) => [r.method, r.path])).toEqual([
			['GET', '/api/v2/tracks/6578/applicants/67865'],
		]);
		expect(result.outputs[0][0].json).toEqual({
			application_id: 67865,
			candidate_id: 7401,
			name: 'Alex Tanaka',
			email: 'alex.tanaka@example.com',
			track_title: 'Backend Engineer',
			stage_id: 'stg_assessment',
			stage_name: 'Assessment',
			stage_status: 'Completed',
			score: 78.5,
			last_updated_at: '2025-07-10T12:00:00Z',
		});
	});

	test('Simplify off: the whole answer as Xobin sent it', async () => {
		const result = await run(mock(), 'getApplicant', {
			trackId: 6578,
			applicationId: 67865,
			simplify: false,
		});

		expect(result.outputs[0][0].json).toEqual(mock().trackApplicant(6578, 67865));
	});

	test('an unknown application names both IDs', async () => {
		const result = await run(mock(), 'getApplicant', { trackId: 6578, applicationId: 1 });

		expect(result.error?.message).toBe(
			'Xobin could not find application 1 in track 6578: Applicant not found [item 0]',
		);
	});
});

describe('Track → Get Many Applicants', () => {
	const mock = useMockXobin();

	test('Return All walks every page at 200 a page: 450 applicants (plus the seeded one) in 3 requests', async () => {
		mock().seedTrackApplicants(6578, 450);
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578, returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(451);
		expect(requestsTo(mock(), APPLICANTS).map((r) => r.query)).toEqual([
			{ page: '1', per_page: '200' },
			{ page: '2', per_page: '200' },
			{ page: '3', per_page: '200' },
		]);
		const ids = result.outputs[0].map((item) => item.json.application_id);
		expect(new Set(ids).size).toBe(451);
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				application_id: 67865,
				stage_id: 'stg_assessment',
				stage_name: 'Assessment',
				stage_type: 'assessment',
			}),
		);
	});

	test('Limit asks for that many a page and stops as soon as it has them', async () => {
		mock().seedTrackApplicants(6578, 450);
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578, limit: 30 });

		expect(result.outputs[0]).toHaveLength(30);
		expect(requestsTo(mock(), APPLICANTS).map((r) => r.query)).toEqual([
			{ page: '1', per_page: '30' },
		]);
	});

	test('a Limit above 200 pages at 200 and cuts the last page', async () => {
		mock().seedTrackApplicants(6578, 450);
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578, limit: 250 });

		expect(result.outputs[0]).toHaveLength(250);
		expect(requestsTo(mock(), APPLICANTS).map((r) => r.query.page)).toEqual(['1', '2']);
	});

	test('filters go to Xobin as query parameters, stage ID and dates as text', async () => {
		const ids = mock().seedTrackApplicants(6578, 5, { stageId: '0012', stageStatus: 'Scheduled' });
		const result = await run(mock(), 'getManyApplicants', {
			trackId: 6578,
			returnAll: true,
			filters: {
				name: 'applicant',
				email: 'EXAMPLE.com',
				stageId: '0012',
				stageStatus: 'scheduled',
				fromDate: '2025-01-01T00:00:00',
				toDate: '2025-01-01',
				timeframeField: 'date_added',
			},
			options: { sortBy: 'date_added', sortOrder: 'desc' },
		});

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS)[0].query).toEqual({
			name: 'applicant',
			email: 'EXAMPLE.com',
			stage_id: '0012',
			stage_status: 'scheduled',
			from_date: '2025-01-01',
			to_date: '2025-01-01',
			timeframe_field: 'date_added',
			sort_by: 'date_added',
			sort_order: 'desc',
			page: '1',
			per_page: '200',
		});
		expect(result.outputs[0].map((item) => item.json.application_id)).toEqual([...ids].reverse());
	});

	test('a date that is not a date, or From after To, is refused before anything is sent', async () => {
		const bad = await run(mock(), 'getManyApplicants', {
			trackId: 6578,
			filters: { fromDate: 'last week' },
		});
		expect(bad.error?.message).toBe(
			'From Date could not be read as a date: "last week" is not a date in a format the node reads [item 0]',
		);

		const swapped = await run(mock(), 'getManyApplicants', {
			trackId: 6578,
			filters: { fromDate: '2025-02-01', toDate: '2025-01-01' },
		});
		expect(swapped.error?.message).toBe(
			'From Date (2025-02-01) is after To Date (2025-01-01) [item 0]',
		);
		expect(mock().requests).toHaveLength(0);
	});

	test('a server that always says has_next stops at the page cap with a clear error', async () => {
		const page = {
			data: [{ application_id: 1, name: 'Loop' }],
			pagination: { page: 1, per_page: 200, total: null, has_next: true },
		};
		mock().queueFault({ path: APPLICANTS, status: 200, body: page, times: 600 });
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578, returnAll: true });

		expect(result.error?.message).toBe(
			'Xobin still said there were more applicants after 500 pages (500 applicants) of track 6578 [item 0]',
		);
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(500);
	}, 60000);

	test('an empty page ends the walk even if Xobin says there is more', async () => {
		mock().queueFault({
			path: APPLICANTS,
			status: 200,
			body: { data: [], pagination: { has_next: true, total_pages: 9 } },
		});
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578, returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toEqual([]);
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(1);
	});

	test('a 200 without data is an error', async () => {
		mock().queueFault({ path: APPLICANTS, status: 200, body: { applicants: [] } });
		const result = await run(mock(), 'getManyApplicants', { trackId: 6578 });

		expect(result.error?.message).toMatch(
			/^Xobin's answer does not confirm the request \(HTTP 200\)/,
		);
	});
});

describe('Track → Move, Reject and Hire Applicant', () => {
	const mock = useMockXobin();

	test('Move sends both stage IDs as text and returns from and to stages', async () => {
		const result = await run(mock(), 'moveApplicant', {
			trackId: 6578,
			applicationId: 67865,
			destinationStageId: '0012',
			additionalFields: { sourceStageId: 'stg_assessment' },
		});

		expect(result.error).toBeUndefined();
		const [request] = requestsTo(mock(), APPLICANTS);
		expect([request.method, request.path, request.body]).toEqual([
			'PATCH',
			'/api/v2/tracks/6578/applicants/67865/move',
			{ destination_stage_id: '0012', source_stage_id: 'stg_assessment' },
		]);
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				application_id: 67865,
				from_stage: { stage_id: 'stg_assessment', name: 'Assessment', type: 'assessment' },
				to_stage: { stage_id: '0012', name: 'Technical Interview', type: 'interview' },
			}),
		);
	});

	test('a stage ID read from the input item keeps its leading zeros', async () => {
		const result = await run(
			mock(),
			'moveApplicant',
			{ trackId: 6578, applicationId: 67865, destinationStageId: '={{ $json.stage }}' },
			{ items: [{ stage: '0012' }] },
		);

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS)[0].body).toEqual({ destination_stage_id: '0012' });
	});

	test('an applicant not in the source stage: a plain 409 error saying which stage and how to check, not retried', async () => {
		const result = await run(mock(), 'moveApplicant', {
			trackId: 6578,
			applicationId: 67865,
			destinationStageId: 'stg_hired',
			additionalFields: { sourceStageId: 'stg_applied' },
		});

		expect(result.error?.message).toBe(
			'Applicant 67865 is not in stage stg_applied of track 6578: Applicant is not in the source stage [item 0]',
		);
		expect(result.error?.description).toContain(
			'Run Get Applicant (Track 6578, Application 67865)',
		);
		expect(result.error?.httpCode).toBe('409');
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(1);
		expect(mock().trackApplicants(6578)[0].stage_id).toBe('stg_assessment');
	});

	test('Reject with an email: send_email and the message go to Xobin, email_sent comes back', async () => {
		const result = await run(mock(), 'rejectApplicant', {
			trackId: 6578,
			applicationId: 67865,
			additionalFields: {
				sendEmail: true,
				emailMessage: 'Thank you for applying',
				sourceStageId: 'stg_assessment',
			},
		});

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS)[0].body).toEqual({
			email_message: 'Thank you for applying',
			send_email: true,
			source_stage_id: 'stg_assessment',
		});
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				email_sent: true,
				to_stage: expect.objectContaining({ stage_id: 'stg_rejected' }),
			}),
		);
		expect(mock().trackEmailsSent()).toEqual([
			{ email: 'alex.tanaka@example.com', kind: 'rejected', message: 'Thank you for applying' },
		]);
	});

	test('Reject without any additional field: no body, no email', async () => {
		const result = await run(mock(), 'rejectApplicant', { trackId: 6578, applicationId: 67865 });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				email_sent: false,
				to_stage: expect.objectContaining({ stage_id: 'stg_rejected' }),
			}),
		);
		expect(mock().trackEmailsSent()).toEqual([]);
	});

	test('Reject whose answer is lost is not sent again (it may have emailed the applicant)', async () => {
		mock().queueFault({ path: /reject$/, processed: true, drop: true });
		const result = await run(mock(), 'rejectApplicant', {
			trackId: 6578,
			applicationId: 67865,
			additionalFields: { sendEmail: true },
		});

		expect(result.error?.description).toContain('Xobin may have rejected the applicant');
		expect(requestsTo(mock(), /reject$/)).toHaveLength(1);
	});

	test('Hire without a source stage sends no body', async () => {
		const result = await run(mock(), 'hireApplicant', { trackId: 6578, applicationId: 67865 });

		expect(result.error).toBeUndefined();
		const [request] = requestsTo(mock(), APPLICANTS);
		expect([request.method, request.path, request.body]).toEqual([
			'PATCH',
			'/api/v2/tracks/6578/applicants/67865/hire',
			undefined,
		]);
		expect(result.outputs[0][0].json.to_stage).toEqual({
			stage_id: 'stg_hired',
			name: 'Hired',
			type: 'hired',
		});
	});

	test('a 200 without to_stage is an error', async () => {
		mock().queueFault({ path: /hire$/, status: 200, body: { application_id: 67865 } });
		const result = await run(mock(), 'hireApplicant', { trackId: 6578, applicationId: 67865 });

		expect(result.error?.message).toMatch(
			/^Xobin's answer does not confirm the request \(HTTP 200\)/,
		);
	});

	test('with Continue on error, each item gets its own outcome, paired', async () => {
		const result = await run(
			mock(),
			'hireApplicant',
			{
				trackId: 6578,
				applicationId: '={{ $json.application }}',
				additionalFields: { sourceStageId: '={{ $json.stage }}' },
			},
			{
				items: [
					{ application: 67865, stage: 'stg_applied' },
					{ application: 'abc', stage: 'x' },
					{ application: 67865, stage: 'stg_assessment' },
				],
				continueOnFail: true,
			},
		);

		const [output] = result.outputs;
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
		expect(output[0].json.error).toBe(
			'Applicant 67865 is not in stage stg_applied of track 6578: Applicant is not in the source stage [item 0]',
		);
		expect(output[1].json.error).toBe(
			'Application ID must be a whole number above zero, got "abc" [item 1]',
		);
		expect(output[2].json.to_stage).toEqual(expect.objectContaining({ stage_id: 'stg_hired' }));
	});
});

describe('Track → Get Stats', () => {
	const mock = useMockXobin();

	test('one track, simplified: one flat row with totals, status and stage columns', async () => {
		mock().seedTrackApplicants(6578, 3, { stageId: '0012', stageStatus: 'Scheduled' });
		const result = await run(mock(), 'getStats', { scope: 'track', trackId: 6578 });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), /stats$/).map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v2/tracks/6578/stats', {}],
		]);
		expect(result.outputs[0][0].json).toEqual({
			track_id: 6578,
			title: 'Backend Engineer',
			active: true,
			applicants: 4,
			in_pipeline: 4,
			hired: 0,
			rejected: 0,
			status_completed: 1,
			status_scheduled: 3,
			stage_applied: 0,
			stage_assessment: 1,
			stage_technical_interview: 3,
			stage_hired: 0,
			stage_rejected: 0,
			from_date: null,
			to_date: null,
		});
	});

	test('the whole account, raw, with a date range', async () => {
		const result = await run(mock(), 'getStats', {
			scope: 'account',
			simplify: false,
			filters: { fromDate: '2025-07-01', toDate: '2025-07-31', timeframeField: 'last_updated_at' },
		});

		expect(result.error).toBeUndefined();
		const [request] = requestsTo(mock(), /stats$/);
		expect([request.path, request.query]).toEqual([
			'/api/v2/tracks/stats',
			{ from_date: '2025-07-01', to_date: '2025-07-31', timeframe_field: 'last_updated_at' },
		]);
		expect(result.outputs[0][0].json).toEqual(
			expect.objectContaining({
				totals: expect.objectContaining({
					tracks: 2,
					active_tracks: 1,
					inactive_tracks: 1,
					applicants: 1,
				}),
				top_tracks_by_applicants: [
					expect.objectContaining({ track_id: 6578, applicant_count: 1 }),
					expect.objectContaining({ track_id: 6579 }),
				],
				filters_applied: {
					timeframe_field: 'last_updated_at',
					from_date: '2025-07-01',
					to_date: '2025-07-31',
				},
			}),
		);
	});

	test('the whole account, simplified: totals and one column per stage type', async () => {
		const result = await run(mock(), 'getStats', { scope: 'account' });

		expect(result.outputs[0][0].json).toEqual({
			tracks: 2,
			active_tracks: 1,
			inactive_tracks: 1,
			applicants: 1,
			in_pipeline: 1,
			hired: 0,
			rejected: 0,
			status_completed: 1,
			stage_type_assessment: 1,
			from_date: null,
			to_date: null,
		});
	});

	test('an unknown track names it; a 200 without totals is an error', async () => {
		const unknown = await run(mock(), 'getStats', { scope: 'track', trackId: 4242 });
		expect(unknown.error?.message).toBe(
			'Xobin could not find track 4242: Track not found [item 0]',
		);

		mock().queueFault({ path: /stats$/, status: 200, body: { track_id: 6578 } });
		const empty = await run(mock(), 'getStats', { scope: 'track', trackId: 6578 });
		expect(empty.error?.message).toMatch(
			/^Xobin's answer does not confirm the request \(HTTP 200\)/,
		);
	});
});
