/*
 * Mock Xobin API v2 server for the n8n-nodes-xobin tests and demo.
 *
 * A loopback HTTP server that imitates the parts of https://app.xobin.com/api/v2 the node uses
 * (AI-interview invite, account-wide track stats as the credential test), with knobs that let a
 * test provoke every failure the real API may produce: quota exhaustion, bad keys, latency,
 * arbitrary status codes, non-JSON bodies and dropped connections.
 *
 * CommonJS and Node built-ins only, so it runs without a build step and without npm packages.
 * Usage as a module: const { startMockXobin, MOCK_API_KEY } = require('./server');
 * Usage by hand:     node test/mock-xobin/server.js [--port 4010] [--invites N] [--latency MS] [--rate PER_SECOND]
 */
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { URL } = require('node:url');

/** Deliberately fake-looking so nobody mistakes it for a real credential. */
const MOCK_API_KEY = 'mock-xobin-key-for-tests';

/** Every endpoint lives under this prefix, like the real base URL https://app.xobin.com/api/v2. */
const API_PREFIX = '/api/v2';

/** The documented example report uses response_id 7421, so new invites count up from there. */
const FIRST_RESPONSE_ID = 7421;

/** AI interview ids and names taken from the examples in Xobin's docs. */
const DEFAULT_INTERVIEWS = Object.freeze({
	305: 'Senior Data Engineer',
	211: 'Customer Success Associate',
	206: 'Receptionist',
	138: 'Backend Engineer',
});

/** Invite date format from the docs: "YYYY-MM-DD HH:MM" (GMT for AI interviews). */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** Intentionally loose: the mock only needs to catch values that are clearly not e-mail addresses. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/* ------------------------------------------------------------------------------------------------
 * Small helpers
 * --------------------------------------------------------------------------------------------- */

/** A handler result for a JSON error in the `{"error": "..."}` shape most Xobin pages use. */
function jsonError(status, message) {
	return { status, body: { error: message } };
}

function isNonEmptyString(value) {
	return typeof value === 'string' && value.trim() !== '';
}

/** Parses "YYYY-MM-DD HH:MM" as GMT; returns ms since epoch, or null when malformed or not a real date. */
function parseInviteDate(value) {
	if (typeof value !== 'string') return null;
	const match = DATE_PATTERN.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute);
	const date = new Date(ms);
	// Date.UTC silently rolls over (2025-02-30 becomes March 2nd); the round-trip check rejects that.
	const sameDate =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute;
	return sameDate ? ms : null;
}

/** Turns '/ai-interviews/invited/:id' into a RegExp with named groups, so later routes can take ids. */
function compileRoutePath(relativePath) {
	const pattern = (API_PREFIX + relativePath)
		.split('/')
		.map((segment) =>
			segment.startsWith(':')
				? `(?<${segment.slice(1)}>[^/]+)`
				: segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('/');
	return new RegExp(`^${pattern}$`);
}

/* ------------------------------------------------------------------------------------------------
 * Route handlers: (ctx) => ({ status, body?, rawBody?, contentType?, headers? })
 * ctx = { request, params, state }. Handlers run only after the API key has been checked.
 * --------------------------------------------------------------------------------------------- */

/**
 * Field checks for POST /ai-interviews/invite, in the order the real client's mistakes should be
 * reported. Each returns an error message, or undefined when the field is fine.
 */
const INVITE_FIELD_CHECKS = [
	(b) =>
		isNonEmptyString(b.candidate_name)
			? undefined
			: 'candidate_name is required and must be a non-empty string',
	(b) =>
		typeof b.candidate_email === 'string' && EMAIL_PATTERN.test(b.candidate_email.trim())
			? undefined
			: 'candidate_email is required and must be a valid email address',
	// Strings such as "305" are rejected on purpose: the docs type the id as an integer and the
	// node must send a JSON number, so the mock should catch a client that forgets to convert it.
	(b) =>
		typeof b.ai_interview_id === 'number' && Number.isInteger(b.ai_interview_id)
			? undefined
			: 'ai_interview_id is required and must be an integer',
	(b) =>
		b.invite_format === 'getlink' || b.invite_format === 'sendlink'
			? undefined
			: 'invite_format must be either "getlink" or "sendlink"',
	(b) =>
		b.start_date === undefined || parseInviteDate(b.start_date) !== null
			? undefined
			: 'start_date must be a valid date in the format "YYYY-MM-DD HH:MM" (GMT)',
	(b) =>
		b.expiry_date === undefined || parseInviteDate(b.expiry_date) !== null
			? undefined
			: 'expiry_date must be a valid date in the format "YYYY-MM-DD HH:MM" (GMT)',
	(b) =>
		b.start_date === undefined ||
		b.expiry_date === undefined ||
		parseInviteDate(b.expiry_date) > parseInviteDate(b.start_date)
			? undefined
			: 'expiry_date must be after start_date',
	(b) =>
		b.custom_field_id === undefined || typeof b.custom_field_id === 'string'
			? undefined
			: 'custom_field_id must be a string',
];

/** POST /ai-interviews/invite (fact sheet A3.1). */
function handleAiInterviewInvite(ctx) {
	const { request, state } = ctx;
	if (request.bodyError) return jsonError(400, 'Request body must be valid JSON');
	const body = request.body;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return jsonError(400, 'Request body must be a JSON object');
	}

	for (const check of INVITE_FIELD_CHECKS) {
		const message = check(body);
		if (message) return jsonError(400, message);
	}

	// Unknown keys are ignored, as a lenient real API would do.
	const interviewName = state.interviews[String(body.ai_interview_id)];
	if (interviewName === undefined) return jsonError(404, 'AI interview not found');

	// The only error body Xobin documents for this endpoint; it must match byte-for-byte.
	if (state.invitesLeft <= 0) {
		return {
			status: 403,
			body: { message: 'Invites Exhausted. Please contact support.', error: 'limit_exceed' },
		};
	}

	state.invitesLeft -= 1;
	const invite = {
		email: body.candidate_email,
		ai_interview_id: body.ai_interview_id,
		ai_interview_name: interviewName,
		response_id: state.nextResponseId++,
		invite_link: `https://yourdomain.xobin.com/interviews/ai/invite/${crypto.randomBytes(18).toString('base64url')}`,
		name: body.candidate_name,
		// The docs never show the value; "Pending" is the state the invited-list endpoint reports for new invites.
		status: 'Pending',
		custom_field_id: body.custom_field_id === undefined ? '' : body.custom_field_id,
	};
	state.invites.push({ ...invite });
	// "sendlink" means Xobin e-mails the candidate; tests can check that here rather than in the response.
	if (body.invite_format === 'sendlink') state.emailsSent.push(body.candidate_email);
	return { status: 200, body: invite };
}

/** GET /tracks/stats (fact sheet A6): cheap, read-only, so the credential test uses it. */
function handleTracksStats() {
	return {
		status: 200,
		body: {
			totals: {
				tracks: 2,
				active_tracks: 1,
				inactive_tracks: 1,
				applicants: 10,
				in_pipeline: 6,
				hired: 2,
				rejected: 2,
				by_status: {},
			},
			applicants_by_stage_type: {},
			top_tracks_by_applicants: [],
			recently_updated_tracks: [],
			filters_applied: {},
		},
	};
}

/**
 * The route table. Paths are relative to /api/v2 and may contain ':name' segments (exposed as
 * ctx.params.name). Add endpoints here: reports, invited list, share links, rate limiting, ...
 */
const ROUTES = [
	{ path: '/ai-interviews/invite', methods: { POST: handleAiInterviewInvite } },
	{ path: '/tracks/stats', methods: { GET: handleTracksStats } },
].map((route) => ({ ...route, pattern: compileRoutePath(route.path) }));

/** Finds the route for a path; returns { route, params } or undefined. */
function matchRoute(pathname) {
	for (const route of ROUTES) {
		const match = route.pattern.exec(pathname);
		if (match) return { route, params: { ...match.groups } };
	}
	return undefined;
}

/* ------------------------------------------------------------------------------------------------
 * Faults
 * --------------------------------------------------------------------------------------------- */

function faultMatches(fault, request) {
	if (fault.method && fault.method.toUpperCase() !== request.method) return false;
	if (fault.path instanceof RegExp) return fault.path.test(request.path);
	if (typeof fault.path === 'string') return fault.path === request.path;
	return true;
}

/** A fault that only sets delayMs (and optionally headers/contentType) lets the request through. */
function faultReplaces(fault) {
	return (
		fault.drop === true ||
		fault.status !== undefined ||
		fault.body !== undefined ||
		fault.rawBody !== undefined
	);
}

/**
 * Removes and returns the first queued fault matching the request, honouring `times`. A fault
 * with `after: n` lets n matching requests through first ("fail the 4th invite").
 */
function takeFault(faults, request) {
	const index = faults.findIndex((fault) => faultMatches(fault, request));
	if (index === -1) return undefined;
	const fault = faults[index];
	if (fault.after > 0) {
		fault.after -= 1;
		return undefined;
	}
	fault.remaining -= 1;
	if (fault.remaining <= 0) faults.splice(index, 1);
	return fault;
}

/** The response a replacing fault sends; a bare status gets a small JSON body naming it. */
function faultResponse(fault) {
	const status = fault.status === undefined ? 500 : fault.status;
	const response = { status, headers: fault.headers, contentType: fault.contentType };
	if (fault.rawBody !== undefined) response.rawBody = fault.rawBody;
	else if (fault.body !== undefined) response.body = fault.body;
	else response.body = { error: http.STATUS_CODES[status] || `HTTP ${status}` };
	return response;
}

/* ------------------------------------------------------------------------------------------------
 * HTTP plumbing
 * --------------------------------------------------------------------------------------------- */

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Builds the record stored in mock.requests, plus bodyError for handlers (not stored). */
async function recordRequest(req, receivedAt) {
	const url = new URL(req.url, 'http://mock.invalid');
	const rawBody = await readBody(req);
	let body;
	let bodyError = false;
	if (rawBody !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			bodyError = true;
		}
	} else {
		bodyError = true; // an empty body is not valid JSON either
	}
	const record = {
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers }, // Node already lower-cases header names
		body,
		rawBody,
		receivedAt,
	};
	return { record, bodyError };
}

/** Writes a handler or fault result. JSON unless rawBody is given; a 204/304 has no body. */
function sendResponse(res, result) {
	const status = result.status;
	let payload = '';
	let contentType = result.contentType;
	if (status !== 204 && status !== 304) {
		if (result.rawBody !== undefined) {
			payload = String(result.rawBody);
			contentType = contentType || 'application/json';
		} else if (result.body !== undefined) {
			payload = JSON.stringify(result.body);
			contentType = contentType || 'application/json';
		}
	}
	const headers = { ...(result.headers || {}) };
	if (contentType) headers['Content-Type'] = contentType;
	headers['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(status, headers);
	res.end(payload);
}

/* ------------------------------------------------------------------------------------------------
 * The server
 * --------------------------------------------------------------------------------------------- */

/* ------------------------------------------------------------------------------------------------
 * Rate limit: a token bucket, like most API gateways. Xobin's real numbers are not documented
 * (fact sheet B1); tests and benchmarks pick their own.
 * --------------------------------------------------------------------------------------------- */

/** rateLimit = { perSecond, burst? } (burst defaults to one second's worth); null = unlimited. */
function makeBucket(rateLimit) {
	if (!rateLimit || !(rateLimit.perSecond > 0)) return null;
	const burst = rateLimit.burst > 0 ? rateLimit.burst : rateLimit.perSecond;
	return { perSecond: rateLimit.perSecond, burst, tokens: burst, last: Date.now() };
}

/** Takes a token; returns undefined when allowed, else the whole seconds until one is available. */
function takeToken(bucket, now) {
	if (!bucket) return undefined;
	bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.last) / 1000) * bucket.perSecond);
	bucket.last = now;
	if (bucket.tokens >= 1) {
		bucket.tokens -= 1;
		return undefined;
	}
	return Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.perSecond));
}

/**
 * Starts the mock. Resolves once it listens. See server.d.ts for the full option and handle types.
 */
async function startMockXobin(options = {}) {
	const start = {
		apiKey: options.apiKey === undefined ? MOCK_API_KEY : options.apiKey,
		invitesLeft: options.invitesLeft === undefined ? Infinity : options.invitesLeft,
		host: options.host || '127.0.0.1',
		port: options.port || 0,
		latencyMs: options.latencyMs || 0,
		rateLimit: options.rateLimit || null,
		interviews: { ...(options.interviews || DEFAULT_INTERVIEWS) },
		onResponse: options.onResponse,
	};

	// Arrays are cleared in place by reset() so references a test already holds stay live.
	const state = {
		invitesLeft: start.invitesLeft,
		latencyMs: start.latencyMs,
		nextResponseId: FIRST_RESPONSE_ID,
		interviews: start.interviews,
		requests: [],
		invites: [],
		emailsSent: [],
		faults: [],
		bucket: makeBucket(start.rateLimit),
		inFlight: 0,
		maxInFlight: 0,
		rateLimited: 0,
	};

	// Tracked so close() can end keep-alive connections and pending delays at once (jest must not hang).
	const sockets = new Set();
	const timers = new Set();
	let closed = false;

	function sleep(ms) {
		if (!(ms > 0)) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	}

	function report(request, status, startedAt) {
		if (start.onResponse) {
			start.onResponse({
				method: request.method,
				path: request.path,
				status,
				ms: Date.now() - startedAt,
			});
		}
	}

	/** Auth, then routing; mirrors the order a real API checks things in. */
	async function route(request, bodyError) {
		// Header names are case-insensitive; Node exposes them lower-cased.
		if (request.headers.apikey !== start.apiKey) return jsonError(401, 'Invalid API key');
		const found = matchRoute(request.path);
		if (!found) return jsonError(404, 'Not found');
		const handler = found.route.methods[request.method];
		if (!handler) {
			const result = jsonError(405, 'Method not allowed');
			result.headers = { Allow: Object.keys(found.route.methods).join(', ') };
			return result;
		}
		return handler({ request: { ...request, bodyError }, params: found.params, state });
	}

	async function handle(req, res) {
		state.inFlight += 1;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		try {
			await answer(req, res);
		} finally {
			state.inFlight -= 1;
		}
	}

	async function answer(req, res) {
		const receivedAt = Date.now();
		const { record, bodyError } = await recordRequest(req, receivedAt);
		state.requests.push(record);

		await sleep(state.latencyMs);
		// Faults come before auth and validation so a test can simulate any upstream behaviour.
		const fault = takeFault(state.faults, record);
		if (fault) await sleep(fault.delayMs);
		if (closed) return;

		if (fault && fault.drop) {
			req.socket.destroy();
			report(record, 'dropped', receivedAt);
			return;
		}

		let result;
		const retryAfter = fault ? undefined : takeToken(state.bucket, Date.now());
		if (fault && faultReplaces(fault)) {
			result = faultResponse(fault);
		} else if (retryAfter !== undefined) {
			state.rateLimited += 1;
			result = jsonError(429, 'Too many requests');
			result.headers = { 'Retry-After': String(retryAfter) };
		} else {
			try {
				result = await route(record, bodyError);
			} catch (error) {
				result = jsonError(500, `Mock server error: ${error && error.message}`);
			}
			// A pass-through fault may still add headers (e.g. rate-limit headers on a normal answer).
			if (fault && (fault.headers || fault.contentType)) {
				result = {
					...result,
					headers: { ...(result.headers || {}), ...(fault.headers || {}) },
					contentType: fault.contentType || result.contentType,
				};
			}
		}
		sendResponse(res, result);
		report(record, result.status, receivedAt);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => {
			// Usually the client went away mid-request; answer if the socket is still usable.
			if (!res.headersSent && !res.destroyed)
				sendResponse(res, jsonError(500, 'Mock server error'));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(start.port, start.host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const port = server.address().port;
	const urlHost = start.host.includes(':') ? `[${start.host}]` : start.host;

	return {
		url: `http://${urlHost}:${port}${API_PREFIX}`,
		port,
		requests: state.requests,
		invites: state.invites,
		emailsSent: state.emailsSent,
		get invitesLeft() {
			return state.invitesLeft;
		},
		setInvitesLeft(n) {
			state.invitesLeft = n;
		},
		setLatency(ms) {
			state.latencyMs = ms;
		},
		setRateLimit(rateLimit) {
			state.bucket = makeBucket(rateLimit);
		},
		stats() {
			const perCandidate = new Map();
			for (const invite of state.invites) {
				const key = `${invite.ai_interview_id}|${String(invite.email).toLowerCase()}`;
				perCandidate.set(key, (perCandidate.get(key) || 0) + 1);
			}
			return {
				requests: state.requests.length,
				inFlight: state.inFlight,
				maxInFlight: state.maxInFlight,
				rateLimited: state.rateLimited,
				invites: state.invites.length,
				distinctCandidatesInvited: perCandidate.size,
				candidatesInvitedMoreThanOnce: [...perCandidate.values()].filter((n) => n > 1).length,
			};
		},
		queueFault(fault) {
			state.faults.push({ ...fault, remaining: fault.times === undefined ? 1 : fault.times });
		},
		reset() {
			state.requests.length = 0;
			state.invites.length = 0;
			state.emailsSent.length = 0;
			state.faults.length = 0;
			state.invitesLeft = start.invitesLeft;
			state.latencyMs = start.latencyMs;
			state.bucket = makeBucket(start.rateLimit);
			state.maxInFlight = state.inFlight;
			state.rateLimited = 0;
			state.nextResponseId = FIRST_RESPONSE_ID;
		},
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

/* ------------------------------------------------------------------------------------------------
 * CLI: node test/mock-xobin/server.js [--port 4010] [--invites N] [--latency MS] [--rate PER_SECOND]
 * --------------------------------------------------------------------------------------------- */

/** Accepts both "--port 4010" and "--port=4010". */
function parseCliArgs(argv) {
	const args = { port: 4010, invites: Infinity, latency: 0, rate: 0 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const name = flag.replace(/^--/, '');
		if (!(name in args)) throw new Error(`Unknown option ${argv[i]}`);
		const raw = inline !== undefined ? inline : argv[++i];
		const value = Number(raw);
		if (raw === undefined || Number.isNaN(value) || value < 0) {
			throw new Error(`Option --${name} needs a non-negative number`);
		}
		args[name] = value;
	}
	return args;
}

async function main() {
	let args;
	try {
		args = parseCliArgs(process.argv.slice(2));
	} catch (error) {
		console.error(
			`${error.message}\nUsage: node server.js [--port 4010] [--invites N] [--latency MS] [--rate PER_SECOND]`,
		);
		process.exit(2);
	}
	const mock = await startMockXobin({
		apiKey: MOCK_API_KEY,
		port: args.port,
		invitesLeft: args.invites,
		latencyMs: args.latency,
		rateLimit: args.rate > 0 ? { perSecond: args.rate } : null,
		onResponse: ({ method, path, status }) => console.log(`${method} ${path} ${status}`),
	});
	console.log(`Mock Xobin listening on ${mock.url} (API key: ${MOCK_API_KEY})`);
	const stop = () => mock.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { startMockXobin, MOCK_API_KEY };
