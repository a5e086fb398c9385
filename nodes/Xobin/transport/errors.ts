// Turns what went wrong with a Xobin request into a NodeApiError that keeps Xobin's own words, says
// how to fix it, names the item, and says whether Xobin may have acted on the request. One table of
// known situations, read top down. Messages are clipped and every secret is redacted.

import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clip, redact } from './text';
import type { KnownRefusal, NotFound, XobinResponse } from './types';

/** What happened to one request, as far as the node can tell. */
export interface Failure {
	statusCode?: number;
	contentType?: string;
	/** Xobin's own words from the body (message, else error). */
	xobinMessage?: string;
	/** No HTTP answer: the network code (ECONNREFUSED, ECONNRESET, …) or DEADLINE. */
	connectionCode?: string;
	host?: string;
	/** A 3xx: the host it pointed to. */
	redirectHost?: string;
	/** The answer was larger than the node accepts, in MB. */
	tooLargeMb?: number;
	/** A 2xx that is not what the docs promise: what is wrong with it. */
	notSuccess?: string;
	/** The body is not JSON (or not the file asked for): a web page, text, nothing. */
	unreadable?: boolean;
	/**
	 * Xobin answered 429 for longer than the run's retry window, or a 429 / 503 (askedToWait: its
	 * status) asked for a longer break than the node waits.
	 */
	busyGaveUp?: { since: number; retryAt?: number; askedToWait?: number };
}

/** What the request knows that makes the message specific. */
interface FailureDetails {
	itemIndex?: number;
	notFound?: NotFound;
	refusals?: KnownRefusal[];
	lostAnswer?: string;
	attempts?: number;
	timeoutSeconds: number;
	secrets: string[];
}

/** A NodeApiError that also says whether Xobin may have acted on the request (an uncertain invite). */
export type XobinError = NodeApiError & { uncertain: boolean };

/** What a user is told: what happened, and how to fix it. */
interface Told {
	message: (f: Failure, d: FailureDetails) => string;
	fix: (f: Failure, d: FailureDetails) => string;
}

interface KnownSituation extends Told {
	matches: (f: Failure) => boolean;
}

/** Network codes that mean the request never left this machine. */
export const NEVER_SENT = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const TIMED_OUT = new Set(['DEADLINE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

export const READ_ONLY_LOST_ANSWER =
	"This request changes nothing in Xobin, so it is safe to run the item again (or turn on 'Retry On Fail' in the node settings).";

const MAY_HAVE_ACTED = 'Xobin may have acted on it: check in Xobin before running this item again.';

const CREDENTIAL_FIX =
	"Open the Xobin API credential and paste the API key Xobin support issued for your account (keys are case-sensitive; check for spaces at either end). Use the credential's 'Test' button to confirm it works.";

const BASE_URL_FIX =
	'Check the Base URL in the Xobin API credential: it should be https://app.xobin.com/api/v2.';

const said = (f: Failure) => (f.xobinMessage ? `: ${f.xobinMessage}` : '');

const clock = (instant: number) => `${new Date(instant).toISOString().slice(11, 19)} UTC`;

const KNOWN_SITUATIONS: KnownSituation[] = [
	{
		matches: (f) => f.busyGaveUp?.askedToWait !== undefined,
		message: (f) =>
			`Xobin asked for no more requests until ${clock(f.busyGaveUp?.retryAt as number)} (HTTP ${f.busyGaveUp?.askedToWait})`,
		fix: (f) =>
			`That is a longer break than the node waits (60 seconds at a time), so it stopped asking for this run. Run the items that were not invited again after ${clock(f.busyGaveUp?.retryAt as number)}.`,
	},
	{
		matches: (f) => f.busyGaveUp !== undefined,
		message: () => 'Xobin kept answering "too many requests" (HTTP 429) for 2 minutes',
		fix: (f) => {
			const { since, retryAt } = f.busyGaveUp as NonNullable<Failure['busyGaveUp']>;
			const when = retryAt ? `after ${clock(retryAt)}, as Xobin asked` : 'in a few minutes';
			return `No request got through since ${clock(since)}, so the node stopped asking and did not send this one. Run these items again ${when}, or run fewer at once.`;
		},
	},
	{
		matches: (f) => f.connectionCode !== undefined && NEVER_SENT.has(f.connectionCode),
		message: (f) => `Could not reach Xobin at ${f.host ?? 'the Base URL'}`,
		fix: (f) =>
			`The connection could not be made (${f.connectionCode}), so nothing was sent. ${BASE_URL_FIX} Also check that this n8n instance can reach the internet.`,
	},
	{
		matches: (f) => f.connectionCode !== undefined && TIMED_OUT.has(f.connectionCode),
		message: (_f, d) => `Xobin did not answer within ${d.timeoutSeconds} seconds`,
		fix: () =>
			"The node stopped waiting. Raise 'Timeout (Seconds)' in the Xobin API credential if Xobin is often this slow.",
	},
	{
		matches: (f) => f.connectionCode !== undefined,
		message: () => 'The connection to Xobin broke before it answered',
		fix: (f) => `The connection was closed unexpectedly (${f.connectionCode}).`,
	},
	{
		matches: (f) => f.redirectHost !== undefined,
		message: (f) =>
			`The Base URL redirected the request to ${f.redirectHost} (HTTP ${f.statusCode})`,
		fix: () =>
			`The node never follows redirects, so the API key and the data did not go there, and Xobin did not act on this request. The Base URL is probably wrong. ${BASE_URL_FIX}`,
	},
	{
		matches: (f) => f.tooLargeMb !== undefined,
		message: (f) =>
			`Xobin's answer is larger than the ${f.tooLargeMb} MB the node accepts (HTTP ${f.statusCode})`,
		fix: () => `The node stopped reading it to protect n8n's memory. ${BASE_URL_FIX}`,
	},
	{
		matches: (f) => f.notSuccess !== undefined,
		message: (f) => `Xobin's answer does not confirm the request (HTTP ${f.statusCode})${said(f)}`,
		fix: (f) => `Xobin answered ${f.notSuccess}.`,
	},
	{
		matches: (f) => f.statusCode === 401 || /invalid api key/i.test(f.xobinMessage ?? ''),
		message: (f) => `Xobin rejected the API key${said(f)}`,
		fix: () => CREDENTIAL_FIX,
	},
	{
		matches: (f) => f.statusCode === 403,
		message: (f) => `Xobin refused the request${said(f)}`,
		fix: () =>
			"The API key is valid but not allowed to do this. Your Xobin plan may not include this feature, or the item belongs to another account. Ask Xobin support to check the key's permissions.",
	},
	{
		matches: (f) => f.statusCode === 404,
		message: (f, d) => `Xobin could not find ${d.notFound?.what ?? 'what was asked for'}${said(f)}`,
		fix: (_f, d) =>
			d.notFound?.fix ??
			`Check the ID. If every item stops this way, check the Base URL. ${BASE_URL_FIX}`,
	},
	{
		matches: (f) => f.statusCode === 409,
		message: (f) =>
			`Xobin refused the request: it clashes with the current state (HTTP 409)${said(f)}`,
		fix: () =>
			'Xobin did not act on this request. Check the record in Xobin, then run the item again if it is still needed.',
	},
	{
		matches: (f) => f.statusCode === 400 || f.statusCode === 422,
		message: (f) => `Xobin rejected the request${said(f)}`,
		fix: () =>
			'Xobin did not accept one of the values sent. Fix the field its message names, in the node or in the input data, then run the item again.',
	},
	{
		matches: (f) => f.statusCode === 429,
		message: (f) => `Xobin is limiting how fast requests can be sent${said(f)}`,
		fix: () =>
			'Too many requests reached Xobin in a short time, and the node did not wait to try again. Run fewer items at once, or run them again in a minute.',
	},
	{
		matches: (f) => f.statusCode !== undefined && f.statusCode >= 500,
		message: (f) => `Xobin could not complete the request (HTTP ${f.statusCode})${said(f)}`,
		fix: () => "This is on Xobin's side. If it keeps happening, contact Xobin support.",
	},
	{
		matches: (f) => f.unreadable === true,
		message: (f) =>
			`Xobin sent an answer the node cannot read (HTTP ${f.statusCode}, ${f.contentType || 'no content type'})`,
		fix: () =>
			`Xobin answers with JSON. This usually means the Base URL points at a web page instead of the API. ${BASE_URL_FIX}`,
	},
	{
		matches: () => true,
		message: (f) => `Xobin answered with HTTP ${f.statusCode}${said(f)}`,
		fix: () =>
			'This answer is not one the node expects. If it keeps happening, contact Xobin support with the message above.',
	},
];

/**
 * Whether Xobin may have acted on the request: an answer lost after sending, a server error, or a
 * 2xx that does not confirm. A refusal (3xx, 4xx, 429, 503) or a connection never made is certain.
 */
function mayHaveActed(f: Failure): boolean {
	if (f.busyGaveUp) return false;
	if (f.connectionCode !== undefined) return !NEVER_SENT.has(f.connectionCode);
	const status = f.statusCode ?? 0;
	return status < 300 || (status >= 500 && status !== 503);
}

/** Xobin's own words from an error body: `message`, else `error` (string or {message}). */
export function readXobinMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (typeof message === 'string' && message.trim() !== '') return clip(message.trim(), 300);
	if (typeof error === 'string' && error.trim() !== '') return clip(error.trim(), 300);
	if (error && typeof error === 'object') return readXobinMessage(error);
	return undefined;
}

/** The failure an HTTP answer describes. */
export function describeResponse(response: XobinResponse): Failure {
	const { body } = response;
	return {
		statusCode: response.statusCode,
		contentType: String(response.headers['content-type'] ?? '')
			.split(';')[0]
			.trim(),
		xobinMessage: readXobinMessage(body),
		unreadable: body === null || typeof body !== 'object' || Buffer.isBuffer(body),
	};
}

/** The request's own reading of an answer that means Xobin did not act, if one matches. */
function refusalFor(f: Failure, refusals: KnownRefusal[] = []): Told | undefined {
	if (f.statusCode === undefined || f.connectionCode !== undefined || f.busyGaveUp)
		return undefined;
	const refusal = refusals.find(
		(entry) =>
			(entry.status !== undefined || entry.said !== undefined) &&
			(entry.status === undefined || entry.status === f.statusCode) &&
			(entry.said === undefined || entry.said.test(f.xobinMessage ?? '')),
	);
	return refusal && { message: () => `${refusal.message}${said(f)}`, fix: () => refusal.fix };
}

export function toXobinError(node: INode, failure: Failure, details: FailureDetails): XobinError {
	const refusal = refusalFor(failure, details.refusals);
	const known: Told =
		refusal ?? (KNOWN_SITUATIONS.find((entry) => entry.matches(failure)) as KnownSituation);
	const uncertain = refusal ? false : mayHaveActed(failure);
	const consequence = uncertain ? ` ${details.lostAnswer ?? MAY_HAVE_ACTED}` : '';
	const retried =
		details.attempts !== undefined && details.attempts > 1
			? ` The node sent the request ${details.attempts} times, waiting between tries, before giving up.`
			: '';
	const item = details.itemIndex === undefined ? '' : ` [item ${details.itemIndex}]`;
	const tidy = (text: string) => clip(redact(text, details.secrets), 1000);
	const errorResponse: JsonObject = {
		httpCode: failure.statusCode ?? null,
		xobinMessage: failure.xobinMessage ? tidy(failure.xobinMessage) : null,
		connectionCode: failure.connectionCode ?? null,
		uncertain,
	};
	const error = new NodeApiError(node, errorResponse, {
		message: tidy(known.message(failure, details)) + item,
		description: tidy(known.fix(failure, details) + consequence + retried),
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: details.itemIndex,
	});
	return Object.assign(error, { uncertain });
}

/**
 * The same error told about another item: one bulk request serves many candidates, and each error
 * item must name its own item (and may say more about its own candidate). Keeps the HTTP details
 * and whether Xobin may have acted.
 */
export function forItem(
	node: INode,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	description = error.description ?? undefined,
): NodeApiError | NodeOperationError {
	const message = `${error.message.replace(/ \[item \d+\]$/, '')} [item ${itemIndex}]`;
	if (!(error instanceof NodeApiError))
		return new NodeOperationError(node, message, { itemIndex, description });
	const copy = new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
		message,
		description,
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
	return Object.assign(copy, { uncertain: (error as Partial<XobinError>).uncertain === true });
}
