// Exactly-once invites: an answer lost after Xobin may have created the invite is *uncertain*, and
// is never sent again without proof (Xobin's record by Custom Field ID) unless the user opted in;
// nobody is invited twice across n8n's Retry On Fail, re-runs and repeated rows; nobody is missed
// silently.

import type { IDataObject } from 'n8n-workflow';

import type { NodeSettings } from './harness/engine';
import {
	candidates,
	INVITE_PATH,
	inviteParameters,
	inviteRequests,
	pairedIndexes,
	requestsTo,
	runInvite,
	useMockXobin,
} from './support';

/** Candidates carrying a row id, sent as the Custom Field ID. */
function rows(count: number, first = 1): IDataObject[] {
	return candidates(count, first).map((candidate, index) => ({ ...candidate, row: `ROW-${first + index}` }));
}

function withCustomFieldId(options: IDataObject = {}): IDataObject {
	return inviteParameters({ additionalFields: { customFieldId: '={{ $json.row }}' }, options });
}

const retryOnFail: NodeSettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
const LOOKUP = /\/ai-interviews\/report$/;

describe('Uncertain invites are never sent twice', () => {
	const mock = useMockXobin();

	test('a 502 after Xobin created the invite, with Retry On Fail: no second POST, and the user is told to check', async () => {
		mock().queueFault({ path: INVITE_PATH, processed: true, status: 502, body: { error: 'Bad Gateway' } });

		const result = await runInvite(mock(), { items: candidates(1), settings: retryOnFail });

		expect(inviteRequests(mock())).toHaveLength(1);
		expect(mock().invites).toHaveLength(1);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Not sent again: an earlier try in this execution may have invited "candidate1@example.com" [item 0]');
		expect(result.error?.description).toMatch(/AI Interviews dashboard/);
	});

	test('a 502 after Xobin created the invite, with a Custom Field ID: confirmed by lookup and out on Invited', async () => {
		mock().queueFault({ path: INVITE_PATH, processed: true, status: 502, body: { error: 'Bad Gateway' } });

		const result = await runInvite(mock(), { items: rows(1), parameters: withCustomFieldId(), settings: retryOnFail });

		expect(result.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(1);
		expect(requestsTo(mock(), LOOKUP).map((request) => request.query)).toEqual([{ custom_field_id: 'ROW-1' }]);
		const [invited] = result.outputs[0];
		// The whole item, from Xobin's record (a report has no invite link).
		expect(invited.json).toEqual({
			email: 'candidate1@example.com',
			ai_interview_id: 305,
			ai_interview_name: 'Senior Data Engineer',
			response_id: mock().invites[0].response_id,
			invite_link: null,
			name: 'Candidate 1',
			status: 'Pending',
			custom_field_id: 'ROW-1',
			confirmedAfterUncertainAnswer: true,
		});
	});

	test('with Retry On Fail, an invite the first try left uncertain is confirmed by Custom Field ID on the next, never sent again', async () => {
		// Try 1: the answer is lost and the lookup fails too, so the item fails and n8n runs the node again.
		mock().queueFault({ path: INVITE_PATH, processed: true, status: 502, body: { error: 'Bad Gateway' } });
		mock().queueFault({ path: LOOKUP, status: 500, body: { error: 'Internal Server Error' } });

		const result = await runInvite(mock(), { items: rows(1), parameters: withCustomFieldId(), settings: retryOnFail });

		expect(result.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(1);
		expect(requestsTo(mock(), LOOKUP)).toHaveLength(2);
		expect(result.outputs[0].map((item) => [item.json.response_id, item.json.confirmedAfterUncertainAnswer])).toEqual([
			[mock().invites[0].response_id, true],
		]);
	});

	test('a timeout after Xobin created the invite: confirmed by Custom Field ID, never sent again', async () => {
		mock().queueFault({ path: INVITE_PATH, processed: true, delayMs: 2500 });

		const result = await runInvite(mock(), { items: rows(1), parameters: withCustomFieldId(), timeoutSeconds: 1 });

		expect(result.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(1);
		expect(result.outputs[0][0].json.confirmedAfterUncertainAnswer).toBe(true);
	});

	test('not found by Custom Field ID is not proof: the invite stays uncertain and is not re-sent', async () => {
		mock().setCustomFieldLookupSeesPending(false);
		mock().queueFault({ path: INVITE_PATH, processed: true, status: 504, body: { error: 'Gateway Timeout' } });

		const result = await runInvite(mock(), {
			items: rows(1),
			parameters: withCustomFieldId(),
			settings: { onError: 'continueErrorOutput' },
		});

		const [invited, exhausted, errors] = result.outputs;
		expect([invited, exhausted]).toEqual([[], []]);
		expect(errors[0].json.error).toBe('Xobin could not complete the request (HTTP 504): Gateway Timeout [item 0]');
		expect((errors[0].json.details as IDataObject).description).toMatch(
			/"candidate1@example.com" may or may not be invited: the node could not find the invite by Custom Field ID "ROW-1" either/,
		);
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	// Xobin's record found by Custom Field ID proves the invite only when it is this candidate's
	// invite to this interview: the same id may have been used for another interview or person.
	test.each([
		{ other: 'another interview', seed: { interview: 211, email: 'candidate1@example.com' } },
		{ other: 'another email', seed: { interview: 305, email: 'someone.else@example.com' } },
	])('a lookup record of $other is no proof: the uncertain invite stays an error', async ({ seed }) => {
		await runInvite(mock(), {
			items: [{ name: 'Earlier', email: seed.email, row: 'ROW-1' }],
			parameters: inviteParameters({ aiInterviewId: seed.interview, additionalFields: { customFieldId: '={{ $json.row }}' } }),
		});
		mock().queueFault({ path: INVITE_PATH, status: 502, body: { error: 'Bad Gateway' } });

		const result = await runInvite(mock(), {
			items: rows(1),
			parameters: withCustomFieldId(),
			settings: { onError: 'continueErrorOutput' },
		});

		const [invited, exhausted, errors] = result.outputs;
		expect([invited, exhausted]).toEqual([[], []]);
		expect(errors[0].json.error).toBe('Xobin could not complete the request (HTTP 502): Bad Gateway [item 0]');
		expect((errors[0].json.details as IDataObject).description).toMatch(/could not find the invite by Custom Field ID "ROW-1" either/);
		// The lookup was made and did find a record (the other one): it was refused as proof.
		expect(requestsTo(mock(), LOOKUP).map((request) => request.query)).toEqual([{ custom_field_id: 'ROW-1' }]);
		expect(inviteRequests(mock())).toHaveLength(2); // the earlier invite, then this one: never re-sent
	});

	test('a 500 before Xobin created anything: the error says "may or may not"; with Re-Send Uncertain Invites it is sent once more', async () => {
		mock().queueFault({ path: INVITE_PATH, status: 500, body: { error: 'Internal Server Error' } });
		const plain = await runInvite(mock(), { items: candidates(1), settings: { onError: 'continueRegularOutput' } });
		expect(plain.outputs[0][0].json.error).toMatch(/HTTP 500/);
		expect(JSON.stringify(plain.outputs[0][0].json.details)).toMatch(/may or may not be invited/);
		expect(inviteRequests(mock())).toHaveLength(1);

		mock().reset();
		mock().queueFault({ path: INVITE_PATH, status: 500, body: { error: 'Internal Server Error' } });
		const optedIn = await runInvite(mock(), {
			items: candidates(1),
			parameters: inviteParameters({ options: { resendUncertain: true } }),
		});
		expect(optedIn.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(2);
		expect(mock().invites).toHaveLength(1);
		expect(optedIn.outputs[0][0].json.invite_link).toMatch(/^https:\/\//);
	});

	test('Re-Send Uncertain Invites sends once more only: a second lost answer stays uncertain', async () => {
		mock().queueFault({ path: INVITE_PATH, status: 502, times: 5 });

		const result = await runInvite(mock(), {
			items: candidates(1),
			parameters: inviteParameters({ options: { resendUncertain: true } }),
			settings: { onError: 'continueRegularOutput' },
		});

		expect(inviteRequests(mock())).toHaveLength(2);
		expect(result.outputs[0][0].json.error).toMatch(/HTTP 502/);
	});

	test.each([
		{ onError: 'stopWorkflow' as const },
		{ onError: 'continueRegularOutput' as const },
		{ onError: 'continueErrorOutput' as const },
	])('with On Error "$onError", every candidate comes out exactly once and the uncertain one is never silent', async ({ onError }) => {
		mock().queueFault({ path: INVITE_PATH, processed: true, status: 502, after: 2 });

		const result = await runInvite(mock(), {
			items: candidates(5),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError },
		});

		if (onError === 'stopWorkflow') {
			expect(result.error?.message).toMatch(/HTTP 502.*\[item 2\]/);
			expect(result.error?.description).toMatch(/2 candidates were invited in this run before it stopped/);
			expect(inviteRequests(mock())).toHaveLength(3);
			return;
		}
		const all = result.outputs.flat();
		expect(pairedIndexes(all).sort()).toEqual([0, 1, 2, 3, 4]);
		const errorItems = all.filter((item) => item.json.error !== undefined);
		expect(pairedIndexes(errorItems)).toEqual([2]);
		expect(JSON.stringify(errorItems[0].json)).toMatch(/may or may not be invited/);
		if (onError === 'continueErrorOutput') expect(result.outputs[2]).toEqual(errorItems);
		expect(mock().stats().candidatesInvitedMoreThanOnce).toBe(0);
	});
});

describe('Skip If Already Invited', () => {
	const mock = useMockXobin();

	test('across two executions: candidates Xobin already has are not invited again and no invite is spent', async () => {
		const options = { skipIfInvited: true };
		await runInvite(mock(), { items: rows(3), parameters: withCustomFieldId(options) });
		mock().setInvitesLeft(1);

		const again = await runInvite(mock(), { items: rows(4), parameters: withCustomFieldId(options) });

		expect(again.error).toBeUndefined();
		expect(inviteRequests(mock())).toHaveLength(4);
		expect(mock().stats().candidatesInvitedMoreThanOnce).toBe(0);
		const [invited, exhausted] = again.outputs;
		expect(exhausted).toEqual([]);
		expect(invited.map((item) => [item.json.email, item.json.alreadyInvited ?? false])).toEqual([
			['candidate1@example.com', true],
			['candidate2@example.com', true],
			['candidate3@example.com', true],
			['candidate4@example.com', false],
		]);
		expect(invited[0].json).toEqual(
			expect.objectContaining({ response_id: mock().invites[0].response_id, custom_field_id: 'ROW-1', ai_interview_id: 305 }),
		);
	});

	test.each([
		{ other: 'another interview', seed: { interview: 211, email: 'candidate1@example.com' } },
		{ other: 'another email', seed: { interview: 305, email: 'someone.else@example.com' } },
	])('a record with the same Custom Field ID but $other does not count: the invite is sent', async ({ seed }) => {
		await runInvite(mock(), {
			items: [{ name: 'Earlier', email: seed.email, row: 'ROW-1' }],
			parameters: inviteParameters({ aiInterviewId: seed.interview, additionalFields: { customFieldId: '={{ $json.row }}' } }),
		});

		const result = await runInvite(mock(), { items: rows(1), parameters: withCustomFieldId({ skipIfInvited: true }) });

		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), LOOKUP)).toHaveLength(1);
		expect(inviteRequests(mock())).toHaveLength(2); // the earlier invite, then this one
		expect(mock().invites).toHaveLength(2);
		const [invited] = result.outputs[0];
		expect(invited.json.alreadyInvited).toBeUndefined();
		expect(invited.json).toEqual(
			expect.objectContaining({ email: 'candidate1@example.com', ai_interview_id: 305, response_id: mock().invites[1].response_id }),
		);
	});

	test('two rows with the same Custom Field ID in one run: one invite, both items get it, the second marked as not sent', async () => {
		const items = [...rows(1), { ...rows(1)[0] }, ...rows(1, 2)];

		const result = await runInvite(mock(), { items, parameters: withCustomFieldId({ skipIfInvited: true }) });

		expect(mock().invites).toHaveLength(2);
		expect(result.outputs[0].map((item) => [item.json.response_id, item.json.alreadyInvited ?? false])).toEqual([
			[mock().invites[0].response_id, false],
			[mock().invites[0].response_id, true],
			[mock().invites[1].response_id, false],
		]);
	});

	test('the same address in other letters is the same candidate: one invite, the repeat marked as not sent', async () => {
		const items = [
			{ name: 'Alex', email: 'alex@example.com' },
			{ name: 'Alex', email: 'Alex@Example.COM' },
		];

		const result = await runInvite(mock(), { items });

		expect(mock().invites.map((invite) => invite.email)).toEqual(['alex@example.com']);
		expect(result.outputs[0].map((item) => [item.json.response_id, item.json.alreadyInvited ?? false])).toEqual([
			[mock().invites[0].response_id, false],
			[mock().invites[0].response_id, true],
		]);
	});

	test('two people sharing a Custom Field ID in one run: the second is not sent and says so, naming whose invite it is', async () => {
		const items = [
			{ name: 'Alex', email: 'alex@example.com', row: 'ROW-7' },
			{ name: 'Sam', email: 'sam@example.com', row: 'ROW-7' },
		];

		const result = await runInvite(mock(), { items, parameters: withCustomFieldId({ skipIfInvited: true, concurrency: 2 }) });

		expect(mock().invites.map((invite) => invite.email)).toEqual(['alex@example.com']);
		const [invited] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([0, 1]);
		expect(invited[0].json.alreadyInvited).toBeUndefined();
		expect(invited[1].json).toEqual(
			expect.objectContaining({ alreadyInvited: true, existingInviteEmail: 'alex@example.com', response_id: mock().invites[0].response_id }),
		);
	});

	test('two people sharing a Custom Field ID, the first answer lost: the second is not sent, and its error names whose invite may exist', async () => {
		mock().queueFault({ path: INVITE_PATH, status: 502 });
		const items = [
			{ name: 'Alex', email: 'alex@example.com', row: 'ROW-7' },
			{ name: 'Sam', email: 'sam@example.com', row: 'ROW-7' },
		];

		const result = await runInvite(mock(), {
			items,
			parameters: withCustomFieldId({ skipIfInvited: true, concurrency: 2 }),
			settings: { onError: 'continueRegularOutput' },
		});

		expect(inviteRequests(mock())).toHaveLength(1);
		expect(result.outputs[0][1].json.error).toBe(
			'Not sent again: an earlier try in this execution may have invited "alex@example.com" with the same Custom Field ID, so "sam@example.com" was not sent [item 1]',
		);
	});

	test('an item without a Custom Field ID stops the run before anything is sent', async () => {
		const result = await runInvite(mock(), {
			items: [...rows(1), { name: 'No Row', email: 'norow@example.com' }],
			parameters: withCustomFieldId({ skipIfInvited: true }),
		});

		expect(result.error?.message).toBe("Custom Field ID is empty, but 'Skip If Already Invited' needs it [item 1]");
		expect(mock().requests).toEqual([]);
	});

	test('off by default: no lookup request is made', async () => {
		await runInvite(mock(), { items: rows(3), parameters: withCustomFieldId() });

		expect(requestsTo(mock(), LOOKUP)).toEqual([]);
		expect(mock().requests).toHaveLength(3);
	});
});
