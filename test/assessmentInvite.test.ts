// Assessment → Invite Candidate in n8n's engine against the mock Xobin: candidates that share an
// assessment, invite format and expiry date go to Xobin in bulk (up to Batch Size per request),
// each comes out once, on the right output, paired with its item, in input order, with its own
// link; exhaustion invites exactly as many as the account allows and parks the rest; a lost answer
// leaves the candidates of its request uncertain and never sends them again.

import type { IDataObject } from 'n8n-workflow';

import type { NodeSettings } from './harness/engine';
import {
	ASSESSMENT_INVITE_PATH,
	assessmentInviteParameters,
	BULK_INVITE_PATH,
	candidates,
	pairedIndexes,
	requestsTo,
	runInvite,
	useMockXobin,
} from './support';

const BULK = /\/api\/v2\/assessment\/invite$/;
const SINGLE = /\/api\/v2\/assessments\/invite$/;
const continueOnError: NodeSettings = { onError: 'continueRegularOutput' };
const retryOnFail: NodeSettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };

function parameters(options: IDataObject = {}, overrides: IDataObject = {}): IDataObject {
	return assessmentInviteParameters({ options, ...overrides });
}

function bulkBodies(mock: ReturnType<ReturnType<typeof useMockXobin>>): IDataObject[] {
	return requestsTo(mock, BULK).map((request) => request.body as IDataObject);
}

describe('Assessment → Invite Candidate', () => {
	const mock = useMockXobin();

	test('250 candidates go in 3 bulk requests (100, 100, 50); each comes out with its own link, in input order', async () => {
		const items = candidates(250);
		const result = await runInvite(mock(), { items, parameters: parameters() });

		expect(result.error).toBeUndefined();
		expect(bulkBodies(mock()).map((body) => (body.candidates as unknown[]).length).sort()).toEqual([100, 100, 50]);
		expect(requestsTo(mock(), SINGLE)).toHaveLength(0);
		expect(bulkBodies(mock())[0]).toEqual({
			assessment_id: 53280,
			invite_format: 'getlink',
			candidates: expect.arrayContaining([{ name: 'Candidate 1', email: 'candidate1@example.com' }]),
		});
		const [invited, exhausted] = result.outputs;
		expect(exhausted).toHaveLength(0);
		expect(pairedIndexes(invited)).toEqual(items.map((_item, index) => index));
		const byEmail = new Map(mock().assessmentInvites.map((invite) => [invite.email, invite]));
		for (const [index, item] of invited.entries()) {
			expect(item.json.email).toBe(items[index].email);
			expect(item.json.invite_link).toBe(byEmail.get(items[index].email as string)?.invite_link);
			expect(item.json.report_id).toEqual(expect.any(Number));
		}
		expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
	});

	test("Batch Size 1 sends one request per candidate to Xobin's single invite", async () => {
		const result = await runInvite(mock(), { items: candidates(7), parameters: parameters({ batchSize: 1 }) });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), SINGLE)).toHaveLength(7);
		expect(requestsTo(mock(), BULK)).toHaveLength(0);
		expect(requestsTo(mock(), SINGLE)[0].body).toEqual({
			candidate_name: 'Candidate 1',
			candidate_email: 'candidate1@example.com',
			assessment_id: 53280,
			invite_format: 'getlink',
		});
		expect(result.outputs[0].map((item) => item.json.email)).toEqual(candidates(7).map((c) => c.email));
	});

	test('only candidates with the same assessment, invite format and expiry date share a request', async () => {
		const items = [
			{ ...candidates(1, 1)[0], assessment: 53280, format: 'getlink', expires: '' },
			{ ...candidates(1, 2)[0], assessment: 12345, format: 'getlink', expires: '' },
			{ ...candidates(1, 3)[0], assessment: 53280, format: 'sendlink', expires: '' },
			{ ...candidates(1, 4)[0], assessment: 53280, format: 'getlink', expires: '2030-01-31T18:30:00Z' },
			{ ...candidates(1, 5)[0], assessment: 53280, format: 'getlink', expires: '' },
			{ ...candidates(1, 6)[0], assessment: 53280, format: 'getlink', expires: '2030-01-31T18:30:00Z' },
		];
		const result = await runInvite(mock(), {
			items,
			parameters: parameters(
				{},
				{
					assessmentId: '={{ $json.assessment }}',
					inviteFormat: '={{ $json.format }}',
					additionalFields: { expiryDate: '={{ $json.expires }}' },
				},
			),
		});

		expect(result.error).toBeUndefined();
		const bulk = bulkBodies(mock());
		expect(bulk).toHaveLength(2);
		expect(bulk).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ assessment_id: 53280, invite_format: 'getlink', candidates: [expect.objectContaining({ email: 'candidate1@example.com' }), expect.objectContaining({ email: 'candidate5@example.com' })] }),
				expect.objectContaining({ assessment_id: 53280, expiry_date: '2030-01-31 18:30', candidates: [expect.objectContaining({ email: 'candidate4@example.com' }), expect.objectContaining({ email: 'candidate6@example.com' })] }),
			]),
		);
		// Groups of one use Xobin's single invite.
		expect(requestsTo(mock(), SINGLE).map((request) => (request.body as IDataObject).candidate_email).sort()).toEqual([
			'candidate2@example.com',
			'candidate3@example.com',
		]);
		expect(result.outputs[0].map((item) => item.json.assessment_id)).toEqual([53280, 12345, 53280, 53280, 53280, 53280]);
		expect(mock().assessmentEmailsSent).toEqual(['candidate3@example.com']);
	});

	test('links are matched to candidates by email, whatever the letter case Xobin answers in', async () => {
		mock().setBulkLowercasesEmails(true);
		const items = [
			{ name: 'Alex Tanaka', email: 'Alex.Tanaka@Example.com' },
			{ name: 'Priya Raman', email: 'PRIYA@example.com' },
		];
		const result = await runInvite(mock(), { items, parameters: parameters() });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.invite_link)).toEqual([
			mock().assessmentInvitesFor('alex.tanaka@example.com')[0].invite_link,
			mock().assessmentInvitesFor('priya@example.com')[0].invite_link,
		]);
	});

	test('the same candidate twice in one run is invited once; both items get that invite, the repeat marked alreadyInvited', async () => {
		const items = [...candidates(3), { name: 'Candidate 2 again', email: 'CANDIDATE2@example.com' }];
		const result = await runInvite(mock(), { items, parameters: parameters() });

		expect(result.error).toBeUndefined();
		expect(mock().assessmentInvites).toHaveLength(3);
		expect(result.outputs[0]).toHaveLength(4);
		expect(result.outputs[0][3].json.invite_link).toBe(result.outputs[0][1].json.invite_link);
		expect(result.outputs[0].map((item) => item.json.alreadyInvited ?? false)).toEqual([false, false, false, true]);
		expect(result.outputs[0][3].json.existingInviteEmail).toBe('candidate2@example.com');
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 3]);
	});

	test('a bad row stops the run before any request, naming the field and item', async () => {
		const items = [...candidates(40), { name: 'Broken', email: 'not-an-email' }];
		const result = await runInvite(mock(), { items, parameters: parameters() });

		expect(result.error?.message).toBe('Candidate Email "not-an-email" is not a valid email address [item 40]');
		expect(mock().requests).toHaveLength(0);
	});

	describe('Invites Exhausted', () => {
		test('5 candidates and none left: parked after one refused request, on the second output', async () => {
			mock().setAssessmentInvitesLeft(0);
			const items = candidates(5).map((candidate, index) => ({ ...candidate, row: index }));
			const result = await runInvite(mock(), { items, parameters: parameters() });

			expect(result.error).toBeUndefined();
			const [invited, exhausted] = result.outputs;
			expect(invited).toHaveLength(0);
			expect(pairedIndexes(exhausted)).toEqual([0, 1, 2, 3, 4]);
			expect(exhausted[0].json).toEqual(
				expect.objectContaining({
					row: 0,
					candidate_email: 'candidate1@example.com',
					assessment_id: 53280,
					code: 'limit_exceed',
					message: 'Invites Exhausted. Please contact support.',
					inviteAttempted: true,
				}),
			);
			// The bulk request was refused, then the first one-by-one request proved nothing is left.
			expect(requestsTo(mock(), BULK)).toHaveLength(1);
			expect(requestsTo(mock(), SINGLE)).toHaveLength(1);
		});

		test('330 candidates, 130 invites left: exactly 130 invited (the first ones), 200 parked, every candidate once', async () => {
			mock().setAssessmentInvitesLeft(130);
			const items = candidates(330);
			const result = await runInvite(mock(), { items, parameters: parameters({ concurrency: 1 }) });

			expect(result.error).toBeUndefined();
			const [invited, exhausted] = result.outputs;
			expect(invited).toHaveLength(130);
			expect(exhausted).toHaveLength(200);
			expect(mock().assessmentInvites).toHaveLength(130);
			expect(invited.map((item) => item.json.email)).toEqual(items.slice(0, 130).map((c) => c.email));
			expect([...pairedIndexes(invited), ...pairedIndexes(exhausted)].sort((a, b) => a - b)).toEqual(items.map((_c, i) => i));
			// Batch 1 (100) invited, batch 2 refused, 30 + 1 single requests, batches 3 and 4 never sent.
			expect(requestsTo(mock(), BULK)).toHaveLength(2);
			expect(requestsTo(mock(), SINGLE)).toHaveLength(31);
			expect(exhausted.filter((item) => item.json.inviteAttempted === false)).toHaveLength(130);
			expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
		});

		test('with concurrency, still exactly as many invited as the account allows', async () => {
			mock().setAssessmentInvitesLeft(730);
			const items = candidates(2000);
			const result = await runInvite(mock(), { items, parameters: parameters({ concurrency: 5 }) });

			expect(result.error).toBeUndefined();
			expect(result.outputs[0]).toHaveLength(730);
			expect(result.outputs[1]).toHaveLength(1270);
			expect(mock().assessmentInvites).toHaveLength(730);
			expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
		});

		test("'Keep Trying Each Candidate' sends every remaining candidate on its own after the first refusal", async () => {
			mock().setAssessmentInvitesLeft(1);
			const result = await runInvite(mock(), {
				items: candidates(4),
				parameters: parameters({ whenInvitesRunOut: 'tryEach', concurrency: 1, batchSize: 2 }),
			});

			expect(result.error).toBeUndefined();
			expect(result.outputs[0]).toHaveLength(1);
			expect(result.outputs[1]).toHaveLength(3);
			expect(result.outputs[1].every((item) => item.json.inviteAttempted === true)).toBe(true);
		});
	});

	test('as an AI agent tool: candidates not invited for lack of invites come back on the first output, with only what was sent', async () => {
		mock().setAssessmentInvitesLeft(1);
		const result = await runInvite(mock(), {
			items: candidates(2).map((candidate) => ({ ...candidate, headers: { authorization: 'Bearer from-the-webhook' } })),
			nodeType: 'xobinTool',
			parameters: parameters(),
		});

		expect(result.error).toBeUndefined();
		const [first, second] = result.outputs;
		expect(second).toEqual([]);
		expect(first[0].json.invite_link).toEqual(expect.any(String));
		expect(first[1].json).toEqual({
			candidate_name: 'Candidate 2',
			candidate_email: 'candidate2@example.com',
			assessment_id: 53280,
			invite_format: 'getlink',
			invited: false,
			code: 'limit_exceed',
			message: expect.stringMatching(/^Not invited: the Xobin account has no assessment invites left/),
		});
	});

	describe('uncertain answers', () => {
		test('a 502 after Xobin acted on a bulk request: its candidates are errors that name them, never re-sent; other batches are fine', async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, processed: true, status: 502, body: { error: 'Bad Gateway' } });
			const items = candidates(6);
			const result = await runInvite(mock(), {
				items,
				parameters: parameters({ batchSize: 3, concurrency: 1 }),
				settings: continueOnError,
			});

			expect(result.error).toBeUndefined();
			expect(requestsTo(mock(), BULK)).toHaveLength(2);
			const [output] = result.outputs;
			expect(pairedIndexes(output)).toEqual([0, 1, 2, 3, 4, 5]);
			for (const index of [0, 1, 2]) {
				expect(output[index].json.error).toBe(`Xobin could not complete the request (HTTP 502): Bad Gateway [item ${index}]`);
				const details = output[index].json.details as IDataObject;
				expect(details.description).toContain(`So "candidate${index + 1}@example.com" may or may not be invited`);
				expect(details.description).toContain('one of 3 candidates in one bulk invite request');
				expect(details.description).toContain('open assessment 53280 in Xobin');
			}
			expect(output.slice(3).map((item) => item.json.invite_link)).toEqual([
				expect.stringMatching(/^https:\/\//),
				expect.stringMatching(/^https:\/\//),
				expect.stringMatching(/^https:\/\//),
			]);
		});

		test('a candidate missing from the bulk answer is uncertain, not a quiet success', async () => {
			mock().omitFromBulkAnswer(['candidate2@example.com']);
			const result = await runInvite(mock(), { items: candidates(3), parameters: parameters(), settings: continueOnError });

			const [output] = result.outputs;
			expect(output[0].json.invite_link).toEqual(expect.any(String));
			expect(output[1].json.error).toBe(
				`Xobin's answer to the bulk invite does not include an invite for "candidate2@example.com" [item 1]`,
			);
			expect(output[2].json.invite_link).toEqual(expect.any(String));
			expect(requestsTo(mock(), /invite$/)).toHaveLength(1);
		});

		// Xobin might invite only as many candidates of a bulk request as the account has left and
		// answer 200 listing just those (the mock's 'partial' mode). The unlisted ones are not
		// parked: Xobin's answer does not say what happened to them, so they are uncertain.
		test.each([
			{ onError: 'stopWorkflow' as const, settings: retryOnFail },
			{ onError: 'continueRegularOutput' as const, settings: continueOnError },
			{ onError: 'continueErrorOutput' as const, settings: { onError: 'continueErrorOutput' as const } },
		])('a bulk request Xobin accepts only in part (On Error "$onError"): never more than the quota, the unlisted uncertain and never re-sent', async ({ onError, settings }) => {
			mock().setBulkExhaustion('partial');
			mock().setAssessmentInvitesLeft(3);
			const items = candidates(5);

			const result = await runInvite(mock(), { items, parameters: parameters(), settings });

			expect(requestsTo(mock(), BULK)).toHaveLength(1);
			expect(requestsTo(mock(), SINGLE)).toHaveLength(0);
			expect(mock().assessmentInvites.map((invite) => invite.email)).toEqual(items.slice(0, 3).map((c) => c.email));
			expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
			const unlisted = (index: number) =>
				`Xobin's answer to the bulk invite does not include an invite for "candidate${index + 1}@example.com" [item ${index}]`;
			if (onError === 'stopWorkflow') {
				// n8n ran the node 3 times (Retry On Fail): the later tries sent nothing.
				expect(result.status).toBe('error');
				expect(result.error?.message).toBe('Not sent again: an earlier try in this execution may have invited "candidate4@example.com" [item 3]');
				return;
			}
			const all = result.outputs.flat();
			expect(pairedIndexes(all).sort()).toEqual([0, 1, 2, 3, 4]);
			const invited = all.filter((item) => item.json.error === undefined);
			const errors = all.filter((item) => item.json.error !== undefined);
			expect(invited.map((item) => item.json.invite_link)).toEqual(mock().assessmentInvites.map((invite) => invite.invite_link));
			expect(errors.map((item) => item.json.error)).toEqual([unlisted(3), unlisted(4)]);
			expect(String((errors[0].json.details as IDataObject).description)).toMatch(/may or may not be invited/);
			if (onError === 'continueErrorOutput') {
				expect(result.outputs.map((output) => output.length)).toEqual([3, 0, 2]);
			} else {
				expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 3, 4]);
			}
		});

		test('with Retry On Fail, neither the invited nor the uncertain are sent again', async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, processed: true, status: 504, after: 1, body: { error: 'Gateway Timeout' } });
			const result = await runInvite(mock(), {
				items: candidates(4),
				parameters: parameters({ batchSize: 2, concurrency: 1 }),
				settings: retryOnFail,
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Not sent again: an earlier try in this execution may have invited "candidate3@example.com" [item 2]');
			expect(requestsTo(mock(), BULK)).toHaveLength(2);
			expect(mock().assessmentInvites).toHaveLength(4);
			expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
		});

		test('a 200 whose invites are not a list confirms nobody: every candidate of the request is uncertain', async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, processed: true, status: 200, body: { invites: 'queued' } });
			const result = await runInvite(mock(), { items: candidates(2), parameters: parameters(), settings: continueOnError });

			expect(result.outputs[0].map((item) => item.json.error)).toEqual([
				`Xobin's answer to the bulk invite does not include an invite for "candidate1@example.com" [item 0]`,
				`Xobin's answer to the bulk invite does not include an invite for "candidate2@example.com" [item 1]`,
			]);
			expect(requestsTo(mock(), /invite$/)).toHaveLength(1);
		});

		test('a bulk request that runs into the timeout is not sent again', async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, processed: true, delayMs: 2500 });
			const result = await runInvite(mock(), { items: candidates(2), parameters: parameters(), timeoutSeconds: 1 });

			expect(result.error?.message).toBe('Xobin did not answer within 1 seconds [item 0]');
			expect(result.error?.description).toContain('one of 2 candidates in one bulk invite request');
			expect(requestsTo(mock(), /invite$/)).toHaveLength(1);
		});

		test('a 429 refuses the whole request, so it is sent again after the wait Xobin asks for', async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, status: 429, headers: { 'Retry-After': '0' }, body: { error: 'Too many requests' } });
			const result = await runInvite(mock(), { items: candidates(3), parameters: parameters() });

			expect(result.error).toBeUndefined();
			expect(requestsTo(mock(), BULK)).toHaveLength(2);
			expect(result.outputs[0]).toHaveLength(3);
			expect(mock().stats().assessmentCandidatesInvitedMoreThanOnce).toBe(0);
		});

		test("'Re-Send Uncertain Invites' sends a lost batch once more", async () => {
			mock().queueFault({ path: BULK_INVITE_PATH, status: 502, body: { error: 'Bad Gateway' } });
			const result = await runInvite(mock(), { items: candidates(3), parameters: parameters({ resendUncertain: true }) });

			expect(result.error).toBeUndefined();
			expect(requestsTo(mock(), BULK)).toHaveLength(2);
			expect(result.outputs[0]).toHaveLength(3);
		});
	});

	test('a bulk request refused for a bad value is sent one by one, so only the candidate Xobin objects to fails', async () => {
		mock().queueFault({ path: BULK_INVITE_PATH, status: 400, body: { error: 'candidates[1].email is blocked' } });
		mock().queueFault({ path: ASSESSMENT_INVITE_PATH, after: 1, status: 400, body: { error: 'This email address is blocked' } });
		const result = await runInvite(mock(), { items: candidates(3), parameters: parameters(), settings: continueOnError });

		const [output] = result.outputs;
		expect(output[0].json.invite_link).toEqual(expect.any(String));
		expect(output[1].json.error).toBe('Xobin rejected the request: This email address is blocked [item 1]');
		expect(output[2].json.invite_link).toEqual(expect.any(String));
		expect(requestsTo(mock(), SINGLE)).toHaveLength(3);
	});

	test('an unknown assessment fails every item with the assessment named, after one request', async () => {
		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: parameters({}, { assessmentId: 999 }),
			settings: continueOnError,
		});

		expect(result.outputs[0].map((item) => item.json.error)).toEqual([
			'Xobin could not find assessment 999: Assessment not found [item 0]',
			'Xobin could not find assessment 999: Assessment not found [item 1]',
			'Xobin could not find assessment 999: Assessment not found [item 2]',
		]);
		expect(mock().requests).toHaveLength(1);
	});
});
