// Failures from Xobin: Xobin's own words, the HTTP code, the item and a fix-it hint, under each of
// n8n's On Error settings, and the API key never showing up anywhere.

import { candidates, inviteParameters, inviteRequests, MOCK_API_KEY, pairedIndexes, runInvite, useMockXobin } from './support';

describe('Invite Candidate errors from Xobin', () => {
	const mock = useMockXobin();

	test('a wrong API key: Xobin\'s message, HTTP 401 and how to fix the credential', async () => {
		const result = await runInvite(mock(), { items: candidates(1), apiKey: 'not-the-right-key' });

		expect(result.error?.message).toBe('Xobin rejected the API key: Invalid API key [item 0]');
		expect(result.error?.httpCode).toBe('401');
		// Nobody was invited before it stopped, so the error says nothing about re-running safely.
		expect(result.error?.description).toBe(
			"Open the Xobin API credential and paste the API key Xobin support issued for your account (keys are case-sensitive; check for spaces at either end). Use the credential's 'Test' button to confirm it works.",
		);
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	test('an unknown AI interview names the ID and where to find the right one', async () => {
		const result = await runInvite(mock(), {
			items: candidates(1),
			parameters: inviteParameters({ aiInterviewId: 999 }),
		});

		expect(result.error?.message).toBe('Xobin could not find AI interview 999: AI interview not found [item 0]');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toMatch(/AI Interviews dashboard/);
	});

	test('a field Xobin rejects keeps Xobin\'s validation message', async () => {
		mock().queueFault({ path: /invite$/, status: 422, body: { error: 'candidate_email is already invited' } });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.error?.message).toBe('Xobin rejected the request: candidate_email is already invited [item 0]');
		expect(result.error?.httpCode).toBe('422');
	});

	test('Xobin being down (500) says the problem is on Xobin\'s side', async () => {
		mock().queueFault({ path: /invite$/, status: 500, body: { error: 'Internal Server Error' } });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.error?.message).toBe('Xobin could not complete the request (HTTP 500): Internal Server Error [item 0]');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.description).toMatch(/on Xobin's side/);
	});

	test('rate limiting (429) with retries turned off suggests slowing down', async () => {
		mock().queueFault({ path: /invite$/, status: 429, body: { error: 'Too many requests' } });
		const result = await runInvite(mock(), {
			items: candidates(1),
			parameters: inviteParameters({ options: { retryOnRateLimit: false } }),
		});

		expect(result.error?.message).toBe('Xobin is limiting how fast requests can be sent: Too many requests [item 0]');
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.description).toMatch(/Run fewer items at once/);
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	test('an answer that is not JSON points at the Base URL', async () => {
		mock().queueFault({ path: /invite$/, status: 200, rawBody: '<html><body>Login</body></html>', contentType: 'text/html' });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.error?.message).toBe('Xobin sent an answer the node cannot read (HTTP 200, text/html) [item 0]');
		expect(result.error?.description).toMatch(/Base URL/);
	});

	test('a connection dropped before any answer says the invite may exist', async () => {
		mock().queueFault({ path: /invite$/, drop: true });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.error?.message).toBe('The connection to Xobin broke before it answered [item 0]');
		expect(result.error?.description).toMatch(/may or may not be invited/);
	});

	test('nothing listening at the Base URL: could not reach Xobin, nothing was sent', async () => {
		const closed = mock();
		const { url } = closed;
		await closed.close();
		const result = await runInvite(closed, { items: candidates(1), baseUrl: url });

		expect(result.error?.message).toBe(`Could not reach Xobin at ${new URL(url).host} [item 0]`);
		expect(result.error?.description).toMatch(/ECONNREFUSED/);
	});

	test('"Stop Workflow" stops at the failing item; candidates before it were invited once', async () => {
		mock().queueFault({ path: /invite$/, status: 500, body: { error: 'boom' } });
		const result = await runInvite(mock(), {
			items: candidates(1).concat(candidates(2, 2)),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	test('"Stop Workflow" after a refusal (HTTP 422) sends nothing more either', async () => {
		mock().queueFault({ path: /invite$/, status: 422, body: { error: 'candidate_email is invalid' } });
		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
		});

		expect(result.error?.message).toBe('Xobin rejected the request: candidate_email is invalid [item 0]');
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	test('"Continue" puts an error item in the failing candidate\'s place on the first output', async () => {
		mock().queueFault({ path: /invite$/, status: 500, body: { error: 'boom' } });
		const result = await runInvite(mock(), {
			items: [...candidates(1, 5), ...candidates(2)],
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueRegularOutput' },
		});

		expect(result.status).toBe('success');
		const [invited, exhausted] = result.outputs;
		expect(exhausted).toEqual([]);
		expect(invited[0].json).toEqual({
			error: 'Xobin could not complete the request (HTTP 500): boom [item 0]',
			details: { itemIndex: 0, description: expect.stringMatching(/on Xobin's side/), httpCode: '500' },
		});
		expect(invited.slice(1).map((item) => item.json.email)).toEqual([
			'candidate1@example.com',
			'candidate2@example.com',
		]);
		expect(pairedIndexes(invited)).toEqual([0, 1, 2]);
	});

	test('"Continue (using error output)" moves only the failed candidate to the Error output', async () => {
		mock().queueFault({ path: /invite$/, status: 404, body: { error: 'AI interview not found' } });
		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueErrorOutput' },
		});

		expect(result.status).toBe('success');
		const [invited, exhausted, errors] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([1, 2]);
		expect(exhausted).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0]);
		// n8n adds the input item's fields so the error branch can act on the candidate.
		expect(errors[0].json).toEqual(
			expect.objectContaining({
				email: 'candidate1@example.com',
				error: 'Xobin could not find AI interview 305: AI interview not found [item 0]',
			}),
		);
	});

	test('the API key never appears in outputs, errors or messages', async () => {
		const runs = [];
		runs.push(await runInvite(mock(), { items: candidates(2) }));
		mock().queueFault({ path: /invite$/, status: 500, body: { error: 'boom' } });
		runs.push(await runInvite(mock(), { items: candidates(1) }));
		mock().queueFault({ path: /invite$/, drop: true });
		runs.push(await runInvite(mock(), { items: candidates(1), settings: { onError: 'continueRegularOutput' } }));
		mock().queueFault({ path: /invite$/, drop: true });
		runs.push(await runInvite(mock(), { items: candidates(1) }));
		runs.push(await runInvite(mock(), { items: candidates(1), apiKey: `${MOCK_API_KEY}-wrong` }));

		for (const run of runs) {
			const everything = JSON.stringify({ outputs: run.outputs, runData: run.runData }) +
				JSON.stringify(run.error ?? {}, Object.getOwnPropertyNames(run.error ?? {})) +
				String(run.error?.stack ?? '');
			expect(everything).not.toContain(MOCK_API_KEY);
		}
	});
});
