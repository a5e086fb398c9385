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

	test('the Test button never sends the key to a plain-http address', async () => {
		const result = await testCredential({
			credentialType: 'xobinApi',
			data: { apiKey: MOCK_API_KEY, baseUrl: 'http://xobin.example.com/api/v2' },
		});

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/base-url-must-start-with-https|ENOTFOUND|getaddrinfo/);
	});

	test('the node refuses a plain-http Base URL before sending anything', async () => {
		const result = await runInvite(mock(), {
			items: candidates(1),
			baseUrl: 'http://app.xobin.com/api/v2',
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
