// The one door to Xobin, driven directly: xobinRequest() against a scripted Xobin (the answers of
// n8n's HTTP helper, one per call), so every guarantee the transport owns is checked request by
// request, without sockets or real waits: what is sent, what counts as success, what is tried
// again and what is never sent twice, and the words a user reads. The same guarantees over real
// HTTP are in hostileServer.test.ts and concurrencyAndRetries.test.ts.

import { Readable } from 'stream';

import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const transport = require('../dist/nodes/Xobin/transport/index.js') as typeof import('../nodes/Xobin/transport');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const errors = require('../dist/nodes/Xobin/transport/errors.js') as typeof import('../nodes/Xobin/transport/errors');

type Request = import('../nodes/Xobin/transport/types').XobinRequest;
type Answer =
	| { statusCode: number; headers?: IDataObject; body?: unknown }
	| { fail: IDataObject | Error }
	| 'hang';

const API_KEY = 'sk_live_0123456789abcdef';
const NODE: INode = {
	id: 'n1',
	name: 'Xobin',
	type: 'n8n-nodes-xobin.xobin',
	typeVersion: 3,
	position: [0, 0],
	parameters: {},
	credentials: { xobinApi: { id: 'cred-7', name: 'Xobin account' } },
};

/** A node run's context whose HTTP helper plays the answers in order; it records what was sent. */
function scripted(answers: Answer[], credential: IDataObject = {}) {
	const sent: Array<{ options: IHttpRequestOptions; extra: IDataObject }> = [];
	const context = {
		getNode: () => NODE,
		getCredentials: async () => ({ apiKey: API_KEY, baseUrl: 'https://xobin.test/api/v2', ...credential }),
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions, extra: IDataObject) => {
				expect(type).toBe('xobinApi');
				sent.push({ options, extra });
				const answer = answers.shift();
				if (answer === undefined) throw new Error('the test scripted no more answers');
				if (answer === 'hang') return await new Promise(() => {});
				if ('fail' in answer) throw answer.fail;
				return { headers: {}, body: '', ...answer };
			},
		},
	};
	return { context: context as never, sent, left: answers };
}

const json = (statusCode: number, body: unknown, headers: IDataObject = {}) => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body),
});
const connectionError = (code: string) => ({ fail: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });

const invite: Request = { method: 'POST', endpoint: '/ai-interviews/invite', body: { email: 'a@x.io' }, itemIndex: 2, requires: ['invite_link'] };
const read: Request = { method: 'GET', endpoint: '/tracks/7', itemIndex: 0, idempotent: true };

type Thrown = Error & { description?: string; uncertain?: boolean; httpCode?: string | null; errorResponse?: IDataObject };

async function failureOf(promise: Promise<unknown>): Promise<Thrown> {
	try {
		await promise;
	} catch (error) {
		return error as Thrown;
	}
	throw new Error('expected the request to fail');
}

beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => jest.restoreAllMocks());

describe('The transport (xobinRequest)', () => {
	describe('the credential, checked before anything is sent', () => {
		test.each([
			[{ apiKey: '' }, 'The Xobin API credential has no API key'],
			[{ apiKey: '   ' }, 'The Xobin API credential has no API key'],
			[{ apiKey: undefined }, 'The Xobin API credential has no API key'],
			[{ baseUrl: 'http://xobin.test/api/v2' }, 'The Base URL in the Xobin API credential must start with https://'],
			[{ baseUrl: 'ftp://xobin.test' }, 'The Base URL in the Xobin API credential must start with https://'],
			[{ baseUrl: 'https://me:pw@xobin.test' }, 'The Base URL in the Xobin API credential must not contain a user name or password'],
			[{ baseUrl: 'https://xobin.test/api?x=1' }, 'The Base URL in the Xobin API credential must not contain a query (?) or fragment (#)'],
			[{ baseUrl: 'https://xobin.test/api#x' }, 'The Base URL in the Xobin API credential must not contain a query (?) or fragment (#)'],
			[{ baseUrl: 'not a url' }, 'The Base URL in the Xobin API credential is not a web address'],
			[{ baseUrl: 'https://xobin.test/a b' }, 'The Base URL in the Xobin API credential is not a plain web address'],
		])('%j is refused: %s', async (credential, message) => {
			const { context, sent } = scripted([json(200, { invite_link: 'l' })], credential);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe(message);
			expect(error.description).toMatch(/Xobin API credential|https:\/\/app\.xobin\.com\/api\/v2/);
			expect(sent).toHaveLength(0);
		});

		test.each([
			['', 'https://app.xobin.com/api/v2/tracks/7'],
			['  https://xobin.test/api/v2//  ', 'https://xobin.test/api/v2/tracks/7'],
			['http://localhost:5678/api', 'http://localhost:5678/api/tracks/7'],
			['http://127.0.0.1/api', 'http://127.0.0.1/api/tracks/7'],
			['http://[::1]:80', 'http://[::1]:80/tracks/7'],
		])('Base URL %j sends to %s', async (baseUrl, url) => {
			const { context, sent } = scripted([json(200, { id: 7 })], { baseUrl });
			await transport.xobinRequest(context, read);
			expect(sent[0].options.url).toBe(url);
		});

		test('the request goes through n8n\'s credential system, never follows redirects and reads the answer itself', async () => {
			const { context, sent } = scripted([json(200, { id: 7 })]);
			const response = await transport.xobinRequest(context, { ...read, qs: { page: 2 } });
			expect(response).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: { id: 7 } });
			expect(sent[0].options).toEqual({
				method: 'GET',
				url: 'https://xobin.test/api/v2/tracks/7',
				headers: { Accept: 'application/json' },
				qs: { page: 2 },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
			});
			expect(sent[0].extra).toEqual({
				credentialsDecrypted: {
					id: 'cred-7',
					name: 'Xobin account',
					type: 'xobinApi',
					data: { apiKey: API_KEY, baseUrl: 'https://xobin.test/api/v2' },
				},
			});
		});

		test('a body is sent as given, and a PDF is asked for as a PDF', async () => {
			const { context, sent } = scripted([json(200, { invite_link: 'l' }), { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7 x') }]);
			await transport.xobinRequest(context, invite);
			const pdf = await transport.xobinRequest(context, { method: 'GET', endpoint: '/r.pdf', expect: 'pdf' });
			expect(sent[0].options.body).toEqual({ email: 'a@x.io' });
			expect(sent[0].options.qs).toBeUndefined();
			expect(sent[1].options.body).toBeUndefined();
			expect(sent[1].options.headers).toEqual({ Accept: 'application/pdf, application/json;q=0.9' });
			expect(pdf.body).toEqual(Buffer.from('%PDF-1.7 x'));
		});

		test('the credential is read once per node run, however many requests it makes', async () => {
			const { context } = scripted([json(200, { id: 1 }), json(200, { id: 2 })]);
			const getCredentials = jest.spyOn(context as { getCredentials: () => unknown }, 'getCredentials');
			await transport.xobinRequest(context, read);
			await transport.xobinRequest(context, read);
			expect(getCredentials).toHaveBeenCalledTimes(1);
		});

		test.each([
			[undefined, 30],
			['abc', 30],
			[0, 30],
			[-5, 30],
			[1000, 300],
			[7, 7],
		])('Timeout %j means %i seconds', async (timeoutSeconds, seconds) => {
			const timeout = jest.spyOn(AbortSignal, 'timeout');
			const { context } = scripted([connectionError('ETIMEDOUT')], { timeoutSeconds });
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(timeout).toHaveBeenCalledWith(seconds * 1000);
			expect(error.message).toBe(`Xobin did not answer within ${seconds} seconds [item 2]`);
		});
	});

	describe('success means success', () => {
		test.each([
			[{ success: false, invite_link: 'l' }, 'with an error instead of a result'],
			[{ error: 'quota', invite_link: 'l' }, 'with an error instead of a result'],
			[{ error: { code: 1 }, invite_link: 'l' }, 'with an error instead of a result'],
			[{ invite_link: '' }, 'without invite_link, which a successful answer carries'],
			[{ invite_link: null }, 'without invite_link, which a successful answer carries'],
			[{ other: 1 }, 'without invite_link, which a successful answer carries'],
			[[{ invite_link: 'l' }], 'with a list where one record was expected'],
		])('a 200 with %j is not an invite: Xobin answered %s', async (body, why) => {
			const { context, sent } = scripted([json(200, body)]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.description).toContain(`Xobin answered ${why}.`);
			expect(error.description).toContain('Xobin may have acted on it: check in Xobin before running this item again.');
			expect(error.message).toMatch(/^Xobin's answer does not confirm the request \(HTTP 200\)/);
			expect(error.uncertain).toBe(true);
			expect(sent).toHaveLength(1);
		});

		test.each([
			[{ invite_link: 'l', error: null }],
			[{ invite_link: 'l', error: '' }],
			[{ invite_link: 'l', success: true }],
		])('a 200 with %j is success', async (body) => {
			const { context } = scripted([json(200, body)]);
			await expect(transport.xobinRequest(context, invite)).resolves.toMatchObject({ body });
		});

		test('"a|b" accepts either key, and each missing one is named', async () => {
			const request: Request = { ...invite, requires: ['link|invite_link', 'id'] };
			const ok = scripted([json(200, { invite_link: 'l', id: 1 }), json(200, { link: 'l', id: 1 })]);
			await transport.xobinRequest(ok.context, request);
			await transport.xobinRequest(ok.context, request);
			const { context } = scripted([json(200, { link: null })]);
			const error = await failureOf(transport.xobinRequest(context, request));
			expect(error.description).toContain('Xobin answered without link|invite_link and id, which a successful answer carries.');
		});

		test.each([
			['list', json(200, { items: [] }), 'with something other than a list'],
			['pdf', json(200, { url: 'x' }), 'with JSON instead of the PDF file'],
			['pdf', { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from('<html>') }, 'with bytes that are not a PDF file'],
		] as const)('expecting a %s, a 200 %j is refused: %s', async (expect_, answer, why) => {
			const { context } = scripted([answer]);
			const error = await failureOf(transport.xobinRequest(context, { ...read, expect: expect_ }));
			expect(error.description).toContain(`Xobin answered ${why}.`);
		});

		test('a list is a list', async () => {
			const { context } = scripted([json(200, [{ id: 1 }])]);
			await expect(transport.xobinRequest(context, { ...read, expect: 'list' })).resolves.toMatchObject({ body: [{ id: 1 }] });
		});

		test.each([
			[{ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html>login</html>' }, 'text/html'],
			[{ statusCode: 200, headers: {}, body: '' }, 'no content type'],
			[{ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '   ' }, 'application/json'],
		])('a 200 the node cannot read (%j) is said so', async (answer, type) => {
			const { context } = scripted([answer]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe(`Xobin sent an answer the node cannot read (HTTP 200, ${type}) [item 2]`);
			expect(error.description).toContain('points at a web page instead of the API');
			expect(error.uncertain).toBe(true);
		});

		test('a PDF answered with a JSON content type is read as JSON', async () => {
			const { context } = scripted([{ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"message":"not ready"}' }]);
			const error = await failureOf(transport.xobinRequest(context, { ...read, expect: 'pdf' }));
			expect(error.message).toBe("Xobin's answer does not confirm the request (HTTP 200): not ready [item 0]");
		});

		test('passThrough hands chosen non-2xx answers back to the caller', async () => {
			const { context } = scripted([json(403, { error: 'limit_exceed' })]);
			const response = await transport.xobinRequest(context, { ...invite, passThrough: (r) => r.statusCode === 403 });
			expect(response).toMatchObject({ statusCode: 403, body: { error: 'limit_exceed' } });
		});
	});

	describe('errors in Xobin\'s words, and whether Xobin may have acted', () => {
		test.each([
			[401, { message: 'Bad key' }, 'Xobin rejected the API key: Bad key', false],
			[400, { message: 'Invalid API key' }, 'Xobin rejected the API key: Invalid API key', false],
			[403, { error: 'nope' }, 'Xobin refused the request: nope', false],
			[404, {}, 'Xobin could not find what was asked for', false],
			[409, { message: 'exists' }, 'Xobin refused the request: it clashes with the current state (HTTP 409): exists', false],
			[400, { error: { message: 'email is invalid' } }, 'Xobin rejected the request: email is invalid', false],
			[422, { message: '  bad date  ' }, 'Xobin rejected the request: bad date', false],
			[500, { message: 'boom' }, 'Xobin could not complete the request (HTTP 500): boom', true],
			[502, 'Bad Gateway', 'Xobin could not complete the request (HTTP 502)', true],
			[418, { message: 'teapot' }, 'Xobin answered with HTTP 418: teapot', false],
			[302, {}, 'The Base URL redirected the request to xobin.test (HTTP 302)', false],
		])('HTTP %i %j: "%s", may have acted: %s', async (statusCode, body, message, uncertain) => {
			const { context, sent } = scripted([typeof body === 'string' ? { statusCode, body } : json(statusCode, body)]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe(`${message} [item 2]`);
			expect(error.uncertain).toBe(uncertain);
			expect(error.httpCode).toBe(String(statusCode));
			expect(error.errorResponse).toMatchObject({ httpCode: statusCode, uncertain });
			expect(error.description?.includes('Xobin may have acted on it')).toBe(uncertain);
			expect(sent).toHaveLength(1);
		});

		test('a redirect names where it pointed, and is never followed', async () => {
			const { context, sent } = scripted([{ statusCode: 301, headers: { location: ['https://evil.example/steal'] }, body: '' }]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('The Base URL redirected the request to evil.example (HTTP 301) [item 2]');
			expect(error.description).toContain('the API key and the data did not go there');
			const relative = scripted([{ statusCode: 307, headers: { location: '/v3/invite' }, body: '' }]);
			const moved = await failureOf(transport.xobinRequest(relative.context, invite));
			expect(moved.message).toBe('The Base URL redirected the request to xobin.test (HTTP 307) [item 2]');
			const broken = scripted([{ statusCode: 302, headers: { location: 'https://[' }, body: '' }]);
			const nowhere = await failureOf(transport.xobinRequest(broken.context, invite));
			expect(nowhere.message).toBe('The Base URL redirected the request to an unknown address (HTTP 302) [item 2]');
			expect([sent.length, relative.sent.length, broken.sent.length]).toEqual([1, 1, 1]);
		});

		test('a 404 says what the operation was looking for and how to find it', async () => {
			const { context } = scripted([json(404, { message: 'no such interview' })]);
			const error = await failureOf(transport.xobinRequest(context, { ...invite, notFound: { what: 'AI interview 305', fix: 'Pick the interview from the list.' } }));
			expect(error.message).toBe('Xobin could not find AI interview 305: no such interview [item 2]');
			expect(error.description).toBe('Pick the interview from the list.');
			const plain = scripted([json(404, {})]);
			expect((await failureOf(transport.xobinRequest(plain.context, invite))).description).toContain('Check the ID. If every item stops this way, check the Base URL.');
		});

		test('a known refusal is told in the operation\'s words, and means Xobin did not act', async () => {
			const refusals = [
				{ status: 400, said: /not finished/i, message: 'The candidate has not finished', fix: 'Wait for them.' },
				{ said: /duplicate/i, message: 'Already there', fix: 'Nothing to do.' },
				{ message: 'Never matches: neither status nor words', fix: '-' },
			];
			const answers = [json(400, { message: 'Interview not finished' }), json(500, { message: 'Duplicate entry' }), json(400, { message: 'other' }), json(502, { message: 'duplicate' })];
			const { context } = scripted(answers);
			const first = await failureOf(transport.xobinRequest(context, { ...invite, refusals }));
			expect([first.message, first.description, first.uncertain]).toEqual(['The candidate has not finished: Interview not finished [item 2]', 'Wait for them.', false]);
			const second = await failureOf(transport.xobinRequest(context, { ...invite, refusals }));
			expect([second.message, second.uncertain]).toEqual(['Already there: Duplicate entry [item 2]', false]);
			const third = await failureOf(transport.xobinRequest(context, { ...invite, refusals }));
			expect(third.message).toBe('Xobin rejected the request: other [item 2]');
			const fourth = await failureOf(transport.xobinRequest(context, { ...invite, refusals: [refusals[0]] }));
			expect([fourth.message, fourth.uncertain]).toEqual(['Xobin could not complete the request (HTTP 502): duplicate [item 2]', true]);
		});

		test('an answer lost on a read says it is safe to run again; the caller may say its own', async () => {
			const { context } = scripted([json(500, {}), json(500, {})]);
			const lostRead = await failureOf(transport.xobinRequest(context, read));
			expect(lostRead.description).toContain("This request changes nothing in Xobin, so it is safe to run the item again (or turn on 'Retry On Fail' in the node settings).");
			const lostInvite = await failureOf(transport.xobinRequest(context, { ...invite, lostAnswer: 'Check the invite of a@x.io.' }));
			expect(lostInvite.description).toBe("This is on Xobin's side. If it keeps happening, contact Xobin support. Check the invite of a@x.io.");
		});

		test('the API key never reaches a message, as sent or URL-encoded; long words are clipped', async () => {
			const key = 'key/with+plus=';
			const { context } = scripted([json(400, { message: `bad key ${key} and ${encodeURIComponent(key)} ${'x'.repeat(400)}` })], { apiKey: key });
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).not.toContain(key);
			expect(error.message).not.toContain(encodeURIComponent(key));
			expect(error.message).toContain('bad key [redacted] and [redacted] xxx');
			expect(error.message).toMatch(/x… \[item 2\]$/);
			expect((error.errorResponse?.xobinMessage as string).length).toBeLessThanOrEqual(300);
			const short = scripted([json(400, { message: 'has abc in it' })], { apiKey: 'abc' });
			expect((await failureOf(transport.xobinRequest(short.context, invite))).message).toBe('Xobin rejected the request: has abc in it [item 2]');
		});

		test('redactSecrets clears the key and the password from any error of the run', async () => {
			const { context } = scripted([json(200, { id: 1 })], { password: 'hunter2-secret' });
			await transport.xobinRequest(context, read);
			const error = Object.assign(new Error(`${API_KEY} / hunter2-secret`), { description: `see ${API_KEY}` as string | null });
			expect(transport.redactSecrets(context, error)).toBe(error);
			expect([error.message, error.description]).toEqual(['[redacted] / [redacted]', 'see [redacted]']);
			const noDescription = Object.assign(new Error('x'), { description: null });
			expect(transport.redactSecrets(context, noDescription).description).toBeNull();
		});
	});

	describe('tried again only when it cannot do harm', () => {
		test.each([
			[429, { 'retry-after': '0' }],
			[503, { 'retry-after': ['0'] }],
			[429, { 'retry-after': '  0.0 ' }],
			[503, {}],
			[429, { 'retry-after': 'soon' }],
		])('HTTP %i %j: waits, then sends again', async (statusCode, headers) => {
			const pacer = { acquire: jest.fn(async () => {}), release: jest.fn(), onBusy: jest.fn(), onSuccess: jest.fn() };
			const { context, sent } = scripted([json(statusCode, {}, headers), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(sent).toHaveLength(2);
			expect(pacer.acquire).toHaveBeenCalledTimes(2);
			expect(pacer.release).toHaveBeenCalledTimes(2);
			expect(pacer.onBusy).toHaveBeenCalledTimes(1);
			expect(pacer.onBusy).toHaveBeenCalledWith(0);
			expect(pacer.onSuccess).toHaveBeenCalledTimes(1);
		});

		test('Retry-After in seconds is the wait the pacer is told', async () => {
			const pacer = { acquire: async () => {}, release: () => {}, onBusy: jest.fn(), onSuccess: () => {} };
			const { context } = scripted([json(429, {}, { 'retry-after': '0.05' }), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(pacer.onBusy).toHaveBeenCalledWith(50);
		});

		test('a past HTTP date in Retry-After means no wait', async () => {
			const pacer = { acquire: async () => {}, release: () => {}, onBusy: jest.fn(), onSuccess: () => {} };
			const { context } = scripted([json(503, {}, { 'retry-after': new Date(Date.now() - 5000).toUTCString() }), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(pacer.onBusy).toHaveBeenCalledWith(0);
		});

		test('without Retry-After the backoff doubles with each try (full jitter)', async () => {
			jest.spyOn(Math, 'random').mockReturnValue(0.002);
			const waits: number[] = [];
			const pacer = { acquire: async () => {}, release: () => {}, onBusy: (ms: number) => waits.push(ms), onSuccess: () => {} };
			const { context } = scripted([json(503, {}), json(503, {}), json(503, {}), json(503, {}), json(503, {}), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(waits).toEqual([2, 4, 8, 16, 32]);
		});

		test('at most 6 tries, then the error says how many', async () => {
			const { context, sent } = scripted(Array.from({ length: 7 }, () => json(429, { message: 'slow down' }, { 'retry-after': '0' })));
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(sent).toHaveLength(6);
			expect(error.message).toBe('Xobin is limiting how fast requests can be sent: slow down [item 2]');
			expect(error.description).toContain(' The node sent the request 6 times, waiting between tries, before giving up.');
			expect(error.uncertain).toBe(false);
		});

		test('with retryBusy off, a 429 is final at once and no try count is claimed', async () => {
			const { context, sent } = scripted([json(429, {}, { 'retry-after': '0' })]);
			const error = await failureOf(transport.xobinRequest(context, { ...invite, retryBusy: false }));
			expect(sent).toHaveLength(1);
			expect(error.description).not.toContain('times');
		});

		test('a 429 or 503 asking for more than 60 s stops the run at once, and later requests are not sent', async () => {
			for (const [statusCode, retryAfter] of [[429, '61'], [503, new Date(Date.now() + 3_600_000).toUTCString()]] as const) {
				const { context, sent } = scripted([json(statusCode, {}, { 'retry-after': retryAfter }), json(200, { invite_link: 'l' })]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(error.message).toMatch(new RegExp(`^Xobin asked for no more requests until \\d\\d:\\d\\d:\\d\\d UTC \\(HTTP ${statusCode}\\) \\[item 2\\]$`));
				expect(error.description).toContain('That is a longer break than the node waits (60 seconds at a time)');
				expect(error.uncertain).toBe(false);
				const later = await failureOf(transport.xobinRequest(context, { ...invite, itemIndex: 3 }));
				expect(later.message).toBe(error.message.replace('[item 2]', '[item 3]'));
				expect(sent).toHaveLength(1);
			}
		});

		test('a connection never made is tried again, and Xobin did not act', async () => {
			for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
				const { context, sent } = scripted([connectionError(code), json(200, { invite_link: 'l' })]);
				await transport.xobinRequest(context, invite);
				expect(sent).toHaveLength(2);
				const never = scripted(Array.from({ length: 6 }, () => connectionError(code)));
				const error = await failureOf(transport.xobinRequest(never.context, invite));
				expect(error.message).toBe('Could not reach Xobin at xobin.test [item 2]');
				expect(error.description).toContain(`The connection could not be made (${code}), so nothing was sent.`);
				expect(error.uncertain).toBe(false);
			}
		});

		test('a connection that broke after sending is never sent again, unless the request only reads', async () => {
			for (const code of ['ECONNRESET', 'EPIPE']) {
				const { context, sent } = scripted([connectionError(code), json(200, { invite_link: 'l' })]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(sent).toHaveLength(1);
				expect(error.message).toBe('The connection to Xobin broke before it answered [item 2]');
				expect(error.description).toContain(`The connection was closed unexpectedly (${code}).`);
				expect(error.uncertain).toBe(true);
				const reading = scripted([connectionError(code), json(200, { id: 7 })]);
				await expect(transport.xobinRequest(reading.context, read)).resolves.toMatchObject({ body: { id: 7 } });
				expect(reading.sent).toHaveLength(2);
			}
		});

		test('a timeout after sending is never sent again, and says the Timeout', async () => {
			for (const code of ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']) {
				const { context, sent } = scripted([connectionError(code), json(200, { invite_link: 'l' })]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(sent).toHaveLength(1);
				expect(error.message).toBe('Xobin did not answer within 30 seconds [item 2]');
				expect(error.description).toContain("Raise 'Timeout (Seconds)' in the Xobin API credential");
				expect(error.uncertain).toBe(true);
			}
		});

		test('a read that ran into the node\'s own deadline is not asked again either', async () => {
			const { context, sent } = scripted(['hang', json(200, { id: 7 })], { timeoutSeconds: 0.2 });
			const error = await failureOf(transport.xobinRequest(context, read));
			expect(error.message).toBe('Xobin did not answer within 0.2 seconds [item 0]');
			expect(sent).toHaveLength(1);
		});

		test('the network code is found in the cause chain or the message, else it is unknown', async () => {
			const cases: Array<[unknown, string]> = [
				[Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) }), 'ECONNRESET'],
				[Object.assign(new Error('x'), { code: 'not-a-code', cause: { code: 'EPIPE' } }), 'EPIPE'],
				[new Error('socket hang up: read ECONNRESET'), 'ECONNRESET'],
				[new Error('something odd'), 'UNKNOWN_NETWORK_ERROR'],
				['a string', 'UNKNOWN_NETWORK_ERROR'],
			];
			for (const [fail, code] of cases) {
				const { context } = scripted([{ fail: fail as Error }]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(error.description).toContain(`(${code})`);
				expect(error.errorResponse).toMatchObject({ connectionCode: code });
			}
		});

		test('a request that never answers ends at the Timeout, and its late answer is dropped', async () => {
			const { context, sent } = scripted(['hang'], { timeoutSeconds: 0.2 });
			const started = Date.now();
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(Date.now() - started).toBeLessThan(2000);
			expect(error.message).toBe('Xobin did not answer within 0.2 seconds [item 2]');
			expect(error.uncertain).toBe(true);
			expect(sent).toHaveLength(1);
		});
	});

	describe('answers are size-capped and read as streams', () => {
		const stream = (chunks: Array<string | Buffer>, end = true) =>
			new Readable({
				read() {
					for (const chunk of chunks.splice(0)) this.push(chunk);
					if (end) this.push(null);
				},
			});

		test('a stream is read whole, in one piece or many', async () => {
			const { context } = scripted([
				{ statusCode: 200, headers: {}, body: stream(['{"invite_', Buffer.from('link":"l"}')]) },
				{ statusCode: 200, headers: {}, body: stream([Buffer.from('{"invite_link":"m"}')]) },
			]);
			await expect(transport.xobinRequest(context, invite)).resolves.toMatchObject({ body: { invite_link: 'l' } });
			await expect(transport.xobinRequest(context, invite)).resolves.toMatchObject({ body: { invite_link: 'm' } });
		});

		test.each([
			['a Content-Length over 10 MB', { 'content-length': String(10 * 1024 * 1024 + 1) }, ['{}'], 10],
			['a JSON stream over 10 MB', {}, [Buffer.alloc(6 * 1024 * 1024, 32), Buffer.alloc(6 * 1024 * 1024, 32)], 10],
		])('%s is refused', async (_name, headers, chunks, mb) => {
			const body = stream(chunks as Buffer[]);
			const { context } = scripted([{ statusCode: 200, headers, body }]);
			const error = await failureOf(transport.xobinRequest(context, read));
			expect(error.message).toBe(`Xobin's answer is larger than the ${mb} MB the node accepts (HTTP 200) [item 0]`);
			expect(body.destroyed).toBe(true);
		});

		test('a body just at the cap is read, and a non-stream body over it is refused', async () => {
			const { context } = scripted([
				{ statusCode: 200, headers: { 'content-length': String(10 * 1024 * 1024) }, body: stream(['{"id":1}']) },
				{ statusCode: 200, headers: {}, body: Buffer.alloc(10 * 1024 * 1024 + 1, 32) },
			]);
			await expect(transport.xobinRequest(context, read)).resolves.toMatchObject({ body: { id: 1 } });
			const error = await failureOf(transport.xobinRequest(context, read));
			expect(error.message).toMatch(/larger than the 10 MB/);
		});

		test('an answer cut off mid-stream is a broken connection', async () => {
			const body = new Readable({ read() { this.push('{"invite_'); this.destroy(); } });
			const { context } = scripted([{ statusCode: 200, headers: {}, body }]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('The connection to Xobin broke before it answered [item 2]');
			expect(error.uncertain).toBe(true);
		});

		test('a stream that errors is a broken connection with its code', async () => {
			const body = new Readable({ read() { this.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' })); } });
			const { context } = scripted([{ statusCode: 200, headers: {}, body }]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.description).toContain('(ECONNRESET)');
		});

		test('a stream that goes silent ends at the Timeout', async () => {
			const body = stream(['{"invite_'], false);
			const { context } = scripted([{ statusCode: 200, headers: {}, body }], { timeoutSeconds: 0.2 });
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('Xobin did not answer within 0.2 seconds [item 2]');
			expect(body.destroyed).toBe(true);
		});
	});

	describe('forItem: one error told for each candidate of a bulk request', () => {
		test('renames the item, keeps the HTTP details and whether Xobin may have acted', async () => {
			const { context } = scripted([json(500, { message: 'boom' })]);
			const original = await failureOf(transport.xobinRequest(context, invite));
			const copy = errors.forItem(NODE, original as never, 5) as unknown as Thrown;
			expect(copy.message).toBe('Xobin could not complete the request (HTTP 500): boom [item 5]');
			expect(copy.description).toBe(original.description);
			expect([copy.httpCode, copy.uncertain]).toEqual(['500', true]);
			const told = errors.forItem(NODE, original as never, 6, 'Only about b@x.io.') as unknown as Thrown;
			expect([told.message, told.description]).toEqual(['Xobin could not complete the request (HTTP 500): boom [item 6]', 'Only about b@x.io.']);
		});

		test('an operation error stays one, without a claim about Xobin', () => {
			const { NodeOperationError } = require('n8n-workflow') as typeof import('n8n-workflow');
			const copy = errors.forItem(NODE, new NodeOperationError(NODE, 'Bad email [item 1]', { description: 'Fix it.' }), 4) as unknown as Thrown;
			expect(copy).toBeInstanceOf(NodeOperationError);
			expect([copy.message, copy.description, copy.uncertain]).toEqual(['Bad email [item 4]', 'Fix it.', undefined]);
		});
	});
});
