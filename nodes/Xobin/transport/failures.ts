// Turns a failed Xobin answer (or no answer at all) into a NodeApiError whose message keeps Xobin's
// own words and whose description says how to fix it. One table of known failures, read top down.

import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { REQUEST_TIMEOUT_MS } from '../helpers/constants';
import type { ConnectionFailure, XobinResponse } from './index';

/** What the operation knows that makes a message specific ("AI interview 305"). */
export interface FailureContext {
	/** The input item; left out for calls that serve no item (the trigger's webhook registration). */
	itemIndex?: number;
	/** Names the thing a 404 could not find, e.g. "AI interview 305". */
	notFound?: string;
	/** How to find the right id when a 404 comes back. */
	notFoundFix?: string;
	/** How many times the request was sent, when the node retried it. */
	attempts?: number;
	/**
	 * What a timeout or broken connection means for this request and what to do about it. Default:
	 * the invite may exist. READ_ONLY_LOST_ANSWER suits requests that change nothing in Xobin.
	 */
	lostAnswer?: string;
}

/** How a 404 about an AI interview reads: which interview, and where to find the right number. */
export function aiInterviewNotFound(aiInterviewId: unknown): Pick<FailureContext, 'notFound' | 'notFoundFix'> {
	return {
		notFound: `AI interview ${String(aiInterviewId)}`,
		notFoundFix:
			'Check the AI Interview ID: open the interview in Xobin\'s AI Interviews dashboard and copy its number. The API key must belong to the account that owns the interview.',
	};
}

interface Failure {
	statusCode?: number;
	xobinMessage?: string;
	nonJson: boolean;
	contentType: string;
	connectionCode?: string;
	host?: string;
}

interface KnownFailure {
	matches: (failure: Failure) => boolean;
	message: (failure: Failure, context: FailureContext) => string;
	description: (failure: Failure, context: FailureContext) => string;
}

const CREDENTIAL_FIX =
	'Open the Xobin API credential and paste the API key Xobin support issued for your account (keys are case-sensitive; check for spaces at either end). Use the credential\'s "Test" button to confirm it works.';

/** How Xobin may word "the candidate has not finished yet" on report, share and PDF calls. */
export const NOT_COMPLETED_PATTERN =
	/\bnot\s+(yet\s+)?(been\s+)?(complete|completed|finished|submitted|evaluated|ready)\b|\bin\s+progress\b|\bstill\s+being\s+evaluated\b/i;

const MAY_HAVE_INVITED =
	'Xobin may have received it, so the candidate may or may not be invited: look the candidate up in Xobin (or by Custom Field ID) before running this item again.';

export const READ_ONLY_LOST_ANSWER =
	'This request changes nothing in Xobin, so it is safe to run the item again (or turn on "Retry On Fail" in the node settings).';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

const KNOWN_FAILURES: KnownFailure[] = [
	{
		matches: (f) => f.connectionCode !== undefined && UNREACHABLE.has(f.connectionCode),
		message: (f) => `Could not reach Xobin at ${f.host}`,
		description: (f) =>
			`The connection failed (${f.connectionCode}). Check the Base URL in the Xobin API credential (normally https://app.xobin.com/api/v2) and that this n8n instance can reach the internet. Nothing was sent to Xobin.`,
	},
	{
		matches: (f) => f.connectionCode !== undefined && TIMED_OUT.has(f.connectionCode),
		message: () => `Xobin did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds`,
		description: (f, c) =>
			`The request timed out (${f.connectionCode}). ${c.lostAnswer ?? MAY_HAVE_INVITED}`,
	},
	{
		matches: (f) => f.connectionCode !== undefined,
		message: () => 'The connection to Xobin broke before it answered',
		description: (f, c) =>
			`The connection was closed unexpectedly (${f.connectionCode}). ${c.lostAnswer ?? MAY_HAVE_INVITED}`,
	},
	{
		matches: (f) => f.statusCode === 401 || /invalid api key/i.test(f.xobinMessage ?? ''),
		message: (f) => `Xobin rejected the API key${said(f)}`,
		description: () => CREDENTIAL_FIX,
	},
	{
		matches: (f) => f.statusCode === 403,
		message: (f) => `Xobin refused the request${said(f)}`,
		description: () =>
			'The API key is valid but not allowed to do this. Your Xobin plan may not include this feature, or the item belongs to another account. Ask Xobin support to check the key\'s permissions.',
	},
	{
		matches: (f) =>
			f.statusCode !== undefined &&
			f.statusCode >= 400 &&
			f.statusCode < 500 &&
			NOT_COMPLETED_PATTERN.test(f.xobinMessage ?? ''),
		message: (f) => `The candidate has not finished this AI interview yet${said(f)}`,
		description: () =>
			'Xobin has a report, a share link and a PDF only once the candidate has completed the interview and the evaluation is done. Check the status with "Get Report" (it returns the status instead of failing), or start this workflow from the Xobin Trigger\'s "AI Interview Completed" event.',
	},
	{
		matches: (f) => f.statusCode === 404,
		message: (f, c) => `Xobin could not find ${c.notFound ?? 'what was asked for'}${said(f)}`,
		description: (_f, c) =>
			c.notFoundFix ??
			'Check the ID. If every item fails this way, check the Base URL in the Xobin API credential (normally https://app.xobin.com/api/v2).',
	},
	{
		matches: (f) => f.statusCode === 400 || f.statusCode === 422,
		message: (f) => `Xobin rejected the request${said(f)}`,
		description: () =>
			'Xobin did not accept one of the values sent. Fix the field its message names, in the node or in the input data, then run the item again.',
	},
	{
		matches: (f) => f.statusCode === 429,
		message: (f) => `Xobin is limiting how fast requests can be sent${said(f)}`,
		description: () =>
			'Too many requests reached Xobin in a short time. Run fewer items at once, or turn on "Retry On Fail" in the node settings with a wait of a few seconds between tries.',
	},
	{
		matches: (f) => f.statusCode !== undefined && f.statusCode >= 500,
		message: (f) => `Xobin had a problem answering (HTTP ${f.statusCode})${said(f)}`,
		description: () =>
			'The problem is on Xobin\'s side. Try again in a few minutes, or turn on "Retry On Fail" in the node settings. If it keeps happening, contact Xobin support.',
	},
	{
		matches: (f) => f.nonJson,
		message: (f) =>
			`Xobin sent an answer the node cannot read (HTTP ${f.statusCode}, ${f.contentType || 'no content type'})`,
		description: () =>
			'Xobin normally answers with JSON. This usually means the Base URL in the Xobin API credential points at a web page instead of the API: it should be https://app.xobin.com/api/v2.',
	},
	{
		matches: () => true,
		message: (f) => `Xobin answered with HTTP ${f.statusCode}${said(f)}`,
		description: () => 'This answer is not one the node expects. If it keeps happening, contact Xobin support with the message above.',
	},
];

/** Xobin's own words from an error body: `message`, else `error` (string or {message}). */
export function readXobinMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (typeof message === 'string' && message.trim() !== '') return message.trim();
	if (typeof error === 'string' && error.trim() !== '') return error.trim();
	if (error && typeof error === 'object') return readXobinMessage(error);
	return undefined;
}

/** Whether an answer is a JSON document (object or array) as Xobin's API sends. */
export function isJsonBody(response: XobinResponse): boolean {
	return response.body !== null && typeof response.body === 'object';
}

export function toXobinError(
	node: INode,
	problem: XobinResponse | ConnectionFailure,
	context: FailureContext,
): NodeApiError {
	const failure = describe(problem);
	const known = KNOWN_FAILURES.find((entry) => entry.matches(failure)) as KnownFailure;
	const errorResponse: JsonObject = {
		httpCode: failure.statusCode ?? null,
		xobinMessage: failure.xobinMessage ?? null,
		connectionCode: failure.connectionCode ?? null,
	};
	const retried =
		context.attempts !== undefined && context.attempts > 1
			? ` The node sent the request ${context.attempts} times, waiting between tries, before giving up.`
			: '';
	const item = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	return new NodeApiError(node, errorResponse, {
		message: `${known.message(failure, context)}${item}`,
		description: known.description(failure, context) + retried,
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: context.itemIndex,
	});
}

function describe(problem: XobinResponse | ConnectionFailure): Failure {
	if ('connectionCode' in problem) {
		return {
			nonJson: false,
			contentType: '',
			connectionCode: problem.connectionCode,
			host: hostOf(problem.baseUrl),
		};
	}
	const contentType = String(problem.headers['content-type'] ?? '').split(';')[0];
	return {
		statusCode: problem.statusCode,
		xobinMessage: readXobinMessage(problem.body),
		nonJson: !isJsonBody(problem),
		contentType,
	};
}

function said(failure: Failure): string {
	return failure.xobinMessage ? `: ${failure.xobinMessage}` : '';
}

function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return baseUrl;
	}
}
