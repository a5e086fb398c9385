/*
 * Type declarations for the mock Xobin API v2 server (server.js), so TypeScript jest specs can
 * `import { startMockXobin, MOCK_API_KEY } from '../test/mock-xobin/server'`.
 */

/** The API key the mock accepts by default. Obviously fake. */
export declare const MOCK_API_KEY: string;

export interface MockXobinOptions {
	/** Accepted value of the `apiKey` request header. Default: MOCK_API_KEY. */
	apiKey?: string;
	/** Invite quota; each successful invite uses one. At 0 the invite endpoint answers 403 limit_exceed. Default: Infinity. */
	invitesLeft?: number;
	/** Default: '127.0.0.1'. */
	host?: string;
	/** 0 (default) picks a random free port. */
	port?: number;
	/** Delay before every response (and before a dropped connection), in ms. Default: 0. */
	latencyMs?: number;
	/** Token-bucket rate limit answering 429 with Retry-After (whole seconds). Default: none. */
	rateLimit?: MockRateLimit | null;
	/** Known AI interviews, id -> name. Default: { 305, 211, 206, 138 } from Xobin's doc examples. */
	interviews?: Record<number | string, string>;
	/** Called after each request is answered (or dropped); the CLI uses it for its request log. */
	onResponse?: (entry: {
		method: string;
		path: string;
		status: number | 'dropped';
		ms: number;
	}) => void;
}

export interface MockRateLimit {
	/** Requests per second refilled into the bucket. */
	perSecond: number;
	/** Bucket size (requests allowed in a burst). Default: perSecond. */
	burst?: number;
}

export interface MockStats {
	/** Requests received (all endpoints, faulted and rejected ones included). */
	requests: number;
	/** Requests being handled right now, and the most at any one time since start/reset. */
	inFlight: number;
	maxInFlight: number;
	/** Requests answered 429 by the rate limit. */
	rateLimited: number;
	/** Successful invites. */
	invites: number;
	/** Distinct (AI interview, email) pairs invited, and how many of them were invited twice or more. */
	distinctCandidatesInvited: number;
	candidatesInvitedMoreThanOnce: number;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. '/api/v2/ai-interviews/invite'. */
	path: string;
	query: Record<string, string>;
	/** Header names lower-cased, e.g. headers.apikey. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body, or undefined when empty or not valid JSON. */
	body: unknown;
	rawBody: string;
	/** Date.now() when the request arrived. */
	receivedAt: number;
}

/** The 200 body of POST /ai-interviews/invite. */
export interface MockInviteResponse {
	email: string;
	ai_interview_id: number;
	ai_interview_name: string;
	response_id: number;
	invite_link: string;
	name: string;
	status: string;
	custom_field_id: string;
}

export interface MockFault {
	/** Only requests with this method (case-insensitive). Default: any. */
	method?: string;
	/** Only requests with this path (exact, without query) or matching this RegExp. Default: any. */
	path?: string | RegExp;
	/** Response status. Default 500 when body/rawBody is given without a status. */
	status?: number;
	/** Sent as JSON. With only `status`, the body is {"error": "<HTTP status text>"}. */
	body?: unknown;
	/** Sent verbatim (Content-Type defaults to application/json, so broken JSON is easy to fake). */
	rawBody?: string;
	contentType?: string;
	/** Extra response headers. On a delay-only fault they are added to the normal response. */
	headers?: Record<string, string>;
	/** Extra delay on top of the latency. A fault with no status/body/rawBody/drop just delays, then the request is handled normally. */
	delayMs?: number;
	/** Destroy the socket without any response. */
	drop?: boolean;
	/** Lets this many matching requests through untouched before the fault applies. Default: 0. */
	after?: number;
	/** How many matching requests the fault applies to. Default: 1. */
	times?: number;
}

export interface MockXobin {
	/** Base URL, e.g. 'http://127.0.0.1:54321/api/v2' (no trailing slash). */
	readonly url: string;
	readonly port: number;
	/** Every request received, including unauthorised and faulted ones. Cleared in place by reset(). */
	readonly requests: RecordedRequest[];
	/** The 200 bodies of successful invites, in order. */
	readonly invites: MockInviteResponse[];
	/** Candidate e-mails of successful `sendlink` invites (the ones Xobin would e-mail). */
	readonly emailsSent: string[];
	readonly invitesLeft: number;
	setInvitesLeft(n: number): void;
	setLatency(ms: number): void;
	/** Replaces the rate limit (null removes it); the bucket starts full. */
	setRateLimit(rateLimit: MockRateLimit | null): void;
	stats(): MockStats;
	/** Queues a fault, checked before auth and validation; the first matching queued fault wins. */
	queueFault(fault: MockFault): void;
	/** Clears requests, invites, emailsSent and faults; restores quota, latency and the response_id counter. */
	reset(): void;
	/** Closes the server, open sockets and pending delays. */
	close(): Promise<void>;
}

export declare function startMockXobin(options?: MockXobinOptions): Promise<MockXobin>;
