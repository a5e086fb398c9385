// The "Xobin API" credential: the API key Xobin support issues, sent as the `apiKey` header on
// every request, and the API base URL (https only, so the key is never sent in clear text).

import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { SAFE_BASE_URL_PATTERN } from '../nodes/Xobin/transport/baseUrl';
import {
	DEFAULT_TIMEOUT_SECONDS,
	XOBIN_DEFAULT_BASE_URL,
} from '../nodes/Xobin/transport/constants';

// A base URL that is not https (or loopback http) is swapped for a host that cannot resolve, so the
// test fails, naming the problem, without the key ever leaving in clear text.
const testBaseUrl = `={{ (($credentials.baseUrl || '${XOBIN_DEFAULT_BASE_URL}').trim().replace(/\\/+$/, '')).match(new RegExp('${SAFE_BASE_URL_PATTERN.replace(/\\/g, '\\\\')}', 'i')) ? ($credentials.baseUrl || '${XOBIN_DEFAULT_BASE_URL}').trim().replace(/\\/+$/, '') : 'https://base-url-must-start-with-https.invalid' }}`;

export class XobinApi implements ICredentialType {
	name = 'xobinApi';
	displayName = 'Xobin API';
	icon: Icon = { light: 'file:../icons/xobin.svg', dark: 'file:../icons/xobin.dark.svg' };
	documentationUrl = 'https://github.com/xobin/n8n-nodes-xobin#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key Xobin support issued for your account',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: XOBIN_DEFAULT_BASE_URL,
			placeholder: `e.g. ${XOBIN_DEFAULT_BASE_URL}`,
			description:
				'Address of the Xobin API. Keep the default unless Xobin support gave you another one. Must start with https://.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			default: DEFAULT_TIMEOUT_SECONDS,
			typeOptions: { minValue: 1, maxValue: 300 },
			description:
				'How long the node waits for each Xobin answer, headers and body together, before giving up on it',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apiKey: '={{$credentials.apiKey}}' } },
	};

	// GET /tracks/stats is read-only and answers any valid key; a wrong one gets 401 (or a 200) with
	// {"error":"Invalid API key"}, which the rules turn into what to fix, not n8n's "Unauthorized".
	test: ICredentialTestRequest = {
		request: { baseURL: testBaseUrl, url: '/tracks/stats' },
		// n8n's tester checks each rule by its own type (responseCode on errors, responseSuccessBody
		// on 2xx answers) in 1.x and 2.x alike; only the TypeScript type insists on one kind per list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Xobin rejected the API key. Check that it is the key Xobin support issued for your account, with no spaces at either end.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Invalid API key',
					message:
						'Xobin rejected the API key. Check that it is the key Xobin support issued for your account.',
				},
			},
		] as unknown as ICredentialTestRequest['rules'],
	};
}
