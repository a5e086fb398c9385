// XoForm → Invite Candidate and Automated Interview → Invite Candidate: the AI-interview invite
// machinery (concurrency, input order, exhaustion parking, exactly-once across Retry On Fail) with
// each product's own endpoint, id key and answer; Xobin offers no lookup for either, so an
// uncertain invite is never confirmed and never re-sent.

import type { IDataObject } from 'n8n-workflow';

import type { NodeSettings } from './harness/engine';
import { candidates, pairedIndexes, requestsTo, runInvite, useMockXobin } from './support';

const FORM_INVITE_PATH = '/api/v2/forms/invite';
const AUTOMATED_INVITE_PATH = '/api/v2/automated-interviews/invite';
const retryOnFail: NodeSettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };

function formParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'xoForm',
		operation: 'invite',
		candidateName: '={{ $json.name }}',
		candidateEmail: '={{ $json.email }}',
		formId: 4101,
		inviteFormat: 'getlink',
		...overrides,
	};
}

function automatedParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'automatedInterview',
		operation: 'invite',
		candidateName: '={{ $json.name }}',
		candidateEmail: '={{ $json.email }}',
		interviewId: 5101,
		inviteFormat: 'getlink',
		...overrides,
	};
}

describe('XoForm → Invite Candidate', () => {
	const mock = useMockXobin();
	const sent = () =>
		requestsTo(mock(), /\/forms\/invite$/).map((request) => request.body as IDataObject);

	test('sends name, email, the form ID as a JSON number and the invite format, and returns the invite link', async () => {
		const result = await runInvite(mock(), {
			items: [{ name: 'Alex Tanaka', email: 'alex@example.com', form: '4101' }],
			parameters: formParameters({ formId: '={{ $json.form }}', inviteFormat: 'sendlink' }),
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				candidate_name: 'Alex Tanaka',
				candidate_email: 'alex@example.com',
				form_id: 4101,
				invite_format: 'sendlink',
			},
		]);
		const [invited, exhausted] = result.outputs;
		expect(exhausted).toEqual([]);
		expect(invited[0].json).toEqual({
			name: 'Alex Tanaka',
			email: 'alex@example.com',
			invite_link: expect.stringMatching(/^https:\/\//),
			form_id: 4101,
			form_response_id: mock().formInvites[0].form_response_id,
			form_name: 'Application Form',
			status: 'Pending',
		});
	});

	test('several at once, every candidate sent exactly once and the output in input order', async () => {
		mock().setLatency(30);
		const result = await runInvite(mock(), {
			items: candidates(12),
			parameters: formParameters({ options: { concurrency: 4 } }),
		});

		expect(result.outputs[0].map((item) => item.json.email)).toEqual(
			candidates(12).map((c) => c.email),
		);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(12).keys()]);
		expect(sent()).toHaveLength(12);
		expect(mock().stats().maxInFlight).toBeGreaterThan(1);
	});

	test('parks the rest on Invites Exhausted once the form invites run out, without calling Xobin again', async () => {
		mock().setFormInvitesLeft(2);
		const result = await runInvite(mock(), {
			items: candidates(5),
			parameters: formParameters({ options: { concurrency: 1 } }),
		});

		const [invited, exhausted] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([0, 1]);
		expect(pairedIndexes(exhausted)).toEqual([2, 3, 4]);
		expect(exhausted.map((item) => item.json.inviteAttempted)).toEqual([true, false, false]);
		expect(exhausted[0].json).toEqual(
			expect.objectContaining({
				form_id: 4101,
				code: 'limit_exceed',
				message: 'Invites Exhausted. Please contact support.',
			}),
		);
		expect(sent()).toHaveLength(3);
	});

	test('a 502 after Xobin created the invite, with Retry On Fail: not sent again, and the error names the candidate and where to check', async () => {
		mock().queueFault({
			path: FORM_INVITE_PATH,
			processed: true,
			status: 502,
			body: { error: 'Bad Gateway' },
		});

		const result = await runInvite(mock(), {
			items: candidates(1),
			parameters: formParameters(),
			settings: retryOnFail,
		});

		expect(sent()).toHaveLength(1);
		expect(mock().formInvites).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Not sent again: an earlier try in this execution may have invited "candidate1@example.com" [item 0]',
		);
		expect(result.error?.description).toMatch(
			/look for the candidate among the responses of XoForm 4101 in Xobin/,
		);
	});

	test('the first try of a lost answer says "may or may not be invited" and where to check', async () => {
		mock().queueFault({
			path: FORM_INVITE_PATH,
			processed: true,
			status: 502,
			body: { error: 'Bad Gateway' },
		});

		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: formParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueErrorOutput' },
		});

		const [invited, exhausted, errors] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([1]);
		expect(exhausted).toEqual([]);
		expect(errors[0].json.error).toBe(
			'Xobin could not complete the request (HTTP 502): Bad Gateway [item 0]',
		);
		expect((errors[0].json.details as IDataObject).description).toMatch(
			/"candidate1@example.com" may or may not be invited\. Xobin offers no way to check a form invite by API/,
		);
		expect(sent()).toHaveLength(2);
	});

	test('an unknown form is a clear error naming it, and nothing is parked', async () => {
		const result = await runInvite(mock(), {
			items: candidates(1),
			parameters: formParameters({ formId: 9999 }),
		});

		expect(result.error?.message).toBe('Xobin could not find XoForm 9999: Form not found [item 0]');
		expect(result.error?.description).toMatch(/Check the XoForm ID/);
	});
});

describe('Automated Interview → Invite Candidate', () => {
	const mock = useMockXobin();
	const sent = () =>
		requestsTo(mock(), /\/automated-interviews\/invite$/).map(
			(request) => request.body as IDataObject,
		);

	test("sends the interview ID as a JSON number and the format under both names Xobin's docs use", async () => {
		await runInvite(mock(), {
			items: candidates(1),
			parameters: automatedParameters({ interviewId: '5101' }),
		});

		expect(sent()).toEqual([
			{
				candidate_name: 'Candidate 1',
				candidate_email: 'candidate1@example.com',
				interview_id: 5101,
				invite_format: 'getlink',
				invite_type: 'getlink',
			},
		]);
		expect(mock().automatedInterviewInvites[0].formatKeys).toEqual([
			'invite_format',
			'invite_type',
		]);
	});

	test("keeps Xobin's misspelled interview_reponse_id and adds interview_response_id", async () => {
		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: automatedParameters(),
		});

		expect(result.error).toBeUndefined();
		const [first] = result.outputs[0];
		const responseId = mock().automatedInterviewInvites[0].interview_reponse_id;
		expect(first.json).toEqual({
			name: 'Candidate 1',
			email: 'candidate1@example.com',
			interview_name: 'Sales Screening',
			interview_reponse_id: responseId,
			interview_response_id: responseId,
			interview_id: 5101,
			invite_link: expect.stringMatching(/^https:\/\//),
			status: 'Pending',
		});
		expect(result.outputs[0][1].json.interview_response_id).toBe(responseId + 1);
	});

	test('an answer with the key spelled correctly confirms the invite too; both keys come out', async () => {
		const answer = { name: 'Candidate 1', email: 'candidate1@example.com', interview_response_id: 777, interview_id: 5101, invite_link: 'https://yourdomain.xobin.com/i/abc', status: 'Pending' };
		mock().queueFault({ path: AUTOMATED_INVITE_PATH, status: 200, body: answer });
		const result = await runInvite(mock(), { items: candidates(1), parameters: automatedParameters() });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual({ ...answer, interview_reponse_id: 777 });
	});

	test('parks the rest on Invites Exhausted', async () => {
		mock().setAutomatedInterviewInvitesLeft(1);
		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: automatedParameters({ options: { concurrency: 1 } }),
		});

		expect(pairedIndexes(result.outputs[0])).toEqual([0]);
		expect(pairedIndexes(result.outputs[1])).toEqual([1, 2]);
		expect(sent()).toHaveLength(2);
	});

	test('with Retry On Fail after a refused candidate, the Invited items of the first try come back unchanged, without a second request', async () => {
		// Try 1: candidate 1 invited, candidate 2 refused (Xobin did nothing), so n8n runs the node again.
		mock().queueFault({ path: AUTOMATED_INVITE_PATH, status: 400, body: { error: 'Please try again' }, after: 1 });

		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: automatedParameters({ options: { concurrency: 1 } }),
			settings: retryOnFail,
		});

		expect(result.error).toBeUndefined();
		expect(sent().map((body) => body.candidate_email)).toEqual([
			'candidate1@example.com',
			'candidate2@example.com',
			'candidate2@example.com',
		]);
		const [first, second] = mock().automatedInterviewInvites;
		// Xobin's answer to each invite (the mock's record less its own bookkeeping), as the node gives it.
		const answered = (invite: typeof first) => {
			const answer: IDataObject = { ...invite, interview_response_id: invite.interview_reponse_id };
			delete answer.invite_format;
			delete answer.formatKeys;
			return answer;
		};
		expect(result.outputs[0].map((item) => item.json)).toEqual([answered(first), answered(second)]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
	});

	test('a 502 after Xobin created the invite, with Retry On Fail: not sent again, and the error counts who was invited before', async () => {
		mock().queueFault({ path: AUTOMATED_INVITE_PATH, processed: true, status: 502, after: 1 });

		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: automatedParameters({ options: { concurrency: 1 } }),
			settings: retryOnFail,
		});

		expect(sent()).toHaveLength(2);
		expect(mock().stats().automatedInterviewInvites).toBe(2);
		expect(result.error?.message).toBe(
			'Not sent again: an earlier try in this execution may have invited "candidate2@example.com" [item 1]',
		);
		expect(result.error?.description).toMatch(/responses of automated interview 5101 in Xobin/);
		expect(result.error?.description).toMatch(
			/1 candidate was invited in this run before it stopped/,
		);
	});
});
