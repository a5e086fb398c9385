// When the Xobin account runs out of invites: the Invites Exhausted output, parking without more
// requests, the "keep trying" option, n8n's On Error settings, and AI-agent tool mode.

import {
	candidates,
	inviteParameters,
	inviteRequests,
	pairedIndexes,
	runInvite,
	useMockXobin,
} from './support';

/** The execution hints the node left on its output pane in this run. */
function hintsOf(result: Awaited<ReturnType<typeof runInvite>>): unknown[] {
	return result.runData[result.nodeName]?.[0]?.hints ?? [];
}

describe('Invites Exhausted output', () => {
	const mock = useMockXobin({ invitesLeft: 3 });

	test('parks the remaining candidates once invites run out, without calling Xobin again', async () => {
		const result = await runInvite(mock(), {
			items: candidates(6),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
		});

		expect(result.error).toBeUndefined();
		const [invited, exhausted] = result.outputs;
		expect(invited.map((item) => item.json.email)).toEqual([
			'candidate1@example.com',
			'candidate2@example.com',
			'candidate3@example.com',
		]);
		expect(exhausted.map((item) => item.json.email)).toEqual([
			'candidate4@example.com',
			'candidate5@example.com',
			'candidate6@example.com',
		]);
		expect(pairedIndexes(invited)).toEqual([0, 1, 2]);
		expect(pairedIndexes(exhausted)).toEqual([3, 4, 5]);
		// 3 invites, then exactly one request that got the "Invites Exhausted" answer.
		expect(inviteRequests(mock())).toHaveLength(4);
		expect(exhausted.map((item) => item.json.inviteAttempted)).toEqual([true, false, false]);
		// The output pane says so, counting those parked without a request.
		expect(hintsOf(result)).toEqual([
			{
				message:
					'3 of 6 candidates were not invited because the Xobin account has no AI interview invites left (2 of them without a request). They are on the Invites Exhausted output.',
				location: 'outputPane',
			},
		]);
	});

	test('a run with invites left shows no Invites Exhausted hint', async () => {
		const result = await runInvite(mock(), { items: candidates(2) });
		expect(result.outputs.map((output) => output.length)).toEqual([2, 0]);
		expect(hintsOf(result)).toEqual([]);
	});

	test('a parked candidate keeps its input fields and carries Xobin\'s message and code', async () => {
		mock().setInvitesLeft(0);
		const result = await runInvite(mock(), {
			items: [{ name: 'Alex Tanaka', email: 'alex@example.com', row: 7, team: 'Data' }],
		});

		expect(result.outputs[1]).toEqual([
			{
				json: {
					name: 'Alex Tanaka',
					email: 'alex@example.com',
					row: 7,
					team: 'Data',
					candidate_name: 'Alex Tanaka',
					candidate_email: 'alex@example.com',
					ai_interview_id: 305,
					invite_format: 'getlink',
					message: 'Invites Exhausted. Please contact support.',
					code: 'limit_exceed',
					inviteAttempted: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('"Keep Trying Each Candidate" sends every remaining candidate to Xobin', async () => {
		mock().setInvitesLeft(1);
		const result = await runInvite(mock(), {
			items: candidates(4),
			parameters: inviteParameters({ options: { whenInvitesRunOut: 'tryEach' } }),
		});

		expect(result.outputs[0]).toHaveLength(1);
		expect(result.outputs[1]).toHaveLength(3);
		expect(result.outputs[1].every((item) => item.json.inviteAttempted === true)).toBe(true);
		expect(inviteRequests(mock())).toHaveLength(4);
	});

	test('"Keep Trying Each Candidate" invites again when invites are added during the run', async () => {
		mock().queueFault({
			path: /invite$/,
			status: 403,
			body: { message: 'Invites Exhausted. Please contact support.', error: 'limit_exceed' },
		});
		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: inviteParameters({ options: { whenInvitesRunOut: 'tryEach', concurrency: 1 } }),
		});

		expect(pairedIndexes(result.outputs[1])).toEqual([0]);
		expect(pairedIndexes(result.outputs[0])).toEqual([1, 2]);
		expect(inviteRequests(mock())).toHaveLength(3);
	});

	test('a 403 that is not about invites is an ordinary error, not a parked candidate', async () => {
		mock().queueFault({ path: /invite$/, status: 403, body: { error: 'Feature not available on your plan' } });
		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueRegularOutput' },
		});

		const [invited, exhausted] = result.outputs;
		expect(exhausted).toEqual([]);
		expect(invited[0].json.error).toBe(
			'Xobin refused the request: Feature not available on your plan [item 0]',
		);
		expect(invited[1].json.email).toBe('candidate2@example.com');
	});

	test('recognises the exhaustion message even without the limit_exceed code', async () => {
		mock().queueFault({ path: /invite$/, status: 403, body: { message: 'Invites Exhausted. Please contact support.' } });
		const result = await runInvite(mock(), {
			items: candidates(2),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
		});

		expect(result.outputs[0]).toEqual([]);
		expect(result.outputs[1].map((item) => item.json.inviteAttempted)).toEqual([true, false]);
		expect(result.outputs[1][0].json.message).toBe('Invites Exhausted. Please contact support.');
	});

	test('with "Continue (using error output)" parked candidates stay on Invites Exhausted', async () => {
		const result = await runInvite(mock(), {
			items: [...candidates(4), { name: 'No Email', email: 'not-an-email' }],
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueErrorOutput' },
		});

		expect(result.error).toBeUndefined();
		const [invited, exhausted, errors] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([0, 1, 2]);
		expect(pairedIndexes(exhausted)).toEqual([3]);
		expect(pairedIndexes(errors)).toEqual([4]);
		expect(errors[0].json.error).toBe('Candidate Email "not-an-email" is not a valid email address [item 4]');
	});

	test('every input item comes out exactly once across all outputs', async () => {
		const items = [
			...candidates(2),
			{ name: '', email: 'blank@example.com' },
			...candidates(4, 3),
		];
		const result = await runInvite(mock(), { items, settings: { onError: 'continueErrorOutput' } });

		const seen = result.outputs.flatMap((output) => pairedIndexes(output)).sort((a, b) => a - b);
		expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});
});

describe('Invite Candidate as an AI agent tool', () => {
	const mock = useMockXobin({ invitesLeft: 1 });

	test('reports exhaustion on the first output, the only one an agent sees', async () => {
		const result = await runInvite(mock(), {
			items: candidates(2).map((candidate) => ({ ...candidate, headers: { authorization: 'Bearer from-the-webhook' } })),
			nodeType: 'xobinTool',
			parameters: inviteParameters({ options: { concurrency: 1 } }),
		});

		expect(result.error).toBeUndefined();
		const [first, second] = result.outputs;
		expect(second).toEqual([]);
		expect(first).toHaveLength(2);
		expect(first[0].json.invite_link).toEqual(expect.any(String));
		expect(first[1].json.invited).toBe(false);
		expect(first[1].json.message).toMatch(/no AI interview invites left/);
		// Only what was sent and why: the input item (a webhook's headers) never reaches the model.
		expect(first[1].json).toEqual({
			candidate_name: 'Candidate 2',
			candidate_email: 'candidate2@example.com',
			ai_interview_id: 305,
			invite_format: 'getlink',
			invited: false,
			code: 'limit_exceed',
			message: expect.stringMatching(/^Not invited: /),
		});
		expect(pairedIndexes(first)).toEqual([0, 1]);
	});
});
