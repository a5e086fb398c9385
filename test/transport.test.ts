// The one door to Xobin, driven directly: xobinRequest() against a scripted Xobin (the answers of
// n8n's HTTP helper, one per call), so every guarantee the transport owns is checked request by
// request, without sockets or real waits: what is sent, what counts as success, what is tried
// again and what is never sent twice, and the words a user reads. The same guarantees over real
// HTTP are in hostileServer.test.ts and concurrencyAndRetries.test.ts.

// A real Node stream, as n8n hands the node an answer's body (tests ship in no package).
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { Readable } from 'stream';

import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { MOCK_API_KEY as API_KEY } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const transport = require('../dist/nodes/Xobin/transport/index.js') as typeof import('../nodes/Xobin/transport');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const errors = require('../dist/nodes/Xobin/transport/errors.js') as typeof import('../nodes/Xobin/transport/errors');

type Request = import('../nodes/Xobin/transport/types').XobinRequest;
type Answer =
	| { statusCode: number; headers?: IDataObject; body?: unknown }
	| { fail: IDataObject | Error }
	| { late: number; answer: { statusCode: number; body: unknown } }
	| 'hang';

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
function scripted(answers: Answer[], credential: IDataObject = {}, node: INode = NODE) {
	const sent: Array<{ options: IHttpRequestOptions; extra: IDataObject }> = [];
	const context = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: API_KEY, baseUrl: 'https://xobin.test/api/v2', ...credential }),
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions, extra: IDataObject) => {
				expect(type).toBe('xobinApi');
				sent.push({ options, extra });
				const answer = answers.shift();
				if (answer === undefined) throw new Error('the test scripted no more answers');
				if (answer === 'hang') return await new Promise(() => {});
				if ('fail' in answer) throw answer.fail;
				if ('late' in answer) {
					await sleep(answer.late);
					return { headers: {}, ...answer.answer };
				}
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
			[{ baseUrl: 'https://me@xobin.test' }, 'The Base URL in the Xobin API credential must not contain a user name or password'],
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
			[undefined, 'https://app.xobin.com/api/v2/tracks/7'],
			['HTTPS://XOBIN.TEST/API', 'HTTPS://XOBIN.TEST/API/tracks/7'],
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
			expect(sent[0].options).toStrictEqual({
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
			expect('qs' in sent[0].options).toBe(false);
			expect('body' in sent[1].options).toBe(false);
			expect(sent[1].options.headers).toEqual({ Accept: 'application/pdf, application/json;q=0.9' });
			expect(pdf.body).toEqual(Buffer.from('%PDF-1.7 x'));
		});

		test('a node without a stored credential reference still sends the key (n8n fills the credential in)', async () => {
			const { context, sent } = scripted([json(200, { id: 7 })], {}, { ...NODE, credentials: undefined });
			await transport.xobinRequest(context, read);
			expect(sent[0].extra).toMatchObject({ credentialsDecrypted: { id: '', name: '', type: 'xobinApi' } });
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
			[300, {}, 'The Base URL redirected the request to xobin.test (HTTP 300)', false],
			[418, '<html>teapot</html>', 'Xobin sent an answer the node cannot read (HTTP 418, no content type)', false],
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

		test.each([
			[{ message: '   ', error: 'Bad email' }, ': Bad email'],
			[{ message: 5, error: 'Bad email' }, ': Bad email'],
			[{ error: '  ' }, ''],
			[{ error: { error: 'deep words' } }, ': deep words'],
			[{ error: { message: '  ' } }, ''],
			[{ error: null, message: null }, ''],
			[[{ message: 'in a list' }], ''],
			[{ message: 'x'.repeat(300) }, `: ${'x'.repeat(300)}`],
			[{ message: 'x'.repeat(301) }, `: ${'x'.repeat(299)}…`],
		])('Xobin\'s words are read from %j', async (body, words) => {
			const { context } = scripted([json(400, body)]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe(`Xobin rejected the request${words} [item 2]`);
		});

		test('a content type is named without its parameters', async () => {
			const { context } = scripted([{ statusCode: 200, headers: { 'content-type': 'text/html ; charset=utf-8' }, body: '<p>' }]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('Xobin sent an answer the node cannot read (HTTP 200, text/html) [item 2]');
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
			// A refusal is read only from an answer: a broken connection stays what it is.
			const broken = scripted([connectionError('ECONNRESET')]);
			const lost = await failureOf(transport.xobinRequest(broken.context, { ...invite, refusals: [{ said: /.*/, message: 'Refused', fix: '-' }] }));
			expect([lost.message, lost.uncertain]).toEqual(['The connection to Xobin broke before it answered [item 2]', true]);
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
			const four = scripted([json(400, { message: 'has abcd in it' })], { apiKey: 'abcd' });
			expect((await failureOf(transport.xobinRequest(four.context, invite))).message).toBe('Xobin rejected the request: has [redacted] in it [item 2]');
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
		// No jitter: a backoff is then 0 ms, so retries take no real time.
		beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));

		test.each([
			[429, { 'retry-after': '0' }],
			[503, { 'retry-after': ['0'] }],
			[429, { 'retry-after': ' 0 ' }],
			[429, { 'retry-after': '5 seconds' }],
			[429, { 'retry-after': 'x5' }],
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
			const { context } = scripted([json(429, {}, { 'retry-after': '0.05' }), json(429, {}, { 'retry-after': '  0.03 ' }), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(pacer.onBusy.mock.calls).toEqual([[50], [30]]);
		});

		test('a connection never made is retried without telling the pacer Xobin is busy', async () => {
			const pacer = { acquire: async () => {}, release: () => {}, onBusy: jest.fn(), onSuccess: jest.fn() };
			const { context } = scripted([connectionError('ECONNREFUSED'), json(200, { invite_link: 'l' })]);
			await transport.xobinRequest(context, { ...invite, pacer });
			expect(pacer.onBusy).not.toHaveBeenCalled();
			expect(pacer.onSuccess).toHaveBeenCalledTimes(1);
		});

		test('Retry-After on an answer that is not 429 or 503 changes nothing', async () => {
			const { context, sent } = scripted([json(500, { message: 'boom' }, { 'retry-after': '120' }), json(200, { invite_link: 'l' })]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect([error.message, error.uncertain]).toEqual(['Xobin could not complete the request (HTTP 500): boom [item 2]', true]);
			await transport.xobinRequest(context, invite);
			expect(sent).toHaveLength(2);
		});

		test('with retryBusy off, a long Retry-After is an ordinary 429 and the run goes on', async () => {
			const { context, sent } = scripted([json(429, { message: 'slow' }, { 'retry-after': '120' }), json(200, { invite_link: 'l' })]);
			const error = await failureOf(transport.xobinRequest(context, { ...invite, retryBusy: false }));
			expect(error.message).toBe('Xobin is limiting how fast requests can be sent: slow [item 2]');
			await transport.xobinRequest(context, invite);
			expect(sent).toHaveLength(2);
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

		describe('the 2-minute window (a clock that moves 50 s with each answer)', () => {
			const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
			let now = T0;
			beforeEach(() => {
				now = T0;
				jest.spyOn(Date, 'now').mockImplementation(() => now);
			});
			const ticking = (answers: Answer[]) => {
				const run = scripted(answers);
				const send = run.context as unknown as { helpers: { httpRequestWithAuthentication: (...args: unknown[]) => Promise<unknown> } };
				const original = send.helpers.httpRequestWithAuthentication;
				send.helpers.httpRequestWithAuthentication = async (...args) => {
					now += 50_000;
					return await original(...args);
				};
				return run;
			};

			test('429 for 2 minutes: the run stops asking, says since when, and sends nothing more', async () => {
				const { context, sent } = ticking(Array.from({ length: 6 }, () => json(429, {})));
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(sent).toHaveLength(3);
				expect(error.message).toBe('Xobin kept answering "too many requests" (HTTP 429) for 2 minutes [item 2]');
				expect(error.description).toBe('No request got through since 10:00:00 UTC, so the node stopped asking and did not send this one. Run these items again in a few minutes, or run fewer at once.');
				expect(error.uncertain).toBe(false);
				const later = await failureOf(transport.xobinRequest(context, { ...invite, itemIndex: 4 }));
				expect(later.message).toBe('Xobin kept answering "too many requests" (HTTP 429) for 2 minutes [item 4]');
				expect(sent).toHaveLength(3);
			});

			test('with Retry-After, it says when to run again', async () => {
				const { context } = ticking(Array.from({ length: 6 }, () => json(429, {}, { 'retry-after': '1' })));
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(error.description).toBe('No request got through since 10:00:00 UTC, so the node stopped asking and did not send this one. Run these items again after 10:02:31 UTC, as Xobin asked, or run fewer at once.');
			});

			test('503 for 2 minutes fails this item only, saying how many tries', async () => {
				const { context, sent } = ticking([...Array.from({ length: 3 }, () => json(503, {})), json(200, { invite_link: 'l' })]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(error.message).toBe('Xobin could not complete the request (HTTP 503) [item 2]');
				expect(error.description).toContain('The node sent the request 3 times');
				await transport.xobinRequest(context, invite);
				expect(sent).toHaveLength(4);
			});

			test('the window runs from the run\'s last success, not only from this request\'s start', async () => {
				const { context, sent } = ticking([json(429, {}), json(429, {}), json(400, { message: 'bad' }), json(429, {}), json(200, { invite_link: 'l' })]);
				await failureOf(transport.xobinRequest(context, invite));
				const error = await failureOf(transport.xobinRequest(context, { ...invite, itemIndex: 3 }));
				expect(sent).toHaveLength(4);
				expect(error.message).toBe('Xobin kept answering "too many requests" (HTTP 429) for 2 minutes [item 3]');
			});

			test('a Retry-After beyond 60 s names the time Xobin gave', async () => {
				const { context } = ticking([json(429, {}, { 'retry-after': '61' })]);
				const error = await failureOf(transport.xobinRequest(context, invite));
				expect(error.message).toBe('Xobin asked for no more requests until 10:01:51 UTC (HTTP 429) [item 2]');
				expect(error.description).toContain('Run the items that were not invited again after 10:01:51 UTC.');
			});
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
				[Object.assign(new Error('x'), { code: 'XEPIPE' }), 'UNKNOWN_NETWORK_ERROR'],
				[Object.assign(new Error('x'), { code: 'ERR_closed' }), 'UNKNOWN_NETWORK_ERROR'],
				[Object.assign(new Error('x'), { cause: 'EPIPE' }), 'UNKNOWN_NETWORK_ERROR'],
				[[1, 2, 3, 4, 5, 6].reduce<object>((cause) => ({ cause }), { code: 'EPIPE' }), 'UNKNOWN_NETWORK_ERROR'],
				[[1, 2, 3, 4].reduce<object>((cause) => ({ cause }), { code: 'EPIPE' }), 'EPIPE'],
				[(() => { const loop: { cause?: unknown } = {}; loop.cause = loop; return loop; })(), 'UNKNOWN_NETWORK_ERROR'],
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

		test('a body of exactly 10 MB is read, one byte more is refused', async () => {
			const exactly = (extra: number) => Buffer.concat([Buffer.from('{"id":1}'), Buffer.alloc(10 * 1024 * 1024 - 8 + extra, 32)]);
			const { context } = scripted([
				{ statusCode: 200, headers: { 'content-length': String(10 * 1024 * 1024) }, body: stream([exactly(0)]) },
				{ statusCode: 200, headers: {}, body: exactly(0) },
				{ statusCode: 200, headers: {}, body: exactly(1) },
			]);
			await expect(transport.xobinRequest(context, read)).resolves.toMatchObject({ body: { id: 1 } });
			await expect(transport.xobinRequest(context, read)).resolves.toMatchObject({ body: { id: 1 } });
			const error = await failureOf(transport.xobinRequest(context, read));
			expect(error.message).toBe("Xobin's answer is larger than the 10 MB the node accepts (HTTP 200) [item 0]");
			expect(error.description).toContain("The node stopped reading it to protect n8n's memory.");
		});

		test('a PDF may be up to 100 MB', async () => {
			const { context } = scripted([{ statusCode: 200, headers: { 'content-type': 'application/pdf', 'content-length': String(100 * 1024 * 1024 + 1) }, body: stream(['%PDF-']) }]);
			const error = await failureOf(transport.xobinRequest(context, { ...read, expect: 'pdf' }));
			expect(error.message).toBe("Xobin's answer is larger than the 100 MB the node accepts (HTTP 200) [item 0]");
		});

		test('an error answer to a PDF request is read as JSON even without a content type', async () => {
			const { context } = scripted([{ statusCode: 404, headers: {}, body: '{"message":"Report gone"}' }]);
			const error = await failureOf(transport.xobinRequest(context, { ...read, expect: 'pdf' }));
			expect(error.message).toBe('Xobin could not find what was asked for: Report gone [item 0]');
		});

		test('a body n8n already parsed, or none at all, is read as such', async () => {
			const { context } = scripted([{ statusCode: 200, headers: {}, body: { id: 9 } }, { statusCode: 200, headers: {}, body: undefined }]);
			await expect(transport.xobinRequest(context, read)).resolves.toMatchObject({ body: { id: 9 } });
			const error = await failureOf(transport.xobinRequest(context, read));
			expect(error.message).toBe('Xobin sent an answer the node cannot read (HTTP 200, no content type) [item 0]');
		});

		test('an answer that arrives after the Timeout is thrown away unread', async () => {
			const body = stream(['{"invite_link":"late"}'], false);
			const { context } = scripted([{ late: 300, answer: { statusCode: 200, body } }], { timeoutSeconds: 0.1 });
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('Xobin did not answer within 0.1 seconds [item 2]');
			await sleep(400);
			expect(body.destroyed).toBe(true);
		});

		test('an answer cut off mid-stream is a broken connection', async () => {
			const body = new Readable({ read() { this.push('{"invite_'); this.destroy(); } });
			const { context } = scripted([{ statusCode: 200, headers: {}, body }]);
			const error = await failureOf(transport.xobinRequest(context, invite));
			expect(error.message).toBe('The connection to Xobin broke before it answered [item 2]');
			expect(error.description).toContain('(ECONNRESET)');
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
			expect(copy.errorResponse).toMatchObject({ httpCode: 500, xobinMessage: 'boom', uncertain: true });
			const twice = errors.forItem(NODE, copy as never, 12) as unknown as Thrown;
			expect(errors.forItem(NODE, twice as never, 3).message).toBe('Xobin could not complete the request (HTTP 500): boom [item 3]');
			const refused = scripted([json(400, { message: 'bad' })]);
			const certain = await failureOf(transport.xobinRequest(refused.context, invite));
			expect((errors.forItem(NODE, certain as never, 1) as unknown as Thrown).uncertain).toBe(false);
			const told = errors.forItem(NODE, original as never, 6, 'Only about b@x.io.') as unknown as Thrown;
			expect([told.message, told.description]).toEqual(['Xobin could not complete the request (HTTP 500): boom [item 6]', 'Only about b@x.io.']);
		});

		test('an operation error stays one, without a claim about Xobin', () => {
			const copy = errors.forItem(NODE, new NodeOperationError(NODE, 'Bad email [item 1]', { description: 'Fix it.' }), 4) as unknown as Thrown;
			expect(copy).toBeInstanceOf(NodeOperationError);
			expect([copy.message, copy.description, copy.uncertain]).toEqual(['Bad email [item 4]', 'Fix it.', undefined]);
		});
	});
});
