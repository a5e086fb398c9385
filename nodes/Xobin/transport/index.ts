// The one place the package talks HTTP to Xobin: base URL from the credential, the apiKey header via
// n8n's credential system, and every answer handed back whole (status, headers, body) so callers
// can read Xobin's own error bodies instead of n8n's generic status text. Used by the Xobin node's
// operations and by the Xobin Trigger's webhook registration alike.

import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSafeBaseUrl, tidyBaseUrl } from '../helpers/baseUrl';
import { REQUEST_TIMEOUT_MS, XOBIN_CREDENTIAL_TYPE } from '../helpers/constants';
import type { FailureContext } from './failures';
import { toXobinError } from './failures';

export interface XobinResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when Xobin did not answer with JSON. */
	body: unknown;
}

/** A request that never produced an HTTP answer (refused, reset, timed out, DNS). */
export interface ConnectionFailure {
	connectionCode: string;
	baseUrl: string;
}

/** The n8n contexts that may call Xobin: an operation's execution, or a trigger's webhook methods. */
export type XobinContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

/**
 * The credential, read once per node run and handed to every request of that run: n8n would
 * otherwise load and decrypt it again for each request, which on thousands of rows adds up.
 */
const credentialsByRun = new WeakMap<XobinContext, Promise<ICredentialsDecrypted>>();

function credentialsOf(context: XobinContext): Promise<ICredentialsDecrypted> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = (async () => {
			const data = await context.getCredentials(XOBIN_CREDENTIAL_TYPE);
			const reference = context.getNode().credentials?.[XOBIN_CREDENTIAL_TYPE];
			return {
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: XOBIN_CREDENTIAL_TYPE,
				data,
			};
		})();
		credentialsByRun.set(context, credentials);
	}
	return credentials;
}

/**
 * Checks the credential and returns its base URL. A missing key or an unsafe URL stops here,
 * before anything is sent. Cheap to call per item: the credential is read once per node run.
 */
export async function getBaseUrl(context: XobinContext): Promise<string> {
	const { data: credentials = {} } = await credentialsOf(context);
	if (typeof credentials.apiKey !== 'string' || credentials.apiKey.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'The Xobin API credential has no API key', {
			description:
				'Open the Xobin API credential and paste the API key Xobin support issued for your account.',
		});
	}
	const baseUrl = tidyBaseUrl(credentials.baseUrl);
	if (!isSafeBaseUrl(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Base URL in the Xobin API credential must start with https://',
			{
				description: `It is "${baseUrl}". Xobin's API lives at https://app.xobin.com/api/v2; plain http:// is refused (except for localhost) so your API key never travels unencrypted.`,
			},
		);
	}
	return baseUrl;
}

export interface XobinRequest {
	method: IHttpRequestMethods;
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Expect a file (the report PDF): a 2xx answer's body comes back as a Buffer. JSON answers are
	 * still parsed and other error answers turned into text, so failures read as usual.
	 */
	binary?: boolean;
}

/** What came back: an HTTP answer of any status, or no answer at all. */
export type XobinAnswer = { response: XobinResponse } | { failure: ConnectionFailure };

/** Sends one request once. Never throws for HTTP statuses or network failures. */
export async function sendXobinRequest(
	context: XobinContext,
	baseUrl: string,
	request: XobinRequest,
): Promise<XobinAnswer> {
	const { method, endpoint, body, qs, binary } = request;
	const options: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${endpoint}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined) options.qs = qs;
	if (binary) {
		options.json = false;
		options.encoding = 'arraybuffer';
		options.headers = { Accept: 'application/pdf, application/json;q=0.9, */*;q=0.5' };
	}

	const credentialsDecrypted = await credentialsOf(context);
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			XOBIN_CREDENTIAL_TYPE,
			options,
			{ credentialsDecrypted },
		)) as XobinResponse;
		const headers = response.headers ?? {};
		return {
			response: {
				statusCode: response.statusCode,
				headers,
				body: binary ? readBinaryBody(response.statusCode, headers, response.body) : response.body,
			},
		};
	} catch (error) {
		// n8n wraps network failures with the request config attached, headers (and so the API key)
		// included. Keep only the error code, never the original object.
		return { failure: { connectionCode: findErrorCode(error), baseUrl } };
	}
}

/**
 * Sends one request and returns Xobin's answer whatever its status. Only a request that got no
 * answer at all throws: a NodeApiError described for the item in `failureContext`.
 */
export async function xobinApiRequest(
	context: XobinContext,
	baseUrl: string,
	request: XobinRequest,
	failureContext: FailureContext,
): Promise<XobinResponse> {
	const answer = await sendXobinRequest(context, baseUrl, request);
	if ('failure' in answer) throw toXobinError(context.getNode(), answer.failure, failureContext);
	return answer.response;
}

/** A file answer stays a Buffer; JSON is parsed and error pages become text, as in a JSON request. */
function readBinaryBody(
	statusCode: number,
	headers: XobinResponse['headers'],
	body: unknown,
): unknown {
	if (!Buffer.isBuffer(body)) return body;
	const contentType = String(headers['content-type'] ?? '').toLowerCase();
	if (contentType.includes('json')) {
		try {
			return JSON.parse(body.toString('utf8'));
		} catch {
			return body.toString('utf8');
		}
	}
	return statusCode < 300 ? body : body.toString('utf8');
}

function findErrorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : '';
	return /\b(E[A-Z_]{4,})\b/.exec(message)?.[1] ?? 'UNKNOWN_NETWORK_ERROR';
}
