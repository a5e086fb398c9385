// The one door to Xobin. Every request of the package goes through xobinRequest(), which owns the
// guarantees so no operation can forget one: the credential checked before anything is sent (https
// only), the apiKey header via n8n's credential system, redirects never followed, a wall-clock
// deadline on headers and body together, a size cap on answers, "success means success" (a 2xx must
// carry what Xobin's docs promise), retries only when they cannot do harm, bounded in wall-clock
// time for each item and for the whole run, and errors in Xobin's own words with secrets redacted.

import type { ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { baseUrlProblem, tidyBaseUrl } from './baseUrl';
import { DEFAULT_TIMEOUT_SECONDS, XOBIN_CREDENTIAL_TYPE } from './constants';
import { redact } from './text';
import type { Failure, XobinError } from './errors';
import { describeResponse, NEVER_SENT, READ_ONLY_LOST_ANSWER, toXobinError } from './errors';
import type { XobinContext, XobinRequest, XobinResponse } from './types';

/** Retry bounds, stated in docs/performance.md: at most 6 tries, none started 2 minutes after the first. */
const MAX_ATTEMPTS = 6;
const RETRY_WINDOW_MS = 120_000;
const MAX_SINGLE_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 20_000;

const MB = 1024 * 1024;
const JSON_CAP_MB = 10;
const PDF_CAP_MB = 100;

/** What one node run shares across its requests. */
interface Run {
	credentials: Promise<RunCredentials>;
	/** Loaded credentials, for redacting errors that did not come from a request. */
	secrets: string[];
	/** When Xobin last accepted a request (or the run started): the run's 429 window starts here. */
	lastProgressAt: number;
	/**
	 * Set once Xobin answered 429 for the whole window, or a 429 / 503 asked for a longer break than
	 * the node waits: later requests of the run are not sent.
	 */
	busyGaveUp?: NonNullable<Failure['busyGaveUp']>;
}

interface RunCredentials {
	decrypted: ICredentialsDecrypted;
	baseUrl: string;
	timeoutSeconds: number;
}

/**
 * One entry per node run (n8n makes a new context for each). The credential is read once per run,
 * since n8n would otherwise load and decrypt it for every request: about a quarter of the CPU per
 * invite on thousands of rows.
 */
const runs = new WeakMap<XobinContext, Run>();

function runOf(context: XobinContext): Run {
	let run = runs.get(context);
	if (!run) {
		const created: Run = {
			secrets: [],
			lastProgressAt: Date.now(),
			credentials: undefined as never,
		};
		created.credentials = readCredentials(context, created);
		run = created;
		runs.set(context, run);
	}
	return run;
}

async function readCredentials(context: XobinContext, run: Run): Promise<RunCredentials> {
	const data = await context.getCredentials(XOBIN_CREDENTIAL_TYPE);
	run.secrets = [data.apiKey, data.password].filter(
		(value): value is string => typeof value === 'string',
	);
	const refuse = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), message, {
			description: redact(description, run.secrets),
		});
	if (typeof data.apiKey !== 'string' || data.apiKey.trim() === '') {
		throw refuse(
			'The Xobin API credential has no API key',
			'Open the Xobin API credential and paste the API key Xobin support issued for your account.',
		);
	}
	const baseUrl = tidyBaseUrl(data.baseUrl);
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw refuse(
			`The Base URL in the Xobin API credential ${problem}`,
			"Xobin's API lives at https://app.xobin.com/api/v2. Use a plain https:// address without a user name, password, query or fragment (plain http:// only for localhost), so your API key never travels unencrypted.",
		);
	}
	const reference = context.getNode().credentials?.[XOBIN_CREDENTIAL_TYPE];
	const timeout = Number(data.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
	return {
		decrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: XOBIN_CREDENTIAL_TYPE,
			data,
		},
		baseUrl,
		timeoutSeconds:
			Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 300) : DEFAULT_TIMEOUT_SECONDS,
	};
}

/** Removes the credential's secrets from an error's message and description, in place. */
export function redactSecrets<T extends Error & { description?: string | null }>(
	context: XobinContext,
	error: T,
): T {
	const { secrets } = runOf(context);
	error.message = redact(error.message, secrets);
	if (typeof error.description === 'string') error.description = redact(error.description, secrets);
	return error;
}

/**
 * Sends a request to Xobin and returns its successful answer (or one `passThrough` accepts).
 * Anything else throws an XobinError that says whether Xobin may have acted on the request.
 */
export async function xobinRequest(
	context: XobinContext,
	request: XobinRequest,
): Promise<XobinResponse> {
	const run = runOf(context);
	const credentials = await run.credentials;
	const fail = (failure: Failure, attempts?: number): XobinError =>
		toXobinError(context.getNode(), failure, {
			itemIndex: request.itemIndex,
			notFound: request.notFound,
			refusals: request.refusals,
			lostAnswer: request.lostAnswer ?? (request.idempotent ? READ_ONLY_LOST_ANSWER : undefined),
			attempts,
			timeoutSeconds: credentials.timeoutSeconds,
			secrets: run.secrets,
		});
	const startedAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		if (run.busyGaveUp) throw fail({ busyGaveUp: run.busyGaveUp });
		const { pacer } = request;
		await pacer?.acquire();
		let outcome: { response: XobinResponse } | { failure: Failure };
		try {
			outcome = await sendOnce(context, credentials, request);
		} finally {
			pacer?.release();
		}
		if ('response' in outcome) {
			if (outcome.response.statusCode < 300 || request.passThrough?.(outcome.response)) {
				run.lastProgressAt = Date.now();
				pacer?.onSuccess();
				return outcome.response;
			}
		}
		const failure = 'response' in outcome ? describeResponse(outcome.response) : outcome.failure;
		const retryAfter = 'response' in outcome ? outcome.response.headers['retry-after'] : undefined;
		const now = Date.now();
		const busy = failure.statusCode === 429 || failure.statusCode === 503;
		const asked = busy ? retryAfterMs(retryAfter, now) : undefined;
		if (asked !== undefined && asked > MAX_SINGLE_WAIT_MS && request.retryBusy !== false) {
			// Xobin (busy or rate-limiting, the same rule) wants a longer break than the node ever
			// waits: stop asking at once, for this item and the rest, and say until when.
			run.busyGaveUp = {
				since: run.lastProgressAt,
				retryAt: now + asked,
				askedToWait: failure.statusCode,
			};
			throw fail({ busyGaveUp: run.busyGaveUp });
		}
		const wait = retryWait(failure, retryAfter, attempt, request);
		if (wait === undefined) throw fail(failure, attempt);
		if (
			now + wait > startedAt + RETRY_WINDOW_MS ||
			now + wait > run.lastProgressAt + RETRY_WINDOW_MS
		) {
			if (failure.statusCode !== 429) throw fail(failure, attempt);
			// Xobin has said "later" for the whole window: stop asking, for this item and the rest.
			run.busyGaveUp = {
				since: run.lastProgressAt,
				retryAt: retryAfterMs(retryAfter, now) === undefined ? undefined : now + wait,
			};
			throw fail({ busyGaveUp: run.busyGaveUp });
		}
		if (busy) pacer?.onBusy(wait);
		await sleep(wait);
	}
}

/**
 * How long to wait before trying again, or undefined when the outcome is final. Only outcomes that
 * prove Xobin did not act are retried (429 / 503, a connection never made), plus a broken connection
 * on a request that changes nothing in Xobin.
 */
function retryWait(
	failure: Failure,
	retryAfter: unknown,
	attempt: number,
	request: XobinRequest,
): number | undefined {
	if (request.retryBusy === false || attempt >= MAX_ATTEMPTS) return undefined;
	const busy = failure.statusCode === 429 || failure.statusCode === 503;
	const neverSent = failure.connectionCode !== undefined && NEVER_SENT.has(failure.connectionCode);
	// A read whose connection broke is asked again; one that ran into the deadline is not (Xobin
	// is that slow, and the Timeout is the user's bound on waiting).
	const lostRead =
		failure.connectionCode !== undefined &&
		failure.connectionCode !== 'DEADLINE' &&
		request.idempotent === true;
	if (!busy && !neverSent && !lostRead) return undefined;
	// Exponential backoff with full jitter, so parallel requests do not come back in lockstep.
	const wait =
		(busy ? retryAfterMs(retryAfter) : undefined) ??
		Math.round(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
	return Math.min(wait, MAX_SINGLE_WAIT_MS);
}

/** Reads Retry-After as seconds ("2", "1.5") or an HTTP date, in ms; undefined when unreadable. */
function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

class DeadlineExceeded extends Error {}

class TooLarge extends Error {}

/** One attempt: an HTTP answer judged against what the request expects, or why there is none. */
async function sendOnce(
	context: XobinContext,
	credentials: RunCredentials,
	request: XobinRequest,
): Promise<{ response: XobinResponse } | { failure: Failure }> {
	const { method, endpoint, body, qs, expect = 'object' } = request;
	const deadline = AbortSignal.timeout(credentials.timeoutSeconds * 1000);
	const options: IHttpRequestOptions = {
		method,
		url: `${credentials.baseUrl}${endpoint}`,
		headers: {
			Accept: expect === 'pdf' ? 'application/pdf, application/json;q=0.9' : 'application/json',
		},
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined) options.qs = qs;

	let statusCode: number | undefined;
	try {
		const raw = await beforeDeadline(
			context.helpers.httpRequestWithAuthentication.call(context, XOBIN_CREDENTIAL_TYPE, options, {
				credentialsDecrypted: credentials.decrypted,
			}) as Promise<{ statusCode: number; headers?: XobinResponse['headers']; body: unknown }>,
			deadline,
		);
		statusCode = raw.statusCode;
		const headers = raw.headers ?? {};
		if (statusCode >= 300 && statusCode < 400) {
			discard(raw.body);
			return {
				failure: { statusCode, redirectHost: hostOf(headers.location, credentials.baseUrl) },
			};
		}
		const isPdf = expect === 'pdf' && statusCode < 300;
		const bytes = await readCapped(
			raw.body,
			headers['content-length'],
			isPdf ? PDF_CAP_MB : JSON_CAP_MB,
			deadline,
		);
		const response: XobinResponse = { statusCode, headers, body: parseBody(bytes, headers, isPdf) };
		if (statusCode < 300) {
			const verdict = judge(response, request);
			if (verdict) return { failure: { ...describeResponse(response), ...verdict } };
		}
		return { response };
	} catch (error) {
		if (error instanceof TooLarge) {
			return {
				failure: { statusCode, tooLargeMb: error.message === 'pdf' ? PDF_CAP_MB : JSON_CAP_MB },
			};
		}
		// n8n attaches the request config (API key included) to network errors: keep only the code.
		const connectionCode =
			deadline.aborted || error instanceof DeadlineExceeded ? 'DEADLINE' : findErrorCode(error);
		return { failure: { statusCode, connectionCode, host: hostOf(credentials.baseUrl) } };
	}
}

/** Waits for the answer's headers, but not past the deadline; a late answer is thrown away. */
async function beforeDeadline<T extends { body: unknown }>(
	pending: Promise<T>,
	deadline: AbortSignal,
): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		const onDeadline = () => {
			reject(new DeadlineExceeded());
			// Nobody waits for it any more: its body is dropped, and a late failure ignored.
			pending.then(
				(late) => discard(late.body),
				() => undefined,
			);
		};
		if (deadline.aborted) return onDeadline();
		deadline.addEventListener('abort', onDeadline, { once: true });
		pending.then(resolve, reject).finally(() => deadline.removeEventListener('abort', onDeadline));
	});
}

interface BodyStream {
	on(event: string, listener: (argument: never) => void): void;
	destroy(error?: Error): void;
}

const isStream = (body: unknown): body is BodyStream =>
	typeof (body as BodyStream | null)?.on === 'function' &&
	typeof (body as BodyStream | null)?.destroy === 'function';

function discard(body: unknown): void {
	if (isStream(body)) body.destroy();
}

/** Reads the body, settling at the deadline whatever the stream does, or as soon as it grows past the cap. */
async function readCapped(
	body: unknown,
	contentLength: unknown,
	capMb: number,
	deadline: AbortSignal,
): Promise<Buffer> {
	const cap = capMb * MB;
	const tooLarge = () => new TooLarge(capMb === PDF_CAP_MB ? 'pdf' : 'json');
	if (!isStream(body)) {
		const bytes = Buffer.isBuffer(body)
			? body
			: Buffer.from(
					typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
				);
		if (bytes.length > cap) throw tooLarge();
		return bytes;
	}
	if (Number(contentLength) > cap) {
		body.destroy();
		throw tooLarge();
	}
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		// The read ends at the deadline by itself: n8n's body stream wraps the socket in an async
		// iterator, and destroying it while the server is silent emits neither 'error' nor 'close'
		// (a server that stalls mid-answer would otherwise hold the item forever).
		const onDeadline = () => {
			settle(new DeadlineExceeded());
			body.destroy();
		};
		const settle = (error?: Error) => {
			if (settled) return;
			settled = true;
			deadline.removeEventListener('abort', onDeadline);
			if (error) reject(error);
			else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
		};
		body.on('data', (chunk: Buffer | string) => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += bytes.length;
			if (size > cap) {
				body.destroy();
				settle(tooLarge());
			} else chunks.push(bytes);
		});
		body.on('end', () => settle());
		body.on('error', settle);
		// Closed before its end (and not by the deadline): the connection broke mid-answer.
		body.on('close', () => {
			if (!settled)
				settle(Object.assign(new Error('The answer was cut off'), { code: 'ECONNRESET' }));
		});
		if (deadline.aborted) onDeadline();
		else deadline.addEventListener('abort', onDeadline, { once: true });
	});
}

/** A PDF stays bytes; anything else is parsed as JSON when it is JSON, else kept as text. */
function parseBody(bytes: Buffer, headers: XobinResponse['headers'], isPdf: boolean): unknown {
	if (isPdf && !/json|html/i.test(String(headers['content-type'] ?? ''))) return bytes;
	const text = bytes.toString('utf8');
	if (text.trim() === '') return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Why a 2xx answer does not count as success for this request, or undefined when it does. */
function judge(
	response: XobinResponse,
	request: XobinRequest,
): Pick<Failure, 'unreadable' | 'notSuccess'> | undefined {
	const { body } = response;
	const expect = request.expect ?? 'object';
	if (expect === 'pdf' && Buffer.isBuffer(body)) {
		return body.subarray(0, 5).toString('latin1') === '%PDF-'
			? undefined
			: { notSuccess: 'with bytes that are not a PDF file' };
	}
	if (body === null || typeof body !== 'object' || Buffer.isBuffer(body))
		return { unreadable: true };
	if (expect === 'list')
		return Array.isArray(body) ? undefined : { notSuccess: 'with something other than a list' };
	const record = body as Record<string, unknown>;
	if (
		record.success === false ||
		(record.error !== undefined && record.error !== null && record.error !== '')
	) {
		return { notSuccess: 'with an error instead of a result' };
	}
	if (expect === 'pdf') return { notSuccess: 'with JSON instead of the PDF file' };
	if (Array.isArray(body)) return { notSuccess: 'with a list where one record was expected' };
	// "a|b": either spelling will do (Xobin's docs misspell some keys).
	const missing = (request.requires ?? []).filter((keys) =>
		keys
			.split('|')
			.every((key) => record[key] === undefined || record[key] === null || record[key] === ''),
	);
	return missing.length > 0
		? { notSuccess: `without ${missing.join(' and ')}, which a successful answer carries` }
		: undefined;
}

function hostOf(url: unknown, base?: string): string {
	const text = Array.isArray(url) ? String(url[0]) : String(url ?? '');
	try {
		return new URL(text, base).host || 'an unknown address';
	} catch {
		return 'an unknown address';
	}
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
