// A broken or hostile server at the Base URL: redirects, 200s that are not what they claim, answers
// that trickle or never end, oversize bodies, echoed secrets. Every guarantee of the one transport
// door, seen from what a user would notice: the output, the error message and what reached whom.

import type { IDataObject } from 'n8n-workflow';

import type { MockXobin } from './mock-xobin/server';
import { startMockXobin } from './mock-xobin/server';
import {
	candidates,
	INVITE_PATH,
	inviteParameters,
	inviteRequests,
	requestsTo,
	MOCK_API_KEY,
	runInvite,
	runOperation,
	useMockXobin,
} from './support';

const continueWithErrorOutput = { onError: 'continueErrorOutput' as const };

describe('Redirects are never followed', () => {
	const mock = useMockXobin();
	let elsewhere: MockXobin;
	beforeEach(async () => {
		elsewhere = await startMockXobin();
	});
	afterEach(async () => await elsewhere.close());

	test.each([301, 302, 307, 308])('a %s to another host: nothing goes there, the candidate is not invited and the message names the host', async (status) => {
		const target = `${elsewhere.url.replace('127.0.0.1', 'localhost')}/ai-interviews/invite`;
		mock().queueFault({ path: INVITE_PATH, status, headers: { Location: target } });

		const result = await runInvite(mock(), { items: candidates(1), settings: continueWithErrorOutput });

		expect(elsewhere.requests).toEqual([]);
		const [invited, exhausted, errors] = result.outputs;
		expect([invited, exhausted]).toEqual([[], []]);
		expect(errors[0].json.error).toBe(`The Base URL redirected the request to ${new URL(target).host} (HTTP ${status}) [item 0]`);
		expect((errors[0].json.details as IDataObject).description).toMatch(/did not act on this request.*Base URL is probably wrong/);
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	// The mocks speak plain http, so this cannot show an https → http downgrade as such; it shows
	// what makes one harmless: no redirect is followed, so the key goes nowhere but the Base URL.
	test('a redirect to a plain-http address never carries the API key there', async () => {
		mock().queueFault({ path: /report/, status: 301, headers: { Location: `http://localhost:${elsewhere.port}/steal` } });

		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error?.message).toMatch(/^The Base URL redirected the request to localhost:\d+ \(HTTP 301\)/);
		expect(elsewhere.requests).toEqual([]);
		expect(requestsTo(mock(), /report/)).toHaveLength(1);
	});
});

describe('Success means success', () => {
	const mock = useMockXobin();

	test.each([
		{ what: 'an error body', body: { error: 'Invalid API key' } },
		{ what: 'success: false', body: { success: false, message: 'Could not invite' } },
		{ what: 'no invite link', body: { email: 'candidate1@example.com', response_id: 9001 } },
		{ what: 'no response id', body: { invite_link: 'https://yourdomain.xobin.com/i/x' } },
	])('a 200 with $what is not an invite: it says the invite may or may not exist, after looking it up', async ({ body }) => {
		mock().queueFault({ path: INVITE_PATH, status: 200, body });

		const result = await runInvite(mock(), {
			items: candidates(1).map((candidate) => ({ ...candidate, id: 'ROW-1' })),
			parameters: inviteParameters({ additionalFields: { customFieldId: '={{ $json.id }}' } }),
			settings: continueWithErrorOutput,
		});

		const [invited, exhausted, errors] = result.outputs;
		expect([invited, exhausted]).toEqual([[], []]);
		expect(errors[0].json.error).toMatch(/^Xobin's answer does not confirm the request \(HTTP 200\)/);
		expect((errors[0].json.details as IDataObject).description).toMatch(
			/"candidate1@example.com" may or may not be invited: the node could not find the invite by Custom Field ID "ROW-1" either/,
		);
	});

	test('Get Report: a 200 carrying an error is an error, never "not completed yet"', async () => {
		mock().queueFault({ path: /report\/7421$/, status: 200, body: { error: 'Report service unavailable' } });

		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error?.message).toBe("Xobin's answer does not confirm the request (HTTP 200): Report service unavailable [item 0]");
		expect(result.outputs.flat()).toEqual([]);
	});

	test.each([
		{ what: 'an HTML page', fault: { rawBody: '<html>Sign in</html>', contentType: 'text/html' }, message: /cannot read \(HTTP 200, text\/html\)/ },
		{ what: 'bytes that are not a PDF', fault: { rawBody: Buffer.from('PK\u0003\u0004zip'), contentType: 'application/pdf' }, message: /does not confirm the request \(HTTP 200\)/ },
		{ what: 'an HTML page that starts like a PDF', fault: { rawBody: '%PDF-1.4 <html>', contentType: 'text/html' }, message: /cannot read \(HTTP 200, text\/html\)/ },
	])('Download Report PDF: $what with status 200 is refused, never saved as a .pdf', async ({ fault, message }) => {
		mock().queueFault({ path: /download$/, status: 200, ...fault });

		const result = await runOperation(mock(), { operation: 'downloadReportPdf', parameters: { responseId: 7421 } });

		expect(result.error?.message).toMatch(message);
		expect(result.outputs.flat()).toEqual([]);
	});

	test('Get Many Invited skips entries that are not candidates, says so, and never crashes on them', async () => {
		mock().queueFault({
			path: /invited\/211$/,
			status: 200,
			body: [null, 'text', 42, [], { candidate_id: 1 }, { response_id: 6734, invite_status: 'Pending' }, { response_id: 6735 }],
		});

		const result = await runOperation(mock(), {
			operation: 'getManyInvited',
			parameters: { aiInterviewId: 211, returnAll: true, filters: { inviteStatus: ['Pending'] } },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.response_id)).toEqual([6734]);
		const hints = JSON.stringify(result.runData.Xobin[0].hints ?? []);
		expect(hints).toMatch(/Skipped 5 of the 7 entries/);
	});
});

describe('Every wait is bounded', () => {
	const mock = useMockXobin();

	test('a server that trickles its answer is cut off at the Timeout, headers and body together', async () => {
		mock().queueFault({ path: INVITE_PATH, processed: true, trickle: { intervalMs: 200 } });
		const started = Date.now();

		const result = await runInvite(mock(), { items: candidates(1), timeoutSeconds: 1, settings: continueWithErrorOutput });

		expect(Date.now() - started).toBeLessThan(4000);
		const errors = result.outputs[2];
		expect(errors[0].json.error).toBe('Xobin did not answer within 1 seconds [item 0]');
		expect((errors[0].json.details as IDataObject).description).toMatch(/may or may not be invited/);
		expect(inviteRequests(mock())).toHaveLength(1);
	});

	test('a server that sends the headers and the start of a JSON answer, then goes silent, is cut off at the Timeout: the invite is uncertain, never sent again', async () => {
		mock().queueFault({ path: INVITE_PATH, processed: true, stall: true, rawBody: '{"email":' });
		const started = Date.now();

		const result = await runInvite(mock(), { items: candidates(1), timeoutSeconds: 2, settings: continueWithErrorOutput });

		expect(Date.now() - started).toBeLessThan(6000);
		const [invited, exhausted, errors] = result.outputs;
		expect([invited, exhausted]).toEqual([[], []]);
		expect(errors[0].json.error).toBe('Xobin did not answer within 2 seconds [item 0]');
		expect((errors[0].json.details as IDataObject).description).toMatch(/may or may not be invited/);
		expect(inviteRequests(mock())).toHaveLength(1);
	}, 15_000);

	test('Download Report PDF: a PDF that starts, then goes silent, is cut off at the Timeout', async () => {
		mock().queueFault({ path: /download$/, stall: true, rawBody: '%PDF-1.4\n', contentType: 'application/pdf' });
		const started = Date.now();

		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421 },
			timeoutSeconds: 2,
			settings: { onError: 'continueRegularOutput' },
		});

		expect(Date.now() - started).toBeLessThan(6000);
		expect(result.outputs[0][0].json.error).toMatch(/^Xobin did not answer within 2 seconds/);
		expect(result.outputs[0][0].binary).toBeUndefined();
		expect(requestsTo(mock(), /download$/)).toHaveLength(1);
	}, 15_000);

	test('a server that never answers is cut off at the Timeout too', async () => {
		mock().queueFault({ path: /report\/7421$/, delayMs: 5000, times: 10 });
		const started = Date.now();

		const result = await runOperation(mock(), {
			operation: 'getReport',
			parameters: { responseId: 7421 },
			timeoutSeconds: 1,
			settings: { onError: 'continueRegularOutput' },
		});

		// Not asked again either: the Timeout is the user's bound on waiting for one answer.
		expect(Date.now() - started).toBeLessThan(3000);
		expect(requestsTo(mock(), /report\/7421$/)).toHaveLength(1);
		expect(result.outputs[0][0].json.error).toMatch(/^Xobin did not answer within 1 seconds/);
	});

	test('a malformed Retry-After means a short backoff, never a long wait', async () => {
		mock().queueFault({ path: INVITE_PATH, status: 429, headers: { 'Retry-After': 'soon, maybe' } });
		const started = Date.now();

		const result = await runInvite(mock(), { items: candidates(1) });

		expect(result.outputs[0]).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	// One rule for 429 (rate limit) and 503 (busy): a break longer than the node waits (60 s) is not
	// waited for at all, and the rest of the run is not sent either.
	test.each([429, 503])('a huge Retry-After on a %i is not waited for: the run stops asking and says until when', async (status) => {
		mock().queueFault({ path: INVITE_PATH, status, headers: { 'Retry-After': '86400' }, times: 10 });
		const started = Date.now();

		const result = await runInvite(mock(), {
			items: candidates(3),
			parameters: inviteParameters({ options: { concurrency: 1 } }),
			settings: { onError: 'continueRegularOutput' },
		});

		const ended = Date.now();
		expect(ended - started).toBeLessThan(5000);
		expect(inviteRequests(mock())).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(3);
		// "until" names the time a day (86,400 s) after Xobin's answer.
		const secondOfDay = (ms: number) => Math.floor(ms / 1000) % 86_400;
		for (const item of result.outputs[0]) {
			const [, h, m, sec] = /^Xobin asked for no more requests until (\d\d):(\d\d):(\d\d) UTC \(HTTP (?:\d+)\)/.exec(String(item.json.error)) ?? [];
			expect(item.json.error).toMatch(new RegExp(`\\(HTTP ${status}\\) \\[item \\d\\]$`));
			expect(Number(h) * 3600 + Number(m) * 60 + Number(sec)).toBeGreaterThanOrEqual(secondOfDay(started));
			expect(Number(h) * 3600 + Number(m) * 60 + Number(sec)).toBeLessThanOrEqual(secondOfDay(ended));
		}
	});

	test(
		'under a 429 that never ends the whole run gives up about 2 minutes after its last success, and says when to try again',
		async () => {
			mock().queueFault({ path: INVITE_PATH, status: 429, headers: { 'Retry-After': '7' }, times: 100_000 });
			const started = Date.now();

			const result = await runInvite(mock(), {
				items: candidates(25),
				parameters: inviteParameters({ options: { concurrency: 5 } }),
				settings: { onError: 'continueRegularOutput' },
			});

			const elapsed = Date.now() - started;
			expect(elapsed).toBeGreaterThan(100_000);
			expect(elapsed).toBeLessThan(150_000);
			const items = result.outputs[0];
			expect(items).toHaveLength(25);
			// Early candidates use up their 6 tries; once the run's window is over, the rest are not sent.
			for (const item of items) expect(item.json.error).toMatch(/limiting how fast requests can be sent|kept answering "too many requests"/);
			expect(items.filter((item) => /kept answering "too many requests" \(HTTP 429\) for 2 minutes/.test(String(item.json.error))).length).toBeGreaterThan(5);
			expect(JSON.stringify(items)).toMatch(/Run these items again after \d\d:\d\d:\d\d UTC, as Xobin asked/);
			expect(mock().stats().invites).toBe(0);
		},
		200_000,
	);
});

describe('Answers are size-capped', () => {
	const mock = useMockXobin();

	test('a JSON answer over 10 MB is refused instead of filling memory', async () => {
		mock().queueFault({ path: /report\/7421$/, status: 200, rawBody: Buffer.alloc(11 * 1024 * 1024, 0x20) });

		const result = await runOperation(mock(), { operation: 'getReport', parameters: { responseId: 7421 } });

		expect(result.error?.message).toBe("Xobin's answer is larger than the 10 MB the node accepts (HTTP 200) [item 0]");
	});

	test('a PDF over 100 MB is refused', async () => {
		const huge = Buffer.alloc(101 * 1024 * 1024, 0x20);
		huge.write('%PDF-1.4\n');
		mock().queueFault({ path: /download$/, status: 200, rawBody: huge, contentType: 'application/pdf' });

		const result = await runOperation(mock(), { operation: 'downloadReportPdf', parameters: { responseId: 7421 } });

		expect(result.error?.message).toBe("Xobin's answer is larger than the 100 MB the node accepts (HTTP 200) [item 0]");
	});
});

describe('Errors are bounded and clean', () => {
	const mock = useMockXobin();

	test('Xobin echoing the API key back never puts it in a message, description or item', async () => {
		mock().queueFault({ path: INVITE_PATH, status: 401, body: { error: `Invalid API key ${MOCK_API_KEY}` } });

		const result = await runInvite(mock(), { items: candidates(1), settings: { onError: 'continueRegularOutput' } });

		const text = JSON.stringify(result.outputs);
		expect(text).toMatch(/Xobin rejected the API key: Invalid API key \[redacted\]/);
		expect(text).not.toContain(MOCK_API_KEY);
	});

	test('a 1 MB bad email or a 1 MB Xobin message gives messages under 1,000 characters', async () => {
		const huge = 'x'.repeat(1024 * 1024);
		mock().queueFault({ path: INVITE_PATH, status: 400, body: { error: huge } });

		const result = await runInvite(mock(), {
			items: [{ name: 'Alex', email: `${huge}@` }, { name: 'Sam', email: 'sam@example.com' }],
			settings: { onError: 'continueRegularOutput' },
		});

		expect(result.outputs[0]).toHaveLength(2);
		for (const item of result.outputs[0]) {
			expect(String(item.json.error).length).toBeLessThan(1000);
			expect(String((item.json.details as IDataObject).description).length).toBeLessThan(1000);
		}
		expect(result.outputs[0][0].json.error).toMatch(/^Candidate Email "x{50,}…" is not a valid email address \[item 0\]$/);
		expect(result.outputs[0][1].json.error).toMatch(/^Xobin rejected the request: x+… \[item 1\]$/);
	});

	// Each refused address points at the mock (0.0.0.0 reaches it too, over plain http), so a request
	// the node wrongly sent would show up in mock().requests.
	test.each([
		{ baseUrl: 'http://user:hunter2secret@127.0.0.1:PORT/api/v2', reason: 'must not contain a user name or password' },
		{ baseUrl: 'http://127.0.0.1:PORT/api/v2?token=1', reason: 'must not contain a query (?) or fragment (#)' },
		{ baseUrl: 'http://127.0.0.1:PORT/api/v2#top', reason: 'must not contain a query (?) or fragment (#)' },
		{ baseUrl: 'http://0.0.0.0:PORT/api/v2', reason: 'must start with https://' },
		{ baseUrl: 'ftp://127.0.0.1:PORT/api/v2', reason: 'must start with https://' },
	])('a Base URL like $baseUrl is refused with its true reason, before anything is sent', async ({ baseUrl, reason }) => {
		const result = await runInvite(mock(), { items: candidates(1), baseUrl: baseUrl.replace('PORT', String(mock().port)) });

		expect(result.error?.message).toBe(`The Base URL in the Xobin API credential ${reason}`);
		expect(JSON.stringify({ message: result.error?.message, description: result.error?.description })).not.toContain('hunter2');
		expect(mock().requests).toEqual([]);
	});
});
