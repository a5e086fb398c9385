// Many candidates at once: bounded concurrency with outputs in input order, backoff on 429/503
// that honours Retry-After, no retry of requests that may have reached Xobin, and no candidate
// invited twice, also when n8n's Retry On Fail re-runs the node.

import { sleep } from 'n8n-workflow';

import { startMockXobin } from './mock-xobin/server';
import {
	candidates,
	inviteParameters,
	inviteRequests,
	pairedIndexes,
	runInvite,
	sentBodies,
	useMockXobin,
} from './support';

const withOptions = (options: Record<string, unknown>) => inviteParameters({ options });

describe('Invite Candidate with many candidates', () => {
	const mock = useMockXobin({ latencyMs: 20 });

	test('never has more requests in flight than the Concurrency option', async () => {
		const result = await runInvite(mock(), { items: candidates(24), parameters: withOptions({ concurrency: 4 }) });

		expect(result.outputs[0]).toHaveLength(24);
		expect(mock().stats().maxInFlight).toBe(4);
	});

	test('keeps the input order on the outputs even when answers arrive out of order', async () => {
		mock().queueFault({ path: /invite$/, delayMs: 300 });
		const result = await runInvite(mock(), { items: candidates(12), parameters: withOptions({ concurrency: 6 }) });

		const [invited] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([...Array(12).keys()]);
		expect(invited.map((item) => item.json.email)).toEqual(candidates(12).map((c) => c.email));
		// The delayed first answer really did arrive last among the first batch.
		expect(mock().invites[0].email).not.toBe('candidate1@example.com');
	});

	test('sends each candidate exactly once', async () => {
		await runInvite(mock(), { items: candidates(40), parameters: withOptions({ concurrency: 10 }) });

		expect(sentBodies(mock()).map((body) => body.candidate_email).sort()).toEqual(
			candidates(40).map((c) => c.email as string).sort(),
		);
		expect(mock().stats().candidatesInvitedMoreThanOnce).toBe(0);
	});

	test('the same candidate twice in one run is invited once; both items get the invite, the repeat marked alreadyInvited', async () => {
		const items = [candidates(1)[0], ...candidates(2, 2), { ...candidates(1)[0], email: 'CANDIDATE1@example.com' }];
		const result = await runInvite(mock(), { items, parameters: withOptions({ concurrency: 4 }) });

		expect(inviteRequests(mock())).toHaveLength(3);
		const [invited] = result.outputs;
		expect(pairedIndexes(invited)).toEqual([0, 1, 2, 3]);
		expect(invited[3].json.invite_link).toBe(invited[0].json.invite_link);
		expect(invited.map((item) => item.json.alreadyInvited ?? false)).toEqual([false, false, false, true]);
	});

	test('when invites run out mid-run, requests in flight finish and no new ones start', async () => {
		mock().setInvitesLeft(7);
		const result = await runInvite(mock(), { items: candidates(30), parameters: withOptions({ concurrency: 5 }) });

		const [invited, exhausted] = result.outputs;
		expect(invited).toHaveLength(7);
		expect(exhausted).toHaveLength(23);
		expect(inviteRequests(mock()).length).toBeLessThanOrEqual(7 + 5);
		expect(exhausted.filter((item) => item.json.inviteAttempted === false).length).toBeGreaterThanOrEqual(30 - 12);
		const seen = [...pairedIndexes(invited), ...pairedIndexes(exhausted)].sort((a, b) => a - b);
		expect(seen).toEqual([...Array(30).keys()]);
	});
});

describe('Invite Candidate when Xobin says "later"', () => {
	const mock = useMockXobin();

	test('waits as long as Retry-After asks, then invites the candidate', async () => {
		mock().queueFault({ path: /invite$/, status: 429, body: { error: 'Too many requests' }, headers: { 'Retry-After': '1' } });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.outputs[0].map((item) => item.json.email)).toEqual(['candidate1@example.com']);
		const [first, second] = inviteRequests(mock());
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(990);
	});

	test('reads Retry-After as an HTTP date too, and retries 503 like 429', async () => {
		// A whole second (HTTP dates have no milliseconds) 3 to 4 seconds away: the retry must come
		// at that instant. Without the date, the backoff's jitter (at most 1 second before the
		// second try) could never reach it, so this cannot pass by chance.
		const at = Math.ceil(Date.now() / 1000) * 1000 + 3000;
		mock().queueFault({ path: /invite$/, status: 503, body: { error: 'Service Unavailable' }, headers: { 'Retry-After': new Date(at).toUTCString() } });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.outputs[0].map((item) => item.json.email)).toEqual(['candidate1@example.com']);
		const [first, second] = inviteRequests(mock());
		expect(at - first.receivedAt).toBeGreaterThan(1000);
		expect(second.receivedAt).toBeGreaterThanOrEqual(at - 5); // a timer may fire a millisecond early
		expect(second.receivedAt).toBeLessThan(at + 500);
	});

	test('gives up after 6 tries and says so', async () => {
		mock().queueFault({ path: /invite$/, status: 429, body: { error: 'Too many requests' }, headers: { 'Retry-After': '0' }, times: 10 });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(inviteRequests(mock())).toHaveLength(6);
		expect(result.error?.message).toBe('Xobin is limiting how fast requests can be sent: Too many requests [item 0]');
		expect(result.error?.description).toMatch(/sent the request 6 times/);
	});

	test('does not retry a request whose connection broke after it was sent', async () => {
		mock().queueFault({ path: /invite$/, drop: true });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(inviteRequests(mock())).toHaveLength(1);
		expect(result.error?.description).toMatch(/may or may not be invited/);
		expect(result.error?.description).toMatch(/Custom Field ID/);
	});

	test('does not retry a 500, which may have been processed', async () => {
		mock().queueFault({ path: /invite$/, status: 502, body: { error: 'Bad Gateway' } });
		const result = await runInvite(mock(), { items: candidates(1) });

		expect(inviteRequests(mock())).toHaveLength(1);
		expect(result.error?.httpCode).toBe('502');
	});

	test('retries when Xobin could not be reached at all, since nothing was sent', async () => {
		const { port } = mock();
		await mock().close();
		const comeBack = (async () => {
			await sleep(300);
			return await startMockXobin({ port });
		})();
		const result = await runInvite(mock(), { items: candidates(1) });
		const revived = await comeBack;
		try {
			expect(result.error).toBeUndefined();
			expect(result.outputs[0]).toHaveLength(1);
			expect(revived.invites).toHaveLength(1);
		} finally {
			await revived.close();
		}
	});

	test('a rate-limited run invites everyone once, with nobody lost', async () => {
		mock().setRateLimit({ perSecond: 25 });
		const result = await runInvite(mock(), { items: candidates(60), parameters: withOptions({ concurrency: 10 }) });

		expect(result.error).toBeUndefined();
		const stats = mock().stats();
		expect(result.outputs[0]).toHaveLength(60);
		expect(stats.invites).toBe(60);
		expect(stats.distinctCandidatesInvited).toBe(60);
		expect(stats.candidatesInvitedMoreThanOnce).toBe(0);
		expect(stats.rateLimited).toBeGreaterThan(0);
	});
});

describe('Invite Candidate under n8n\'s Retry On Fail', () => {
	const mock = useMockXobin({ latencyMs: 10 });

	test.each([1, 5])(
		'at concurrency %i, candidates invited before the failure are not invited again',
		async (concurrency) => {
			// A 503 (with the node's own retries off) proves Xobin did not act, so the retry may send it.
			mock().queueFault({ path: /invite$/, status: 503, body: { error: 'Temporary glitch' }, after: 3 });
			const result = await runInvite(mock(), {
				items: candidates(8),
				parameters: withOptions({ concurrency, retryOnRateLimit: false }),
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
			});

			expect(result.error).toBeUndefined();
			expect(pairedIndexes(result.outputs[0])).toEqual([...Array(8).keys()]);
			const stats = mock().stats();
			expect(stats.invites).toBe(8);
			expect(stats.candidatesInvitedMoreThanOnce).toBe(0);
			// 8 invites plus the one request that failed; nothing sent twice.
			expect(inviteRequests(mock())).toHaveLength(9);
			// Earlier results come back as they were first returned.
			expect(new Set(result.outputs[0].map((item) => item.json.response_id)).size).toBe(8);
		},
	);

	test('without Retry On Fail the failure stops the workflow after the in-flight invites finish', async () => {
		mock().queueFault({ path: /invite$/, status: 500, body: { error: 'Temporary glitch' }, after: 3 });
		const result = await runInvite(mock(), { items: candidates(20), parameters: withOptions({ concurrency: 5 }) });

		expect(result.error?.message).toBe('Xobin could not complete the request (HTTP 500): Temporary glitch [item 3]');
		expect(inviteRequests(mock()).length).toBeLessThanOrEqual(3 + 5);
	});
});
