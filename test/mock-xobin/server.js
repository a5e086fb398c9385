/*
 * Mock Xobin API v2 server for the n8n-nodes-xobin tests and demo.
 *
 * A loopback HTTP server that imitates the parts of https://app.xobin.com/api/v2 the package uses
 * (AI-interview invite, invited list, reports, share links, report PDFs, interview generation,
 * webhook settings, assessment invites (single and bulk), assessment reports, share links, PDFs
 * and webhook settings, and track stats as the credential test), with knobs that let a test provoke
 * every failure the real API may produce: quota exhaustion, bad keys, latency, arbitrary status
 * codes, non-JSON bodies, dropped connections, answers that fail after the request took effect,
 * bodies that trickle in, and a plan without webhooks. It also plays Xobin's
 * webhook sender: startInterview / completeInterview POST the Start / Submission payload to the
 * URL registered in the webhook settings, with the configured auth header (deliverWebhook is the
 * bare POST); startAssessment / submitAssessment / updateAssessment do the same for assessments.
 *
 * CommonJS and Node built-ins only, so it runs without a build step and without npm packages.
 * Usage as a module: const { startMockXobin, MOCK_API_KEY } = require('./server');
 * Usage by hand:     node test/mock-xobin/server.js [--port 4010] [--invites N] [--assessment-invites N]
 *                    [--latency MS] [--rate PER_SECOND]
 */
'use strict';

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { URL } = require('node:url');

// XoForms, automated interviews and candidates (A7, A8) live in their own module.
const { FORMS_AND_CANDIDATES_ROUTES, withFormsAndCandidates } = require('./formsAndCandidates');
// Tracks (A6) live in their own module: TRACKS marks the places they are wired in.
const { TRACK_ROUTES, createTrackState, trackMethods } = require('./tracks');

/** Deliberately fake-looking so nobody mistakes it for a real credential. */
const MOCK_API_KEY = 'mock-xobin-key-for-tests';

/** Every endpoint lives under this prefix, like the real base URL https://app.xobin.com/api/v2. */
const API_PREFIX = '/api/v2';

/**
 * The documented example report (response_id 7421) is seeded as a completed report, so new invites
 * count up from the next number.
 */
const FIRST_RESPONSE_ID = 7422;

/** Candidate ids of new invites (the documented examples use 7054, 7062, 7063). */
const FIRST_CANDIDATE_ID = 8001;

/** Xobin's bounds for expiration_hours on share links: 1 minute to 24 hours. */
const MIN_EXPIRATION_HOURS = 1 / 60;
const MAX_EXPIRATION_HOURS = 24;

/** The documented generate-interview example job id; the first job gets it, later ones a random UUID. */
const FIRST_JOB_ID = '550e8400-e29b-41d4-a716-446655440000';

/** Shares and reports live on the customer's subdomain in Xobin's examples. */
const REPORT_HOST = 'https://yourdomain.xobin.com';

/** AI interview ids and names taken from the examples in Xobin's docs. */
const DEFAULT_INTERVIEWS = Object.freeze({
	305: 'Senior Data Engineer',
	211: 'Customer Success Associate',
	206: 'Receptionist',
	138: 'Backend Engineer',
});

/** Assessment ids and names taken from the examples in Xobin's docs (A4.2, A5.4; the names of 53280 and 138 are ours). */
const DEFAULT_ASSESSMENTS = Object.freeze({
	53280: 'Customer Support Assessment',
	12345: 'Sample Assessment',
	138: 'Data Analyst Test',
});

/**
 * Report ids of new assessment invites count up from here, clear of the AI-interview response_ids
 * (7421, 7422, …) and of the seeded assessment reports 318 and 319.
 */
const FIRST_REPORT_ID = 9001;

/** Xobin's bounds for expiration_hours on assessment share links: 15 minutes to 24 hours. */
const MIN_ASSESSMENT_EXPIRATION_HOURS = 0.25;

/** A bulk assessment invite takes 1 to 500 candidates. */
const MAX_BULK_CANDIDATES = 500;

/** Sent as the `x-company-id` header of every assessment webhook (A4.2 names it; B4: probably a header). */
const COMPANY_ID = '4242';

/** The recruiter named in assessment create / update events (the docs' example name; the e-mail is ours). */
const RECRUITER = Object.freeze({
	name: 'Jane Recruiter',
	id: 1,
	email: 'jane.recruiter@example.com',
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
	// Every invite has a report that stays "Pending" until completeInterview() is called.
	state.reports.set(invite.response_id, {
		ai_interview_id: body.ai_interview_id,
		ai_interview_name: interviewName,
		candidate_email: body.candidate_email,
		candidate_id: state.nextCandidateId++,
		candidate_name: body.candidate_name,
		custom_field_id: invite.custom_field_id,
		invite_status: 'Pending',
		response_id: invite.response_id,
		last_updated_at: Date.now(),
	});
	// "sendlink" means Xobin e-mails the candidate; tests can check that here rather than in the response.
	if (body.invite_format === 'sendlink') state.emailsSent.push(body.candidate_email);
	return { status: 200, body: invite };
}

/* ------------------------------------------------------------------------------------------------
 * Reports, invited lists, share links and PDFs (fact sheet A3.2 – A3.4)
 * --------------------------------------------------------------------------------------------- */

/**
 * Reports known before any invite, from the examples in Xobin's docs: 7421 (the report page's
 * example, completed, custom_field_id "CAND-2025-001"), 6734 / 6735 (the invited-list example, one
 * Pending and one Completed) and 6726 (Jennifer Gross in the webhook examples, Started; completing
 * it produces the documented Submission payload). Names and scores the docs do not show are ours.
 */
function seedReports() {
	const reports = new Map();
	const add = (record) => reports.set(record.response_id, record);
	add({
		ai_interview_id: 305,
		ai_interview_name: 'Senior Data Engineer',
		candidate_email: 'alex.tanaka@example.com',
		candidate_id: 7101,
		candidate_name: 'Alex Tanaka',
		custom_field_id: 'CAND-2025-001',
		invite_status: 'Completed',
		response_id: 7421,
		last_updated_at: Date.UTC(2025, 6, 19, 11, 5, 12),
		result: {
			candidate_summary:
				'Alex Tanaka showed strong command of data modelling and pipeline design, explained trade-offs between batch and streaming clearly and handled the Spark tuning questions well. Alex is recommended for the role.',
			completed_date: 'Jul 19, 2025, 11:05:12 AM',
			integrity_score: 9.5,
			recommendation: 'Recommended',
			score: 82,
			interview_recording: {
				session1: `${REPORT_HOST}/interviews/ai/recording/7421/session1`,
				session2: `${REPORT_HOST}/interviews/ai/recording/7421/session2`,
			},
			skill_wise_scores: {
				must_haves: [
					{ score: 86, skill_name: 'SQL' },
					{ score: 80, skill_name: 'Data Modelling' },
				],
				nice_to_haves: [{ score: 71, skill_name: 'Apache Spark' }],
			},
			conversation: [
				{ content: 'Tell me about a data pipeline you designed.', mode: 'audio', role: 'assistant', timestamp: 1752922812000 },
				{ content: 'At my last company I rebuilt our nightly ETL as an incremental pipeline…', mode: 'audio', role: 'user', timestamp: 1752922830000 },
			],
		},
	});
	add({
		ai_interview_id: 211,
		ai_interview_name: 'Customer Success Associate',
		candidate_email: 'sam.okafor@example.com',
		candidate_id: 7062,
		candidate_name: 'Sam Okafor',
		custom_field_id: '',
		invite_status: 'Pending',
		response_id: 6734,
		last_updated_at: Date.parse('Thu, 10 Jul 2025 11:52:57 GMT'),
	});
	add({
		ai_interview_id: 211,
		ai_interview_name: 'Customer Success Associate',
		candidate_email: 'maria.lopez@example.com',
		candidate_id: 7063,
		candidate_name: 'Maria Lopez',
		custom_field_id: '',
		invite_status: 'Completed',
		response_id: 6735,
		last_updated_at: Date.parse('Thu, 10 Jul 2025 12:10:05 GMT'),
		result: {
			candidate_summary: 'Maria Lopez handled the customer scenarios with empathy and structure. Maria is recommended for the role.',
			completed_date: 'Jul 10, 2025, 12:10:05 PM',
			integrity_score: 8,
			recommendation: 'Recommended',
			score: 77,
		},
	});
	add({
		ai_interview_id: 206,
		ai_interview_name: 'Receptionist',
		candidate_email: 'jennifergross@mailinator.com',
		candidate_id: 7054,
		candidate_name: 'Jennifer Gross',
		custom_field_id: '',
		invite_status: 'Started',
		response_id: 6726,
		last_updated_at: Date.UTC(2025, 6, 5, 4, 20, 0),
		// What completeInterview(6726) records: the documented Submission example (its visible part).
		pendingResult: {
			candidate_summary:
				'Jennifer Gross exhibited significant weaknesses in key skills required for the Receptionist role, … Jennifer is not recommended for the role.',
			completed_date: 'Jul 05, 2025, 4:42:45 AM',
			integrity_score: 10,
			interview_recording: {
				1755695988585: 'https://example.com/interview_recording/session-1.webm',
				1755695988586: 'https://example.com/interview_recording/session-2.webm',
			},
			recommendation: 'Not Recommended',
			score: 38,
		},
	});
	return reports;
}

/** "Jul 05, 2025, 4:42:45 AM": the human-readable GMT form Xobin uses for completed_date. */
function formatCompletedDate(ms) {
	return new Intl.DateTimeFormat('en-US', {
		timeZone: 'UTC',
		month: 'short',
		day: '2-digit',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		second: '2-digit',
		hour12: true,
	})
		.format(new Date(ms))
		.replace(/\u202f/g, ' ');
}

/** The result a completed interview gets when the test does not give one. */
function defaultResult(record, now) {
	return {
		candidate_summary: `${record.candidate_name} answered the questions for the ${record.ai_interview_name} role with good structure. ${record.candidate_name} is recommended for the role.`,
		completed_date: formatCompletedDate(now),
		integrity_score: 9,
		recommendation: 'Recommended',
		score: 74,
		interview_recording: {
			session1: `${REPORT_HOST}/interviews/ai/recording/${record.response_id}/session1`,
		},
		skill_wise_scores: { must_haves: [{ score: 74, skill_name: 'Communication' }], nice_to_haves: [] },
	};
}

function isCompleted(record) {
	return record.invite_status === 'Completed';
}

/** The interview and candidate every report and webhook payload opens with (alphabetical, as documented). */
function whoAndWhich(record) {
	return {
		ai_interview_id: record.ai_interview_id,
		ai_interview_name: record.ai_interview_name,
		candidate_email: record.candidate_email,
		candidate_id: record.candidate_id,
		candidate_name: record.candidate_name,
	};
}

/**
 * A report as GET /ai-interviews/report answers it: keys in the documented order. Unfinished ones
 * carry their status with the result fields null. With is_downloadable=true the recording URLs are
 * direct .webm download links (the docs say the flag "adds downloadable URLs"; where they go is not
 * documented, so the mock puts them in interview_recording).
 */
function reportBody(record, downloadable) {
	const result = isCompleted(record) ? record.result || {} : {};
	const recordings = result.interview_recording || null;
	const links = isCompleted(record);
	return {
		...whoAndWhich(record),
		candidate_summary: result.candidate_summary ?? null,
		completed_date: result.completed_date ?? null,
		integrity_score: result.integrity_score ?? null,
		invite_status: record.invite_status,
		pdf_link: links ? `${REPORT_HOST}/interviews/ai/report/${record.response_id}/pdf` : null,
		recommendation: result.recommendation ?? null,
		response_id: record.response_id,
		custom_field_id: record.custom_field_id,
		score: result.score ?? null,
		report_link: links ? `${REPORT_HOST}/interviews/ai/report/${record.response_id}` : null,
		interview_recording:
			recordings && downloadable
				? Object.fromEntries(
						Object.keys(recordings).map((key) => [
							key,
							`https://recordings.xobin.example/${record.response_id}/${key}.webm?download=1&signature=${crypto.randomBytes(8).toString('hex')}`,
						]),
					)
				: recordings,
		skill_wise_scores: result.skill_wise_scores ?? null,
		conversation: result.conversation ?? null,
	};
}

function findReport(state, responseIdText) {
	if (!/^\d+$/.test(responseIdText)) return { error: jsonError(400, 'response_id must be an integer') };
	const record = state.reports.get(Number(responseIdText));
	return record ? { record } : { error: jsonError(404, 'Report not found') };
}

/** GET /ai-interviews/report/:responseId[?is_downloadable=true] (fact sheet A3.3). */
function handleReportById(ctx) {
	const found = findReport(ctx.state, ctx.params.responseId);
	if (found.error) return found.error;
	return { status: 200, body: reportBody(found.record, ctx.request.query.is_downloadable === 'true') };
}

/**
 * GET /ai-interviews/report?custom_field_id=… — the most recent invite with that id wins. The docs
 * do not say whether Pending invites are visible here, so setCustomFieldLookupSeesPending(false)
 * hides them (the lookup then answers 404 until the candidate starts).
 */
function handleReportByCustomFieldId(ctx) {
	const { custom_field_id: customFieldId, is_downloadable: downloadable } = ctx.request.query;
	if (!isNonEmptyString(customFieldId)) return jsonError(400, 'response_id or custom_field_id is required');
	const seesPending = ctx.state.customFieldLookupSeesPending;
	const matches = [...ctx.state.reports.values()].filter(
		(record) =>
			record.custom_field_id === customFieldId && (seesPending || record.invite_status !== 'Pending'),
	);
	if (matches.length === 0) return jsonError(404, 'No report found for this custom_field_id');
	const latest = matches.reduce((a, b) => (b.response_id > a.response_id ? b : a));
	return { status: 200, body: reportBody(latest, downloadable === 'true') };
}

/** GET /ai-interviews/invited/:aiInterviewId (fact sheet A3.2): a bare array, HTTP-dates. */
function handleInvited(ctx) {
	const { state, params } = ctx;
	if (!/^\d+$/.test(params.aiInterviewId)) return jsonError(400, 'ai_interview_id must be an integer');
	const id = Number(params.aiInterviewId);
	if (state.interviews[String(id)] === undefined) return jsonError(404, 'AI interview not found');
	const invited = [...state.reports.values()]
		.filter((record) => record.ai_interview_id === id)
		.sort((a, b) => a.response_id - b.response_id)
		.map((record) => ({
			ai_interview_id: record.ai_interview_id,
			candidate_id: record.candidate_id,
			invite_status: record.invite_status,
			last_updated_at: new Date(record.last_updated_at).toUTCString(),
			response_id: record.response_id,
		}));
	return { status: 200, body: invited };
}

/** POST /ai-interviews/report/:responseId/:option with option share | download (fact sheet A3.4). */
function handleReportOption(ctx) {
	const { request, params, state } = ctx;
	if (params.option !== 'share' && params.option !== 'download') {
		return jsonError(400, 'option must be "share" or "download"');
	}
	const found = findReport(state, params.responseId);
	if (found.error) return found.error;
	const record = found.record;
	if (!isCompleted(record)) {
		return jsonError(400, 'Report is not available: the AI interview is not completed yet');
	}
	if (params.option === 'download') {
		return {
			status: 200,
			rawBody: reportPdf(record),
			contentType: 'application/pdf',
			headers: {
				'Content-Disposition': `attachment; filename="AI_Interview_Report_${record.candidate_name.replace(/\W+/g, '_')}_${record.response_id}.pdf"`,
			},
		};
	}
	// No body (or no expiration_hours) means the documented default of one hour.
	const hours = request.body && typeof request.body === 'object' ? request.body.expiration_hours : undefined;
	const expirationHours = hours === undefined ? 1 : hours;
	if (
		typeof expirationHours !== 'number' ||
		!(expirationHours >= MIN_EXPIRATION_HOURS && expirationHours <= MAX_EXPIRATION_HOURS)
	) {
		return jsonError(400, 'expiration_hours must be between 1 minute and 24 hours');
	}
	const expiresAt = new Date(Date.now() + expirationHours * 3600 * 1000);
	const token = crypto.randomBytes(24).toString('base64url');
	state.shareLinks.push({ response_id: record.response_id, expiration_hours: expirationHours });
	return {
		status: 200,
		body: {
			ai_interview_id: record.ai_interview_id,
			expiration_hours: expirationHours,
			// Like the docs' example: no timezone suffix, microseconds.
			expires_at: `${expiresAt.toISOString().slice(0, 23)}${String(crypto.randomInt(1000)).padStart(3, '0')}`,
			response_id: record.response_id,
			signed_url: `${REPORT_HOST}/interviews/ai/report/shared/${token}`,
		},
	};
}

/**
 * A small but well-formed PDF naming the candidate. Its second line holds bytes above 0x7f, as
 * real PDFs do, so a client that reads the file as text instead of bytes corrupts it visibly.
 */
function reportPdf(record) {
	return pdfWithLine(
		`AI Interview Report - ${record.candidate_name} - ${record.ai_interview_name} - Score ${record.result?.score ?? ''}`,
	);
}

/** A one-page PDF showing one line of text (parentheses and backslashes dropped). */
function pdfWithLine(line) {
	const text = line.replace(/[()\\]/g, '');
	const stream = `BT /F1 14 Tf 56 760 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	const chunks = [Buffer.from('%PDF-1.4\n'), Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
	const offsets = [];
	let length = chunks[0].length + chunks[1].length;
	objects.forEach((object, index) => {
		offsets.push(length);
		const chunk = Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`);
		chunks.push(chunk);
		length += chunk.length;
	});
	const xref = [
		'xref',
		`0 ${objects.length + 1}`,
		'0000000000 65535 f ',
		...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
		'trailer',
		`<< /Size ${objects.length + 1} /Root 1 0 R >>`,
		'startxref',
		String(length),
		'%%EOF',
		'',
	].join('\n');
	chunks.push(Buffer.from(xref));
	return Buffer.concat(chunks);
}

/* ------------------------------------------------------------------------------------------------
 * Generate AI interview (fact sheet A3.5)
 * --------------------------------------------------------------------------------------------- */

/** POST /ai-interviews/generate-interview: 202 with a queued job. */
function handleGenerateInterview(ctx) {
	const { request, state } = ctx;
	const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? request.body : {};
	// The documented error body, for either field missing.
	if (!isNonEmptyString(body.job_role) || !isNonEmptyString(body.job_description)) {
		return jsonError(400, 'Job role and job description are required');
	}
	if (body.notification_url !== undefined && !isWebUrl(body.notification_url)) {
		return jsonError(400, 'notification_url must be a valid URL');
	}
	const job = {
		job_id: state.generationJobs.length === 0 ? FIRST_JOB_ID : crypto.randomUUID(),
		status: 'pending',
		message: 'AI interview plan generation job has been queued successfully',
	};
	state.generationJobs.push({ ...job, request: { ...body } });
	return { status: 202, body: job };
}

/* ------------------------------------------------------------------------------------------------
 * AI-interview webhook settings (fact sheet A3.6)
 * --------------------------------------------------------------------------------------------- */

/** Webhook "Workflows" are a Standard Plan feature (A1); the wording of the refusal is ours. */
const PLAN_REFUSAL = 'Workflows are not available on your plan. Please contact support to upgrade to the Standard plan.';

function isWebUrl(value) {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * How the webhook settings endpoints read auth.apikey. The docs use two spellings (key/value on the
 * per-interview page, header/apikey in the global page's response) and do not say which one Xobin
 * really reads, so tests can pin one with setWebhookAuthSpelling. 'either' accepts both.
 */
const AUTH_SPELLINGS = {
	either: (apikey) => ({ header: apikey.key ?? apikey.header, value: apikey.value ?? apikey.apikey }),
	keyValue: (apikey) => ({ header: apikey.key, value: apikey.value }),
	headerApikey: (apikey) => ({ header: apikey.header, value: apikey.apikey }),
};

function checkAuthSpelling(mode) {
	if (!Object.prototype.hasOwnProperty.call(AUTH_SPELLINGS, mode)) {
		throw new Error(`Unknown webhook auth spelling ${mode}; use ${Object.keys(AUTH_SPELLINGS).join(', ')}`);
	}
	return mode;
}

/**
 * The stored apikey auth, or { error }. 'either' insists on both fields. A strict spelling behaves
 * like a lenient server that reads only its own field names: what it does not find is stored as
 * missing (no 400), and deliveries then go out without the secret header.
 */
function readApikeyAuth(apikey, authSpelling) {
	const { header, value } = AUTH_SPELLINGS[authSpelling](apikey || {});
	const missingMessage = 'auth.apikey.key and auth.apikey.value are required';
	if (authSpelling === 'either') {
		if (!isNonEmptyString(header) || !isNonEmptyString(value)) return { error: missingMessage };
		return { apikey: { key: header, value } };
	}
	const present = (field) => field !== undefined && field !== null;
	if ((present(header) && !isNonEmptyString(header)) || (present(value) && !isNonEmptyString(value))) {
		return { error: missingMessage };
	}
	const stored = {};
	if (present(header)) stored.key = header;
	if (present(value)) stored.value = value;
	return { apikey: stored };
}

/**
 * Checks a `webhooks` object and returns it normalised, or { error }. The api-key spelling it reads
 * depends on authSpelling (see AUTH_SPELLINGS); `events` are the {status, url} keys it reads (the
 * assessment account settings add `updates`).
 */
function readWebhookConfig(body, authSpelling = 'either', events = ['start', 'submission']) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'Request body must be a JSON object' };
	const webhooks = body.webhooks;
	if (webhooks === null || typeof webhooks !== 'object' || Array.isArray(webhooks)) return { error: 'webhooks is required' };
	const config = {};
	for (const key of events) {
		if (webhooks[key] === undefined) continue;
		const entry = webhooks[key];
		if (entry === null || typeof entry !== 'object' || typeof entry.status !== 'boolean') {
			return { error: `webhooks.${key}.status must be a boolean` };
		}
		if (entry.status && !isWebUrl(entry.url)) return { error: `webhooks.${key}.url must be a valid URL` };
		config[key] = { status: entry.status, url: typeof entry.url === 'string' ? entry.url : null };
	}
	if (webhooks.auth !== undefined) {
		const auth = webhooks.auth;
		if (auth === null || typeof auth !== 'object' || (auth.type !== 'apikey' && auth.type !== 'basic')) {
			return { error: 'auth.type must be "apikey" or "basic"' };
		}
		const stored = { type: auth.type, status: auth.status !== false };
		if (auth.type === 'apikey') {
			const { apikey, error } = readApikeyAuth(auth.apikey, authSpelling);
			if (error) return { error };
			stored.apikey = apikey;
		} else {
			const basic = auth.basic || {};
			if (!isNonEmptyString(basic.username) || !isNonEmptyString(basic.password)) {
				return { error: 'auth.basic.username and auth.basic.password are required' };
			}
			stored.basic = { username: basic.username, password: basic.password };
		}
		config.auth = stored;
	}
	return { config };
}

/** Keys left out keep their stored values; `auth`, when sent, replaces the stored auth. */
function mergeWebhookConfig(current, update) {
	return { ...(current || {}), ...update };
}

/** The documented response shape: secrets are never echoed back. */
function echoWebhookConfig(config) {
	const echo = {};
	if (config.start) echo.start = { ...config.start };
	if (config.submission) echo.submission = { ...config.submission };
	if (config.updates) echo.updates = { ...config.updates };
	if (config.auth) {
		echo.auth = {
			type: config.auth.type,
			basic: {
				username: config.auth.basic ? config.auth.basic.username : null,
				password: null,
				hasPassword: Boolean(config.auth.basic),
			},
			apikey: { header: (config.auth.apikey && config.auth.apikey.key) ?? null, apikey: null },
		};
	}
	return echo;
}

/** POST /ai-interviews/settings/webhooks: account settings; updateAll copies them to every interview. */
function handleGlobalWebhookSettings(ctx) {
	const { request, state } = ctx;
	if (!state.webhooksAllowed) return jsonError(403, PLAN_REFUSAL);
	if (request.bodyError) return jsonError(400, 'Request body must be valid JSON');
	const { config, error } = readWebhookConfig(request.body, state.webhookAuthSpelling);
	if (error) return jsonError(400, error);
	state.webhookSettings.global = mergeWebhookConfig(state.webhookSettings.global, config);
	if (request.body.updateAll === true) {
		for (const id of Object.keys(state.interviews)) {
			state.webhookSettings.byInterview.set(id, mergeWebhookConfig(state.webhookSettings.byInterview.get(id), config));
		}
	}
	return { status: 200, body: { webhooks: echoWebhookConfig(state.webhookSettings.global) } };
}

/** PUT /ai-interviews/settings/webhooks/:aiInterviewId: one interview's settings. */
function handleInterviewWebhookSettings(ctx) {
	const { request, params, state } = ctx;
	if (!state.webhooksAllowed) return jsonError(403, PLAN_REFUSAL);
	if (state.interviews[params.aiInterviewId] === undefined) return jsonError(404, 'AI interview not found');
	if (request.bodyError) return jsonError(400, 'Request body must be valid JSON');
	const { config, error } = readWebhookConfig(request.body, state.webhookAuthSpelling);
	if (error) return jsonError(400, error);
	const merged = mergeWebhookConfig(state.webhookSettings.byInterview.get(params.aiInterviewId), config);
	state.webhookSettings.byInterview.set(params.aiInterviewId, merged);
	return {
		status: 200,
		body: { status: 'success', message: 'Webhook settings updated successfully', webhooks: echoWebhookConfig(merged) },
	};
}

/* ------------------------------------------------------------------------------------------------
 * Sending webhooks (fact sheet A4.1): what Xobin POSTs to the registered URL
 * --------------------------------------------------------------------------------------------- */

/** POSTs a JSON payload to a URL; resolves with the receiver's answer (body parsed when JSON). */
function deliverWebhook(url, payload, headers = {}) {
	const target = new URL(url);
	const transport = target.protocol === 'https:' ? https : http;
	const data = Buffer.from(JSON.stringify(payload));
	return new Promise((resolve, reject) => {
		const request = transport.request(
			target,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers },
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body = text;
					try {
						body = text === '' ? undefined : JSON.parse(text);
					} catch {
						// not JSON: keep the text
					}
					resolve({ status: response.statusCode, headers: response.headers, body });
				});
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(data);
	});
}

/** The headers Xobin adds for the configured webhook authentication. */
function authHeaders(auth) {
	if (!auth || auth.status === false) return {};
	if (auth.type === 'apikey') {
		// Stored without a header name or value (a strict spelling that was not sent): nothing to add.
		const { key, value } = auth.apikey || {};
		return isNonEmptyString(key) && value !== undefined ? { [key]: value } : {};
	}
	const token = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64');
	return { Authorization: `Basic ${token}` };
}

/** Start payload (exact key set of the documented example). */
function startPayload(record) {
	return {
		...whoAndWhich(record),
		invite_status: 'Started',
		response_id: record.response_id,
	};
}

/**
 * Submission payload: the documented visible keys in their (alphabetical) order, then the tail the
 * docs cut off, assumed to be recommendation, response_id, score and the links (fact sheet B4).
 */
function submissionPayload(record) {
	const report = reportBody(record, false);
	return {
		...whoAndWhich(report),
		candidate_summary: report.candidate_summary,
		completed_date: report.completed_date,
		custom_field_id: report.custom_field_id,
		integrity_score: report.integrity_score,
		interview_recording: report.interview_recording,
		invite_status: 'Completed',
		pdf_link: report.pdf_link,
		recommendation: report.recommendation,
		report_link: report.report_link,
		response_id: report.response_id,
		score: report.score,
	};
}

/* ------------------------------------------------------------------------------------------------
 * Assessments (fact sheet A5): invites, reports, share links and PDFs
 * --------------------------------------------------------------------------------------------- */

/** The documented 403 of the AI-interview invite; assumed to be the same for assessment invites. */
function invitesExhausted() {
	return {
		status: 403,
		body: { message: 'Invites Exhausted. Please contact support.', error: 'limit_exceed' },
	};
}

function isEmailAddress(value) {
	return typeof value === 'string' && EMAIL_PATTERN.test(value.trim());
}

/** A JSON number that is an integer; the string "53280" is rejected on purpose (see INVITE_FIELD_CHECKS). */
function isJsonInteger(value) {
	return typeof value === 'number' && Number.isInteger(value);
}

/** Checks shared by the single and the bulk assessment invite, in the order they are reported. */
const ASSESSMENT_TARGET_CHECKS = [
	(b) =>
		isJsonInteger(b.assessment_id) ? undefined : 'assessment_id is required and must be an integer',
	(b) =>
		b.invite_format === 'getlink' || b.invite_format === 'sendlink'
			? undefined
			: 'invite_format must be either "getlink" or "sendlink"',
	// The docs give no timezone for assessment dates (B5), so the message names none.
	(b) =>
		b.expiry_date === undefined || parseInviteDate(b.expiry_date) !== null
			? undefined
			: 'expiry_date must be a valid date in the format "YYYY-MM-DD HH:MM"',
];

/** Field checks for POST /assessments/invite (A5.1), in order. */
const ASSESSMENT_INVITE_FIELD_CHECKS = [
	(b) =>
		isNonEmptyString(b.candidate_name)
			? undefined
			: 'candidate_name is required and must be a non-empty string',
	(b) =>
		isEmailAddress(b.candidate_email)
			? undefined
			: 'candidate_email is required and must be a valid email address',
	...ASSESSMENT_TARGET_CHECKS,
];

/** The key a bulk candidate entry uses for a field: `name` / `email`, else `candidate_name` / `candidate_email`. */
function bulkKey(entry, short) {
	const long = `candidate_${short}`;
	return entry[short] === undefined && entry[long] !== undefined ? long : short;
}

/** Checks `candidates` of a bulk invite (A5.2); returns an error message naming the index, or undefined. */
function checkBulkCandidates(candidates) {
	if (
		!Array.isArray(candidates) ||
		candidates.length < 1 ||
		candidates.length > MAX_BULK_CANDIDATES
	) {
		return `candidates must be an array of between 1 and ${MAX_BULK_CANDIDATES} candidates`;
	}
	for (let index = 0; index < candidates.length; index++) {
		const entry = candidates[index];
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			return `candidates[${index}] must be an object with name and email`;
		}
		const nameKey = bulkKey(entry, 'name');
		if (!isNonEmptyString(entry[nameKey])) {
			return `candidates[${index}].${nameKey} is required and must be a non-empty string`;
		}
		const emailKey = bulkKey(entry, 'email');
		if (!isEmailAddress(entry[emailKey]))
			return `candidates[${index}].${emailKey} must be a valid email address`;
	}
	return undefined;
}

/** Reads an invite body's JSON object, or returns the 400 for it. */
function readJsonObject(request) {
	if (request.bodyError) return { error: jsonError(400, 'Request body must be valid JSON') };
	const body = request.body;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { error: jsonError(400, 'Request body must be a JSON object') };
	}
	return { body };
}

/**
 * Creates one assessment invite: uses one invite, stores a Pending report and the invite record
 * (mock.assessmentInvites), notes the e-mail for sendlink. Returns the stored record.
 */
function createAssessmentInvite(state, body, candidate, via) {
	state.assessmentInvitesLeft -= 1;
	const invite = {
		email: candidate.email,
		report_id: state.nextReportId++,
		candidate_id: state.nextCandidateId++,
		assessment_id: body.assessment_id,
		invite_link: `${REPORT_HOST}/assessments/invite/${crypto.randomBytes(18).toString('base64url')}`,
		name: candidate.name,
		// Not documented (B5); "Pending" is what the report says until the candidate starts.
		status: 'Pending',
	};
	state.assessmentReports.set(invite.report_id, {
		assessment_id: invite.assessment_id,
		assessment_name: state.assessments[String(invite.assessment_id)],
		candidate_id: invite.candidate_id,
		email: invite.email,
		invite_status: 'Pending',
		name: invite.name,
		report_id: invite.report_id,
	});
	if (body.invite_format === 'sendlink') state.assessmentEmailsSent.push(candidate.email);
	const stored = {
		...invite,
		invite_format: body.invite_format,
		expiry_date: body.expiry_date === undefined ? null : body.expiry_date,
		via,
		inAnswer: true,
	};
	state.assessmentInvites.push(stored);
	return stored;
}

/** POST /assessments/invite (fact sheet A5.1): one candidate. */
function handleAssessmentInvite(ctx) {
	const { request, state } = ctx;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	for (const check of ASSESSMENT_INVITE_FIELD_CHECKS) {
		const message = check(body);
		if (message) return jsonError(400, message);
	}
	if (state.assessments[String(body.assessment_id)] === undefined)
		return jsonError(404, 'Assessment not found');
	if (state.assessmentInvitesLeft <= 0) return invitesExhausted();
	const stored = createAssessmentInvite(
		state,
		body,
		{ name: body.candidate_name, email: body.candidate_email },
		'single',
	);
	const { email, report_id, candidate_id, assessment_id, invite_link, name, status } = stored;
	return {
		status: 200,
		body: { email, report_id, candidate_id, assessment_id, invite_link, name, status },
	};
}

/**
 * POST /assessment/invite (fact sheet A5.2, singular path): up to 500 candidates. Everything is
 * validated before the quota. With fewer invites left than candidates, 'atomic' (default) refuses
 * the whole request; 'partial' invites the first ones that fit and leaves the rest out of the
 * answer. Entries are invited in request order, duplicates included.
 */
function handleBulkAssessmentInvite(ctx) {
	const { request, state } = ctx;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	for (const check of ASSESSMENT_TARGET_CHECKS) {
		const message = check(body);
		if (message) return jsonError(400, message);
	}
	const candidatesError = checkBulkCandidates(body.candidates);
	if (candidatesError) return jsonError(400, candidatesError);
	if (state.assessments[String(body.assessment_id)] === undefined)
		return jsonError(404, 'Assessment not found');

	let accepted = body.candidates;
	if (state.assessmentInvitesLeft <= 0) return invitesExhausted();
	if (accepted.length > state.assessmentInvitesLeft) {
		if (state.bulkExhaustion === 'atomic') return invitesExhausted();
		accepted = accepted.slice(0, state.assessmentInvitesLeft);
	}

	const invites = [];
	for (const entry of accepted) {
		const candidate = {
			name: entry[bulkKey(entry, 'name')],
			email: entry[bulkKey(entry, 'email')],
		};
		const stored = createAssessmentInvite(state, body, candidate, 'bulk');
		if (state.bulkOmitted.has(candidate.email.trim().toLowerCase())) {
			stored.inAnswer = false;
			continue;
		}
		invites.push({
			name: stored.name,
			email: state.bulkLowercasesEmails ? stored.email.toLowerCase() : stored.email,
			report_id: stored.report_id,
			candidate_id: stored.candidate_id,
			assessment_id: stored.assessment_id,
			invite_link: stored.invite_link,
			status: stored.status,
		});
	}
	return { status: 200, body: { invites } };
}

/** A signed-looking token like the docs' share link: base64url of "assessment|report|company", a dot, a signature. */
function assessmentToken(record, signature) {
	const payload = Buffer.from(
		JSON.stringify(`${record.assessment_id}|${record.report_id}|${COMPANY_ID}`),
	).toString('base64url');
	return `${payload}.${signature || crypto.randomBytes(20).toString('base64url')}`;
}

/**
 * Assessment reports known before any invite: 318 (assessment 138, completed; the share-link
 * example of A5.4) and 319 (assessment 53280, Pending; Garrett Bolton from the Start webhook
 * example of A4.2). Names, e-mail and scores of 318 are ours.
 */
function seedAssessmentReports() {
	const reports = new Map();
	const add = (record) => reports.set(record.report_id, record);
	add({
		assessment_id: 138,
		assessment_name: 'Data Analyst Test',
		candidate_id: 7301,
		email: 'priya.raman@example.com',
		invite_status: 'Completed',
		name: 'Priya Raman',
		report_id: 318,
		result: {
			completed_date: 'Jul 09, 2025, 11:32:08 AM',
			cut_off: 60,
			offtab_count: 1,
			overall_percentage: 78.5,
			registration_fields: [{ label: 'Phone', value: '+1 555 0100' }],
			report_link: `${REPORT_HOST}/assessments/report/IjEzOHwzMTh8NDI0MiI.seeded-report-link-318`,
			sections: [
				{
					percentage: 82,
					section: 'SQL',
					skill_wise_score: [
						{ skill: 'Joins', percentage: 85 },
						{ skill: 'Aggregations', percentage: 79 },
					],
				},
				{
					percentage: 75,
					section: 'Statistics',
					skill_wise_score: [
						{ skill: 'Probability', percentage: 70 },
						{ skill: 'Hypothesis Testing', percentage: 80 },
					],
				},
			],
		},
	});
	add({
		assessment_id: 53280,
		assessment_name: 'Customer Support Assessment',
		candidate_id: 7302,
		email: 'wuxiwehi@mailinator.com',
		invite_status: 'Pending',
		name: 'Garrett Bolton',
		report_id: 319,
	});
	return reports;
}

/** The result a submitted assessment gets when the test does not give one (overall = mean of the sections). */
function defaultAssessmentResult(record, now) {
	return {
		completed_date: formatCompletedDate(now),
		cut_off: 60,
		offtab_count: 0,
		overall_percentage: 72.5,
		registration_fields: [],
		report_link: `${REPORT_HOST}/assessments/report/${assessmentToken(record)}`,
		sections: [
			{
				percentage: 80,
				section: 'Aptitude',
				skill_wise_score: [
					{ skill: 'Logical Reasoning', percentage: 85 },
					{ skill: 'Numerical Reasoning', percentage: 75 },
				],
			},
			{
				percentage: 65,
				section: 'Domain Knowledge',
				skill_wise_score: [{ skill: 'Product Knowledge', percentage: 65 }],
			},
		],
	};
}

/**
 * GET /assessments/report answers: completed → exactly the documented keys (alphabetical, as in
 * the docs); otherwise only the six documented "not completed" keys.
 */
function assessmentReportBody(record) {
	if (record.invite_status !== 'Completed') {
		return {
			assessment_id: record.assessment_id,
			candidate_id: record.candidate_id,
			email: record.email,
			invite_status: record.invite_status,
			name: record.name,
			report_id: record.report_id,
		};
	}
	const result = record.result || {};
	return {
		assessment_id: record.assessment_id,
		candidate_id: record.candidate_id,
		completed_date: result.completed_date,
		cut_off: result.cut_off,
		email: record.email,
		invite_status: 'Completed',
		name: record.name,
		offtab_count: result.offtab_count,
		overall_percentage: result.overall_percentage,
		registration_fields: result.registration_fields,
		report_id: record.report_id,
		report_link: result.report_link,
		sections: result.sections,
	};
}

function findAssessmentReport(state, reportIdText) {
	if (!/^\d+$/.test(reportIdText)) return { error: jsonError(400, 'report_id must be an integer') };
	const record = state.assessmentReports.get(Number(reportIdText));
	return record ? { record } : { error: jsonError(404, 'Report not found') };
}

/** GET /assessments/report/:reportId (fact sheet A5.3). */
function handleAssessmentReport(ctx) {
	const found = findAssessmentReport(ctx.state, ctx.params.reportId);
	if (found.error) return found.error;
	return { status: 200, body: assessmentReportBody(found.record) };
}

/** POST /assessments/reports/:reportId/:option with option share | download (fact sheet A5.4, plural "reports"). */
function handleAssessmentReportOption(ctx) {
	const { request, params, state } = ctx;
	if (params.option !== 'share' && params.option !== 'download') {
		return jsonError(400, 'option must be "share" or "download"');
	}
	// The body is optional, but a body that is there must be JSON.
	if (request.bodyError && request.rawBody.trim() !== '')
		return jsonError(400, 'Request body must be valid JSON');
	const found = findAssessmentReport(state, params.reportId);
	if (found.error) return found.error;
	const record = found.record;
	if (record.invite_status !== 'Completed') {
		return jsonError(400, 'Report is not available: the assessment is not completed yet');
	}
	if (params.option === 'download') {
		return {
			status: 200,
			rawBody: pdfWithLine(
				`Assessment Report - ${record.name} - ${record.assessment_name} - Overall ${record.result.overall_percentage} percent`,
			),
			contentType: 'application/pdf',
			headers: {
				'Content-Disposition': `attachment; filename="Assessment_Report_${record.name.replace(/\W+/g, '_')}_${record.report_id}.pdf"`,
			},
		};
	}
	const body =
		request.body && typeof request.body === 'object' && !Array.isArray(request.body)
			? request.body
			: {};
	const expirationHours = body.expiration_hours === undefined ? 1 : body.expiration_hours;
	if (
		typeof expirationHours !== 'number' ||
		!(expirationHours >= MIN_ASSESSMENT_EXPIRATION_HOURS && expirationHours <= MAX_EXPIRATION_HOURS)
	) {
		return jsonError(400, 'expiration_hours must be between 15 minutes and 24 hours');
	}
	const expiresAt = new Date(Date.now() + expirationHours * 3600 * 1000);
	state.assessmentShareLinks.push({
		report_id: record.report_id,
		assessment_id: record.assessment_id,
		expiration_hours: expirationHours,
	});
	return {
		status: 200,
		body: {
			assessment_id: record.assessment_id,
			expiration_hours: expirationHours,
			// Like the docs' example: no timezone suffix, microseconds.
			expires_at: `${expiresAt.toISOString().slice(0, 23)}${String(crypto.randomInt(1000)).padStart(3, '0')}`,
			report_id: record.report_id,
			signed_url: `${REPORT_HOST}/assessments/bp/reports/shared/${assessmentToken(record)}`,
		},
	};
}

/* ------------------------------------------------------------------------------------------------
 * Assessment webhook settings (fact sheet A4.3)
 * --------------------------------------------------------------------------------------------- */

/**
 * Reads an assessment webhook settings body; returns { config } or { error }. `auth` (same shape
 * as for AI interviews) is read only when updateAuth is true and ignored otherwise; with
 * setAssessmentWebhookAuthIgnored(true) it is always ignored. `updates` exists only on the
 * account settings; sent to one assessment it is a 400.
 */
function readAssessmentWebhookConfig(state, body, account) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return { error: 'Request body must be a JSON object' };
	if (body.updateAuth !== undefined && typeof body.updateAuth !== 'boolean')
		return { error: 'updateAuth must be a boolean' };
	if (account && body.updateAll !== undefined && typeof body.updateAll !== 'boolean') {
		return { error: 'updateAll must be a boolean' };
	}
	const webhooks = body.webhooks;
	if (webhooks === null || typeof webhooks !== 'object' || Array.isArray(webhooks))
		return { error: 'webhooks is required' };
	if (!account && webhooks.updates !== undefined) {
		return { error: 'webhooks.updates can only be set in the account settings (POST /webhooks)' };
	}
	const readsAuth = body.updateAuth === true && !state.assessmentWebhookAuthIgnored;
	if (readsAuth && webhooks.auth === undefined)
		return { error: 'webhooks.auth is required when updateAuth is true' };
	const read = { ...webhooks };
	if (!readsAuth) delete read.auth;
	const events = account ? ['start', 'submission', 'updates'] : ['start', 'submission'];
	return readWebhookConfig({ webhooks: read }, state.webhookAuthSpelling, events);
}

/** POST /webhooks: the account's assessment webhooks; updateAll copies start, submission and auth to every assessment. */
function handleAssessmentAccountWebhooks(ctx) {
	const { request, state } = ctx;
	if (!state.webhooksAllowed) return jsonError(403, PLAN_REFUSAL);
	if (request.bodyError) return jsonError(400, 'Request body must be valid JSON');
	const { config, error } = readAssessmentWebhookConfig(state, request.body, true);
	if (error) return jsonError(400, error);
	const settings = state.assessmentWebhookSettings;
	settings.global = mergeWebhookConfig(settings.global, config);
	if (request.body.updateAll === true) {
		// Only the account has an `updates` hook; each assessment gets start, submission and auth.
		const perAssessment = { ...config };
		delete perAssessment.updates;
		for (const id of Object.keys(state.assessments)) {
			settings.byAssessment.set(
				id,
				mergeWebhookConfig(settings.byAssessment.get(id), perAssessment),
			);
		}
	}
	return {
		status: 200,
		body: {
			status: 'success',
			message: 'Webhook added successfully',
			webhook: echoWebhookConfig(settings.global),
		},
	};
}

/** POST or PUT /webhooks/:assessmentId (the docs' title says PUT, the request line POST): one assessment's webhooks. */
function handleAssessmentWebhooks(ctx) {
	const { request, params, state } = ctx;
	if (!state.webhooksAllowed) return jsonError(403, PLAN_REFUSAL);
	if (state.assessments[params.assessmentId] === undefined)
		return jsonError(404, 'Assessment not found');
	if (request.bodyError) return jsonError(400, 'Request body must be valid JSON');
	const { config, error } = readAssessmentWebhookConfig(state, request.body, false);
	if (error) return jsonError(400, error);
	const byAssessment = state.assessmentWebhookSettings.byAssessment;
	byAssessment.set(
		params.assessmentId,
		mergeWebhookConfig(byAssessment.get(params.assessmentId), config),
	);
	// The doubled "h" is the docs' own, byte for byte.
	return { status: 200, body: { status: 'success', message: 'Webhhook updated successfully' } };
}

/**
 * The route table. Paths are relative to /api/v2 and may contain ':name' segments (exposed as
 * ctx.params.name). The first matching path wins.
 */
const ROUTES = [
	// XoForms, automated interviews and candidates: formsAndCandidates.js.
	...FORMS_AND_CANDIDATES_ROUTES,
	{ path: '/ai-interviews/invite', methods: { POST: handleAiInterviewInvite } },
	{ path: '/ai-interviews/invited/:aiInterviewId', methods: { GET: handleInvited } },
	{ path: '/ai-interviews/report', methods: { GET: handleReportByCustomFieldId } },
	{ path: '/ai-interviews/report/:responseId', methods: { GET: handleReportById } },
	{ path: '/ai-interviews/report/:responseId/:option', methods: { POST: handleReportOption } },
	{ path: '/ai-interviews/generate-interview', methods: { POST: handleGenerateInterview } },
	{ path: '/ai-interviews/settings/webhooks', methods: { POST: handleGlobalWebhookSettings } },
	{ path: '/ai-interviews/settings/webhooks/:aiInterviewId', methods: { PUT: handleInterviewWebhookSettings } },
	{ path: '/assessments/invite', methods: { POST: handleAssessmentInvite } },
	{ path: '/assessment/invite', methods: { POST: handleBulkAssessmentInvite } },
	{ path: '/assessments/report/:reportId', methods: { GET: handleAssessmentReport } },
	{
		path: '/assessments/reports/:reportId/:option',
		methods: { POST: handleAssessmentReportOption },
	},
	{ path: '/webhooks', methods: { POST: handleAssessmentAccountWebhooks } },
	{
		path: '/webhooks/:assessmentId',
		methods: { POST: handleAssessmentWebhooks, PUT: handleAssessmentWebhooks },
	},
	// TRACKS: /tracks/stats, /tracks/:trackId/stats and /tracks/:trackId/applicants[/…]
	...TRACK_ROUTES,
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
		fault.trickle !== undefined ||
		fault.stall === true ||
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

/** Default size of a trickled body when the fault gives none: long enough to outlast any timeout. */
const DEFAULT_TRICKLE_BYTES = 100000;

/** The body a trickle fault sends: its rawBody/body, else a small JSON text padded with spaces. */
function trickleBody(fault) {
	if (fault.rawBody !== undefined) {
		return Buffer.isBuffer(fault.rawBody) ? fault.rawBody : Buffer.from(String(fault.rawBody));
	}
	if (fault.body !== undefined) return Buffer.from(JSON.stringify(fault.body));
	const bytes = fault.trickle.bytes > 0 ? fault.trickle.bytes : DEFAULT_TRICKLE_BYTES;
	const text = '{"message":"trickled by the mock"}';
	// Trailing spaces keep it valid JSON, so a client that waits long enough can still parse it.
	return Buffer.from(text.padEnd(bytes, ' '));
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
			payload = Buffer.isBuffer(result.rawBody) ? result.rawBody : String(result.rawBody);
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
		assessments: Object.freeze({ ...(options.assessments || DEFAULT_ASSESSMENTS) }),
		assessmentInvitesLeft:
			options.assessmentInvitesLeft === undefined ? Infinity : options.assessmentInvitesLeft,
		onResponse: options.onResponse,
		webhookAuthSpelling: checkAuthSpelling(
			options.webhookAuthSpelling === undefined ? 'either' : options.webhookAuthSpelling,
		),
		customFieldLookupSeesPending: options.customFieldLookupSeesPending !== false,
	};

	// Arrays are cleared in place by reset() so references a test already holds stay live.
	const state = {
		invitesLeft: start.invitesLeft,
		latencyMs: start.latencyMs,
		nextResponseId: FIRST_RESPONSE_ID,
		nextCandidateId: FIRST_CANDIDATE_ID,
		interviews: start.interviews,
		requests: [],
		invites: [],
		emailsSent: [],
		faults: [],
		bucket: makeBucket(start.rateLimit),
		inFlight: 0,
		maxInFlight: 0,
		rateLimited: 0,
		reports: seedReports(),
		shareLinks: [],
		generationJobs: [],
		webhooksAllowed: true,
		webhookSettings: { global: null, byInterview: new Map() },
		webhookAuthSpelling: start.webhookAuthSpelling,
		customFieldLookupSeesPending: start.customFieldLookupSeesPending,
		deliveries: [],
		// Assessments: a quota of their own, report ids from 9001, their own webhook settings.
		assessments: { ...start.assessments },
		assessmentInvitesLeft: start.assessmentInvitesLeft,
		nextReportId: FIRST_REPORT_ID,
		assessmentInvites: [],
		assessmentEmailsSent: [],
		assessmentShareLinks: [],
		assessmentReports: seedAssessmentReports(),
		assessmentWebhookSettings: { global: null, byAssessment: new Map() },
		assessmentWebhookAuthIgnored: false,
		bulkExhaustion: 'atomic',
		bulkOmitted: new Set(),
		bulkLowercasesEmails: false,
		// TRACKS: tracks 6578 and 6579 with their applicants (tracks.js).
		tracks: createTrackState(),
	};

	/** The settings Xobin would use for one interview: its own, else the account's, per event. */
	function effectiveWebhookSettings(aiInterviewId) {
		const own = state.webhookSettings.byInterview.get(String(aiInterviewId)) || {};
		const account = state.webhookSettings.global || {};
		return {
			start: own.start || account.start,
			submission: own.submission || account.submission,
			auth: own.auth || account.auth,
		};
	}

	/** Sends an event's payload where the settings say, like Xobin; undefined when that event is off. */
	async function fireEvent(record, event, payload) {
		const settings = effectiveWebhookSettings(record.ai_interview_id);
		const target = settings[event];
		if (!target || !target.status || !target.url) return undefined;
		const headers = authHeaders(settings.auth);
		const delivery = { event, url: target.url, headers, payload, status: undefined, response: undefined };
		state.deliveries.push(delivery);
		const answer = await deliverWebhook(target.url, payload, headers);
		delivery.status = answer.status;
		delivery.response = answer.body;
		return answer;
	}

	/** The settings Xobin would use for one assessment: its own, else the account's, per event. */
	function effectiveAssessmentWebhookSettings(assessmentId) {
		const own = state.assessmentWebhookSettings.byAssessment.get(String(assessmentId)) || {};
		const account = state.assessmentWebhookSettings.global || {};
		return {
			start: own.start || account.start,
			submission: own.submission || account.submission,
			auth: own.auth || account.auth,
		};
	}

	/**
	 * Sends an assessment event like Xobin: to the URL exactly as stored, with the auth header (unless
	 * setAssessmentWebhookAuthIgnored) and x-company-id. Undefined when the event is off.
	 */
	async function fireAssessmentEvent(event, target, auth, payload) {
		if (!target || !target.status || !target.url) return undefined;
		const headers = {
			...(state.assessmentWebhookAuthIgnored ? {} : authHeaders(auth)),
			'x-company-id': COMPANY_ID,
		};
		const delivery = {
			event,
			url: target.url,
			headers,
			payload,
			status: undefined,
			response: undefined,
		};
		state.deliveries.push(delivery);
		const answer = await deliverWebhook(target.url, payload, headers);
		delivery.status = answer.status;
		delivery.response = answer.body;
		return answer;
	}

	function assessmentReportRecord(reportId) {
		const record = state.assessmentReports.get(Number(reportId));
		if (!record) throw new Error(`The mock has no assessment report ${reportId}`);
		return record;
	}

	function reportRecord(responseId) {
		const record = state.reports.get(Number(responseId));
		if (!record) throw new Error(`The mock has no AI-interview response ${responseId}`);
		return record;
	}

	// Tracked so close() can end keep-alive connections, pending delays and trickling answers at
	// once (jest must not hang).
	const sockets = new Set();
	const timers = new Set();
	const trickles = new Set();
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

	/**
	 * What a request gets without a replacing fault: the rate limit (skipped for requests a
	 * pass-through fault matched, as before), then auth and routing.
	 */
	async function handleNormally(record, bodyError, rateLimited) {
		const retryAfter = rateLimited ? takeToken(state.bucket, Date.now()) : undefined;
		if (retryAfter !== undefined) {
			state.rateLimited += 1;
			const result = jsonError(429, 'Too many requests');
			result.headers = { 'Retry-After': String(retryAfter) };
			return result;
		}
		try {
			return await route(record, bodyError);
		} catch (error) {
			return jsonError(500, `Mock server error: ${error && error.message}`);
		}
	}

	/**
	 * Sends the status and headers at once, then the body one byte per interval, so a client's
	 * timeout fires mid-body. Stops as soon as the client goes away or the server closes; resolves
	 * when done either way.
	 */
	function trickleResponse(res, fault) {
		const payload = trickleBody(fault);
		res.writeHead(fault.status === undefined ? 200 : fault.status, {
			...(fault.headers || {}),
			'Content-Type': fault.contentType || 'application/json',
			'Content-Length': payload.length,
		});
		res.flushHeaders();
		return new Promise((resolve) => {
			let sent = 0;
			let timer;
			const stop = () => {
				clearInterval(timer);
				trickles.delete(stop);
				res.off('close', stop);
				resolve();
			};
			const writeNext = () => {
				if (closed || res.destroyed || res.socket === null || res.socket.destroyed) return stop();
				if (sent < payload.length) res.write(payload.subarray(sent, ++sent));
				if (sent >= payload.length) {
					res.end();
					stop();
				}
			};
			trickles.add(stop);
			// 'close' fires when the client disconnects (or the answer finished): no more writes.
			res.on('close', stop);
			timer = setInterval(writeNext, Math.max(1, Number(fault.trickle.intervalMs) || 0));
			if (payload.length === 0) writeNext();
		});
	}

	/**
	 * Sends the status, headers and the start of the body (rawBody/body), then goes silent without
	 * ending the answer, until the client goes away or the server closes.
	 */
	function stallResponse(res, fault) {
		res.writeHead(fault.status === undefined ? 200 : fault.status, {
			...(fault.headers || {}),
			'Content-Type': fault.contentType || 'application/json',
		});
		const payload = trickleBody({ ...fault, trickle: { bytes: 1 } });
		if (payload.length > 0) res.write(payload);
		else res.flushHeaders();
		return new Promise((resolve) => {
			const stop = () => {
				trickles.delete(stop);
				res.off('close', stop);
				resolve();
			};
			trickles.add(stop);
			res.on('close', stop);
		});
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
		let result;
		// A processed fault lets the request take effect first (invite created, quota used), then
		// answers in its stead: "Xobin did it, but the gateway said 502 / the line broke".
		if (fault && fault.processed && !closed) result = await handleNormally(record, bodyError, true);
		if (fault) await sleep(fault.delayMs);
		if (closed) return;

		if (fault && fault.drop) {
			req.socket.destroy();
			report(record, 'dropped', receivedAt);
			return;
		}
		if (fault && fault.stall) {
			await stallResponse(res, fault);
			report(record, res.statusCode, receivedAt);
			return;
		}
		if (fault && fault.trickle) {
			await trickleResponse(res, fault);
			report(record, res.statusCode, receivedAt);
			return;
		}

		if (fault && faultReplaces(fault)) {
			result = faultResponse(fault);
		} else {
			if (result === undefined) result = await handleNormally(record, bodyError, !fault);
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

	// XoForms, automated interviews and candidates add their state and methods: formsAndCandidates.js.
	return withFormsAndCandidates(state, options, {
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
			const perAssessmentCandidate = new Map();
			for (const invite of state.assessmentInvites) {
				const key = `${invite.assessment_id}|${String(invite.email).toLowerCase()}`;
				perAssessmentCandidate.set(key, (perAssessmentCandidate.get(key) || 0) + 1);
			}
			return {
				requests: state.requests.length,
				inFlight: state.inFlight,
				maxInFlight: state.maxInFlight,
				rateLimited: state.rateLimited,
				invites: state.invites.length,
				distinctCandidatesInvited: perCandidate.size,
				candidatesInvitedMoreThanOnce: [...perCandidate.values()].filter((n) => n > 1).length,
				assessmentInvites: state.assessmentInvites.length,
				distinctAssessmentCandidatesInvited: perAssessmentCandidate.size,
				assessmentCandidatesInvitedMoreThanOnce: [...perAssessmentCandidate.values()].filter(
					(n) => n > 1,
				).length,
			};
		},
		queueFault(fault) {
			if (fault.trickle !== undefined && !(fault.trickle && Number(fault.trickle.intervalMs) >= 0)) {
				throw new Error('queueFault: trickle needs { intervalMs: number, bytes?: number }');
			}
			state.faults.push({ ...fault, remaining: fault.times === undefined ? 1 : fault.times });
		},
		invitesFor(email) {
			const wanted = String(email).toLowerCase();
			return state.invites.filter((invite) => String(invite.email).toLowerCase() === wanted);
		},
		shareLinks: state.shareLinks,
		generationJobs: state.generationJobs,
		deliveries: state.deliveries,
		report(responseId) {
			const record = state.reports.get(Number(responseId));
			return record ? reportBody(record, false) : undefined;
		},
		async startInterview(responseId) {
			const record = reportRecord(responseId);
			record.invite_status = 'Started';
			record.last_updated_at = Date.now();
			return await fireEvent(record, 'start', startPayload(record));
		},
		async completeInterview(responseId, result = {}) {
			const record = reportRecord(responseId);
			const now = Date.now();
			record.result = { ...(record.pendingResult || defaultResult(record, now)), ...result };
			record.invite_status = 'Completed';
			record.last_updated_at = now;
			return await fireEvent(record, 'submission', submissionPayload(record));
		},
		webhookSettings(aiInterviewId) {
			const config =
				aiInterviewId === undefined
					? state.webhookSettings.global
					: state.webhookSettings.byInterview.get(String(aiInterviewId));
			return config ? JSON.parse(JSON.stringify(config)) : undefined;
		},
		setWebhooksAllowed(allowed) {
			state.webhooksAllowed = allowed;
		},
		setWebhookAuthSpelling(mode) {
			state.webhookAuthSpelling = checkAuthSpelling(mode);
		},
		setCustomFieldLookupSeesPending(seesPending) {
			state.customFieldLookupSeesPending = seesPending !== false;
		},
		assessmentInvites: state.assessmentInvites,
		assessmentEmailsSent: state.assessmentEmailsSent,
		assessmentShareLinks: state.assessmentShareLinks,
		get assessmentInvitesLeft() {
			return state.assessmentInvitesLeft;
		},
		setAssessmentInvitesLeft(n) {
			state.assessmentInvitesLeft = n;
		},
		assessmentInvitesFor(email) {
			const wanted = String(email).toLowerCase();
			return state.assessmentInvites.filter(
				(invite) => String(invite.email).toLowerCase() === wanted,
			);
		},
		assessmentReport(reportId) {
			const record = state.assessmentReports.get(Number(reportId));
			return record ? JSON.parse(JSON.stringify(assessmentReportBody(record))) : undefined;
		},
		knownAssessments() {
			return { ...state.assessments };
		},
		setBulkExhaustion(mode) {
			if (mode !== 'atomic' && mode !== 'partial') {
				throw new Error(`Unknown bulk exhaustion mode ${mode}; use atomic, partial`);
			}
			state.bulkExhaustion = mode;
		},
		omitFromBulkAnswer(emails) {
			for (const email of emails) state.bulkOmitted.add(String(email).trim().toLowerCase());
		},
		setBulkLowercasesEmails(lowercases) {
			state.bulkLowercasesEmails = lowercases === true;
		},
		assessmentWebhookSettings(assessmentId) {
			const config =
				assessmentId === undefined
					? state.assessmentWebhookSettings.global
					: state.assessmentWebhookSettings.byAssessment.get(String(assessmentId));
			return config ? JSON.parse(JSON.stringify(config)) : undefined;
		},
		setAssessmentWebhookAuthIgnored(ignored) {
			state.assessmentWebhookAuthIgnored = ignored === true;
		},
		async startAssessment(reportId) {
			const record = assessmentReportRecord(reportId);
			record.invite_status = 'Started';
			record.started_at = Date.now();
			const settings = effectiveAssessmentWebhookSettings(record.assessment_id);
			// The documented Start payload, key for key (A4.2).
			return await fireAssessmentEvent('assessmentStart', settings.start, settings.auth, {
				id: record.report_id,
				assessment_id: record.assessment_id,
				started_at: record.started_at,
				name: record.name,
				email: record.email,
			});
		},
		async submitAssessment(reportId, result = {}) {
			const record = assessmentReportRecord(reportId);
			record.result = { ...defaultAssessmentResult(record, Date.now()), ...result };
			record.invite_status = 'Completed';
			const settings = effectiveAssessmentWebhookSettings(record.assessment_id);
			// Not documented (B4): assumed to be the completed report plus `id`, keys in alphabetical order.
			const report = assessmentReportBody(record);
			const { assessment_id, candidate_id, completed_date, cut_off, email, ...rest } = report;
			const payload = {
				assessment_id,
				candidate_id,
				completed_date,
				cut_off,
				email,
				id: record.report_id,
				...rest,
			};
			return await fireAssessmentEvent(
				'assessmentSubmission',
				settings.submission,
				settings.auth,
				payload,
			);
		},
		async updateAssessment(assessmentId, update = {}) {
			const { event = 'assessments.updates', status = 'live', name } = update;
			if (event !== 'assessments.updates' && event !== 'assessments.create') {
				throw new Error(
					`Unknown assessment event ${event}; use assessments.create, assessments.updates`,
				);
			}
			const key = String(assessmentId);
			if (event === 'assessments.create') {
				state.assessments[key] =
					name !== undefined ? name : state.assessments[key] || `Assessment ${key}`;
			} else if (state.assessments[key] === undefined) {
				throw new Error(`The mock has no assessment ${assessmentId}`);
			} else if (name !== undefined) {
				state.assessments[key] = name;
			}
			const payload = {
				event,
				timestamp: new Date().toISOString().slice(0, 19),
				data: {
					assessment_id: Number(assessmentId),
					assessment_name: state.assessments[key],
					status,
					created_by: { ...RECRUITER },
					updated_by: { ...RECRUITER },
				},
			};
			// Only the account settings have an `updates` hook.
			const account = state.assessmentWebhookSettings.global || {};
			return await fireAssessmentEvent('assessmentUpdates', account.updates, account.auth, payload);
		},
		deliverWebhook,
		// TRACKS: trackApplicants, trackApplicant, seedTrackApplicants, trackEmailsSent.
		...trackMethods(state),
		reset() {
			state.requests.length = 0;
			state.invites.length = 0;
			state.emailsSent.length = 0;
			state.faults.length = 0;
			state.shareLinks.length = 0;
			state.generationJobs.length = 0;
			state.deliveries.length = 0;
			state.reports = seedReports();
			state.webhooksAllowed = true;
			state.webhookSettings = { global: null, byInterview: new Map() };
			state.webhookAuthSpelling = start.webhookAuthSpelling;
			state.customFieldLookupSeesPending = start.customFieldLookupSeesPending;
			state.nextCandidateId = FIRST_CANDIDATE_ID;
			state.invitesLeft = start.invitesLeft;
			state.latencyMs = start.latencyMs;
			state.bucket = makeBucket(start.rateLimit);
			state.maxInFlight = state.inFlight;
			state.rateLimited = 0;
			state.nextResponseId = FIRST_RESPONSE_ID;
			state.assessments = { ...start.assessments };
			state.assessmentInvitesLeft = start.assessmentInvitesLeft;
			state.nextReportId = FIRST_REPORT_ID;
			state.assessmentInvites.length = 0;
			state.assessmentEmailsSent.length = 0;
			state.assessmentShareLinks.length = 0;
			state.assessmentReports = seedAssessmentReports();
			state.assessmentWebhookSettings = { global: null, byAssessment: new Map() };
			state.assessmentWebhookAuthIgnored = false;
			state.bulkExhaustion = 'atomic';
			state.bulkOmitted.clear();
			state.bulkLowercasesEmails = false;
			// TRACKS
			state.tracks = createTrackState();
		},
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const stop of [...trickles]) stop();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		},
	});
}

/* ------------------------------------------------------------------------------------------------
 * CLI: node test/mock-xobin/server.js [--port 4010] [--invites N] [--assessment-invites N]
 *      [--latency MS] [--rate PER_SECOND]
 * --------------------------------------------------------------------------------------------- */

/** Accepts both "--port 4010" and "--port=4010". */
function parseCliArgs(argv) {
	const args = {
		port: 4010,
		invites: Infinity,
		'assessment-invites': Infinity,
		latency: 0,
		rate: 0,
	};
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
			`${error.message}\nUsage: node server.js [--port 4010] [--invites N] [--assessment-invites N] [--latency MS] [--rate PER_SECOND]`,
		);
		process.exit(2);
	}
	const mock = await startMockXobin({
		apiKey: MOCK_API_KEY,
		port: args.port,
		invitesLeft: args.invites,
		assessmentInvitesLeft: args['assessment-invites'],
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

module.exports = { startMockXobin, deliverWebhook, MOCK_API_KEY };
