// When to try a request again, and how long to wait first. Only answers that prove Xobin did not
// act are retried (429 / 503, or a connection that never reached it); a request that may have
// reached Xobin is retried only when it is idempotent (a GET), so no candidate is invited twice.

import { sleep } from 'n8n-workflow';

import type { XobinAnswer, XobinContext, XobinRequest, XobinResponse } from './index';
import { sendXobinRequest } from './index';
import type { FailureContext } from './failures';
import { isJsonBody, toXobinError } from './failures';

export interface RetryPolicy {
	/** Off: every answer is final (the node's "Retry on Rate Limit" option). */
	enabled: boolean;
	/** The request can be repeated without side effects (GET), so lost answers are retried too. */
	idempotent: boolean;
}

/** Bounds that keep a run from waiting forever on a Xobin that keeps saying "later". */
export const MAX_ATTEMPTS = 6;
export const MAX_TOTAL_WAIT_MS = 120_000;
const MAX_SINGLE_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 20_000;

/** Statuses that mean "not processed, come back later". */
const BUSY_STATUSES = new Set([429, 503]);

/** Connection failures where the request never reached Xobin: safe to send again. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether the answer says Xobin is busy (rate limit or temporary unavailability). */
export function isBusy(answer: XobinAnswer): boolean {
	return 'response' in answer && BUSY_STATUSES.has(answer.response.statusCode);
}

/**
 * How long to wait before the next attempt, or undefined when the answer is final: not
 * retryable, retries off, attempts used up, or the wait would exceed the total budget.
 */
export function nextRetryWait(
	answer: XobinAnswer,
	attempt: number,
	waitedMs: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number | undefined {
	if (!policy.enabled || attempt >= MAX_ATTEMPTS) return undefined;
	let wait: number | undefined;
	if ('response' in answer) {
		if (!BUSY_STATUSES.has(answer.response.statusCode)) return undefined;
		wait = retryAfterMs(answer.response.headers['retry-after']);
	} else if (!NEVER_SENT.has(answer.failure.connectionCode) && !policy.idempotent) {
		return undefined;
	}
	// Exponential backoff with full jitter, so parallel requests do not come back in lockstep.
	wait ??= Math.round(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
	wait = Math.min(wait, MAX_SINGLE_WAIT_MS);
	return waitedMs + wait > MAX_TOTAL_WAIT_MS ? undefined : wait;
}

/** Reads Retry-After as seconds ("2", "1.5") or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends a request, waiting and retrying per the policy, and returns Xobin's final answer. Throws
 * a NodeApiError only when no answer came back; callers judge HTTP statuses themselves.
 */
export async function requestWithRetry(
	context: XobinContext,
	baseUrl: string,
	request: XobinRequest,
	failureContext: FailureContext,
	policy: RetryPolicy,
): Promise<XobinResponse> {
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		const answer = await sendXobinRequest(context, baseUrl, request);
		const wait = nextRetryWait(answer, attempt, waited, policy);
		if (wait === undefined) {
			if ('failure' in answer) {
				throw toXobinError(context.getNode(), answer.failure, { ...failureContext, attempts: attempt });
			}
			return answer.response;
		}
		waited += wait;
		await sleep(wait);
	}
}

/** Reads: side-effect free, so a lost answer may be asked for again. */
export const READ_POLICY: RetryPolicy = { enabled: true, idempotent: true };

/**
 * requestWithRetry for calls whose only good answer is a 2xx JSON document: returns that answer,
 * and throws the described NodeApiError (Xobin's words plus how to fix it) for anything else.
 */
export async function requestXobinJson(
	context: XobinContext,
	baseUrl: string,
	request: XobinRequest,
	failureContext: FailureContext,
	policy: RetryPolicy,
): Promise<XobinResponse> {
	const response = await requestWithRetry(context, baseUrl, request, failureContext, policy);
	if (response.statusCode >= 300 || !isJsonBody(response)) {
		throw toXobinError(context.getNode(), response, failureContext);
	}
	return response;
}
