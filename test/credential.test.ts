// The Xobin API credential: the "Test" button, and the https-only Base URL rule.

import { testCredential } from './harness/engine';
import { candidates, MOCK_API_KEY, runInvite, useMockXobin } from './support';

describe('Xobin API credential', () => {
	const mock = useMockXobin();

	test('the Test button passes for the right key', async () => {
		const result = await testCredential({
			credentialType: 'xobinApi',
			data: { apiKey: MOCK_API_KEY, baseUrl: mock().url },
		});

		expect(result.status).toBe('OK');
		const [request] = mock().requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v2/tracks/stats');
		expect(request.headers.apikey).toBe(MOCK_API_KEY);
	});

	test('the Test button fails for a wrong key', async () => {
		const result = await testCredential({
			credentialType: 'xobinApi',
			data: { apiKey: 'wrong-key', baseUrl: `${mock().url}/` },
		});

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Xobin rejected the API key\./);
	});

	test('the Test button fails when Xobin answers 200 with "Invalid API key"', async () => {
		mock().queueFault({ path: /stats$/, status: 200, body: { error: 'Invalid API key' } });
		const result = await testCredential({
			credentialType: 'xobinApi',
			data: { apiKey: MOCK_API_KEY, baseUrl: mock().url },
		});

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Xobin rejected the API key/);
	});

	// The guard swaps a URL that is not https for https://base-url-must-start-with-https.invalid
	// (.invalid never resolves), so the only request tried is to the guard's host, never the user's.
	// 0.0.0.0 reaches the mock on this machine: a broken guard would send it the key in clear text.
	test.each([
		{ what: 'a host that cannot resolve', baseUrl: () => 'http://plain-http-host.invalid/api/v2', host: 'plain-http-host.invalid' },
		{ what: 'the mock, over plain http', baseUrl: () => `http://0.0.0.0:${mock().port}/api/v2`, host: '0.0.0.0' },
	])('the Test button never sends the key to a plain-http address ($what)', async ({ baseUrl, host }) => {
		const result = await testCredential({
			credentialType: 'xobinApi',
			data: { apiKey: MOCK_API_KEY, baseUrl: baseUrl() },
		});

		expect(result).toEqual({
			status: 'Error',
			message: 'ENOTFOUND',
			attemptedUrl: 'https://base-url-must-start-with-https.invalid/tracks/stats',
		});
		expect(JSON.stringify(result)).not.toContain(host);
		expect(mock().requests).toEqual([]);
	});

	test('the node refuses a plain-http Base URL before sending anything', async () => {
		// 0.0.0.0 reaches the mock: had the node sent the request, the mock would have it.
		const result = await runInvite(mock(), {
			items: candidates(1),
			baseUrl: `http://0.0.0.0:${mock().port}/api/v2`,
		});

		expect(result.error?.message).toBe('The Base URL in the Xobin API credential must start with https://');
		expect(result.error?.description).toMatch(/never travels unencrypted/);
		expect(mock().requests).toHaveLength(0);
	});

	test('the node refuses a credential without an API key before sending anything', async () => {
		const result = await runInvite(mock(), { items: candidates(1), apiKey: '  ' });

		expect(result.error?.message).toBe('The Xobin API credential has no API key');
		expect(result.error?.description).toMatch(/paste the API key/);
		expect(mock().requests).toHaveLength(0);
	});
});
