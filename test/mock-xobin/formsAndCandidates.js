/*
 * XoForms, automated interviews and candidates for the mock Xobin server (fact sheet A7, A8):
 *   POST /forms/invite, POST /automated-interviews/invite, POST /candidate/resume/parse,
 *   POST /candidate/delete, POST /candidate/deletion/cancel.
 * Kept in its own module so server.js only plugs it in (its routes, and withFormsAndCandidates()
 * around the handle it returns). Its state lives in state.formsAndCandidates. Types: server.d.ts,
 * section "XoForms, automated interviews and candidates"; behaviour: docs/operations.md.
 */
'use strict';

const crypto = require('node:crypto');

/** Seeded from the fact sheet's silence: Xobin's docs show no form or automated-interview ids. */
const DEFAULT_FORMS = Object.freeze({ 4101: 'Application Form', 4102: 'Candidate Details Form' });
const DEFAULT_AUTOMATED_INTERVIEWS = Object.freeze({ 5101: 'Sales Screening', 5102: 'Support Screening' });

/** Response ids of new form / automated-interview invites, clear of every other id the mock hands out. */
const FIRST_FORM_RESPONSE_ID = 11001;
const FIRST_INTERVIEW_RESPONSE_ID = 12001;

/** Candidate ids of parsed resumes. */
const FIRST_PARSED_CANDIDATE_ID = 13001;

/** Candidates Xobin knows before any invite (besides every e-mail invited or parsed during the run). */
const SEEDED_CANDIDATE_EMAILS = Object.freeze(['alex.tanaka@example.com', 'garrett.bolton@example.com']);

const DELETION_DELAY_MS = 7 * 24 * 60 * 60 * 1000;
const REPORT_HOST = 'https://yourdomain.xobin.com';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INVITE_FORMATS = ['getlink', 'sendlink'];

const jsonError = (status, message) => ({ status, body: { error: message } });
/** The candidates pages' error shape (A8, B2): {"success": false, "error": "..."}. */
const candidateError = (status, message) => ({ status, body: { success: false, error: message } });
const isNonEmptyString = (value) => typeof value === 'string' && value.trim() !== '';
const isEmailAddress = (value) => typeof value === 'string' && EMAIL_PATTERN.test(value.trim());
const isJsonInteger = (value) => typeof value === 'number' && Number.isInteger(value);
const randomToken = () => crypto.randomBytes(18).toString('base64url');

/** Assumed, as for assessments: the documented 403 of the AI-interview invite. */
function invitesExhausted() {
	return { status: 403, body: { message: 'Invites Exhausted. Please contact support.', error: 'limit_exceed' } };
}

function isWebUrl(value) {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function readJsonObject(request) {
	if (request.bodyError) return { error: jsonError(400, 'Request body must be valid JSON') };
	const body = request.body;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { error: jsonError(400, 'Request body must be a JSON object') };
	}
	return { body };
}

function checkCandidate(body) {
	if (!isNonEmptyString(body.candidate_name)) return 'candidate_name is required and must be a non-empty string';
	if (!isEmailAddress(body.candidate_email)) return 'candidate_email is required and must be a valid email address';
	return undefined;
}

function freshState(start) {
	return {
		forms: { ...start.forms },
		automatedInterviews: { ...start.automatedInterviews },
		formInvitesLeft: start.formInvitesLeft,
		automatedInterviewInvitesLeft: start.automatedInterviewInvitesLeft,
		aiEvaluate: start.aiEvaluate,
		aiEvaluateCreditsLeft: start.aiEvaluateCredits,
		aiEvaluateCreditsUsed: 0,
		notFoundStatus: 404,
		nextFormResponseId: FIRST_FORM_RESPONSE_ID,
		nextInterviewResponseId: FIRST_INTERVIEW_RESPONSE_ID,
		nextParsedCandidateId: FIRST_PARSED_CANDIDATE_ID,
	};
}

/** POST /forms/invite (A7). */
function handleFormInvite({ request, state }) {
	const own = state.formsAndCandidates;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	const problem =
		checkCandidate(body) ||
		(isJsonInteger(body.form_id) ? undefined : 'form_id is required and must be an integer') ||
		(INVITE_FORMATS.includes(body.invite_format) ? undefined : 'invite_format must be either "getlink" or "sendlink"');
	if (problem) return jsonError(400, problem);
	const formName = own.forms[String(body.form_id)];
	if (formName === undefined) return jsonError(404, 'Form not found');
	if (own.formInvitesLeft <= 0) return invitesExhausted();
	own.formInvitesLeft -= 1;
	const invite = {
		name: body.candidate_name,
		email: body.candidate_email,
		invite_link: `${REPORT_HOST}/forms/invite/${randomToken()}`,
		form_id: body.form_id,
		form_response_id: own.nextFormResponseId++,
		form_name: formName,
		// Not documented (B5); the same "Pending" as the other invites.
		status: 'Pending',
	};
	own.formInvites.push({ ...invite, invite_format: body.invite_format });
	return { status: 200, body: invite };
}

/**
 * POST /automated-interviews/invite (A7). The docs' table says invite_type, their example
 * invite_format: either is accepted, both must agree when both are sent; the stored invite notes
 * which were sent (formatKeys).
 */
function handleAutomatedInterviewInvite({ request, state }) {
	const own = state.formsAndCandidates;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	const formatKeys = ['invite_format', 'invite_type'].filter((key) => body[key] !== undefined);
	const formats = formatKeys.map((key) => body[key]);
	const problem =
		checkCandidate(body) ||
		(isJsonInteger(body.interview_id) ? undefined : 'interview_id is required and must be an integer') ||
		(formats.length > 0 && formats.every((format) => INVITE_FORMATS.includes(format))
			? undefined
			: 'invite_format must be either "getlink" or "sendlink"') ||
		(new Set(formats).size === 1 ? undefined : 'invite_format and invite_type must be the same');
	if (problem) return jsonError(400, problem);
	const interviewName = own.automatedInterviews[String(body.interview_id)];
	if (interviewName === undefined) return jsonError(404, 'Interview not found');
	if (own.automatedInterviewInvitesLeft <= 0) return invitesExhausted();
	own.automatedInterviewInvitesLeft -= 1;
	const invite = {
		name: body.candidate_name,
		email: body.candidate_email,
		interview_name: interviewName,
		// Misspelled exactly as in Xobin's docs.
		interview_reponse_id: own.nextInterviewResponseId++,
		interview_id: body.interview_id,
		invite_link: `${REPORT_HOST}/interviews/invite/${randomToken()}`,
		status: 'Pending',
	};
	own.automatedInterviewInvites.push({ ...invite, invite_format: formats[0], formatKeys });
	return { status: 200, body: invite };
}

/** "https://…/alex-tanaka.pdf" → "Alex Tanaka": a parsed resume that reads plausibly. */
function nameFromUrl(url) {
	const file = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'candidate');
	const words = file.replace(/\.[a-z0-9]+$/i, '').split(/[-_.\s]+/).filter(Boolean);
	return (words.length ? words : ['candidate']).map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

/** POST /candidate/resume/parse (A8). The 403 bodies are ours: the docs state only the status. */
function handleParseResume({ request, state }) {
	const own = state.formsAndCandidates;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	if (!own.aiEvaluate) return candidateError(403, 'AI Evaluate is not enabled for this account');
	if (own.aiEvaluateCreditsLeft <= 0) return candidateError(403, 'No AI Evaluate credits left');
	if (!isWebUrl(body.resume)) return candidateError(400, 'resume is required and must be the URL of the resume file');
	if (body.only_parse !== undefined && typeof body.only_parse !== 'boolean') {
		return candidateError(400, 'only_parse must be true or false');
	}
	const onlyParse = body.only_parse === true;
	if (!onlyParse) {
		for (const key of ['job_description', 'criteria']) {
			if (!isNonEmptyString(body[key])) return candidateError(400, `${key} is required when only_parse is false`);
		}
	}
	own.aiEvaluateCreditsLeft -= 1;
	own.aiEvaluateCreditsUsed += 1;
	const name = nameFromUrl(body.resume);
	const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`;
	const answer = {
		candidate_id: own.nextParsedCandidateId++,
		resume_link: body.resume,
		parsed_resume: {
			name,
			email,
			phone: '+1 555 0100',
			applied_for: onlyParse ? null : 'Senior Data Engineer',
			educational_qualification: [
				{ degree: 'B.Sc. Computer Science', gpa: '3.7', graduation_year: '2016', institution: 'State University', summary: 'Databases and distributed systems' },
			],
			highlights: ['Built a streaming pipeline handling 2 TB a day'],
			interview_questions: ['How would you make a nightly batch job incremental?'],
			location: 'Remote',
			other_suitable_roles: ['Analytics Engineer'],
			skills: ['Python', 'SQL', 'Airflow'],
			summary: `${name} is a data engineer with eight years of experience.`,
			work_experience: [
				{ company: 'Example Corp', position: 'Data Engineer', start_year: '2018', end_year: 'Present', duties: ['Maintains the data warehouse'] },
			],
		},
	};
	if (!onlyParse) answer.fitment_score = 78;
	own.resumeParses.push({ request: { ...body }, answer: JSON.parse(JSON.stringify(answer)) });
	return { status: 200, body: answer };
}

/** Every e-mail Xobin knows as a candidate: seeded, invited to anything, or from a parsed resume. */
function knownEmails(state) {
	const own = state.formsAndCandidates;
	return new Set(
		[
			...SEEDED_CANDIDATE_EMAILS,
			...state.invites.map((invite) => invite.email),
			...(state.assessmentInvites || []).map((invite) => invite.email),
			...own.formInvites.map((invite) => invite.email),
			...own.automatedInterviewInvites.map((invite) => invite.email),
			...own.resumeParses.map((parse) => parse.answer.parsed_resume.email),
		].map((email) => String(email).trim().toLowerCase()),
	);
}

/** POST /candidate/delete (A8): schedules the deletion 7 days out; a second request schedules another task. */
function handleDeleteCandidate({ request, state }) {
	const own = state.formsAndCandidates;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	if (!isEmailAddress(body.email)) return candidateError(400, 'email is required and must be a valid email address');
	if (!knownEmails(state).has(body.email.trim().toLowerCase())) {
		return candidateError(own.notFoundStatus, 'Candidate not found');
	}
	const requestedAt = Date.now();
	const deletion = {
		task_id: crypto.randomUUID(),
		email: body.email,
		requested_at: requestedAt,
		scheduled_for: requestedAt + DELETION_DELAY_MS,
		status: 'scheduled',
	};
	own.candidateDeletions.push(deletion);
	return { status: 200, body: { success: true, message: 'Candidate scheduled for deletion', task_id: deletion.task_id } };
}

/** POST /candidate/deletion/cancel (A8): only a scheduled deletion inside its 7 days. */
function handleCancelDeletion({ request, state }) {
	const own = state.formsAndCandidates;
	const { body, error } = readJsonObject(request);
	if (error) return error;
	if (!isNonEmptyString(body.task_id)) return candidateError(400, 'task_id is required and must be a string');
	const deletion = own.candidateDeletions.find((entry) => entry.task_id === body.task_id);
	if (!deletion || deletion.status !== 'scheduled' || Date.now() >= deletion.scheduled_for) {
		return candidateError(own.notFoundStatus, 'Invalid task ID or no deletion found');
	}
	deletion.status = 'cancelled';
	return { status: 200, body: { success: true, message: 'Candidate deletion canceled successfully' } };
}

/** Routes for server.js's table (paths relative to /api/v2). */
const FORMS_AND_CANDIDATES_ROUTES = [
	{ path: '/forms/invite', methods: { POST: handleFormInvite } },
	{ path: '/automated-interviews/invite', methods: { POST: handleAutomatedInterviewInvite } },
	{ path: '/candidate/resume/parse', methods: { POST: handleParseResume } },
	{ path: '/candidate/delete', methods: { POST: handleDeleteCandidate } },
	{ path: '/candidate/deletion/cancel', methods: { POST: handleCancelDeletion } },
];

/**
 * Adds this module's state to `state` and its inspection methods to the mock's handle `mock`
 * (extending stats() and reset()); returns `mock`.
 */
function withFormsAndCandidates(state, options, mock) {
	const start = {
		forms: options.forms || DEFAULT_FORMS,
		automatedInterviews: options.automatedInterviews || DEFAULT_AUTOMATED_INTERVIEWS,
		formInvitesLeft: options.formInvitesLeft === undefined ? Infinity : options.formInvitesLeft,
		automatedInterviewInvitesLeft:
			options.automatedInterviewInvitesLeft === undefined ? Infinity : options.automatedInterviewInvitesLeft,
		aiEvaluate: options.aiEvaluate !== false,
		aiEvaluateCredits: options.aiEvaluateCredits === undefined ? Infinity : options.aiEvaluateCredits,
	};
	// Arrays are cleared in place by reset() so references a test already holds stay live.
	const lists = { formInvites: [], automatedInterviewInvites: [], resumeParses: [], candidateDeletions: [] };
	state.formsAndCandidates = { ...freshState(start), ...lists };
	const own = () => state.formsAndCandidates;
	const { stats, reset } = mock;
	const extra = {
		...lists,
		get formInvitesLeft() {
			return own().formInvitesLeft;
		},
		setFormInvitesLeft(n) {
			own().formInvitesLeft = n;
		},
		get automatedInterviewInvitesLeft() {
			return own().automatedInterviewInvitesLeft;
		},
		setAutomatedInterviewInvitesLeft(n) {
			own().automatedInterviewInvitesLeft = n;
		},
		setAiEvaluate(enabled) {
			own().aiEvaluate = enabled !== false;
		},
		get aiEvaluateCreditsLeft() {
			return own().aiEvaluateCreditsLeft;
		},
		setAiEvaluateCredits(n) {
			own().aiEvaluateCreditsLeft = n;
		},
		get aiEvaluateCreditsUsed() {
			return own().aiEvaluateCreditsUsed;
		},
		setCandidateErrorStatus(status) {
			own().notFoundStatus = status;
		},
		expireDeletion(taskId) {
			const deletion = own().candidateDeletions.find((entry) => entry.task_id === taskId);
			if (!deletion) throw new Error(`The mock has no deletion task ${taskId}`);
			deletion.scheduled_for = Date.now();
		},
		stats() {
			return {
				...stats.call(mock),
				formInvites: own().formInvites.length,
				automatedInterviewInvites: own().automatedInterviewInvites.length,
				resumeParses: own().resumeParses.length,
				candidateDeletions: own().candidateDeletions.length,
			};
		},
		reset() {
			reset.call(mock);
			for (const list of Object.values(lists)) list.length = 0;
			Object.assign(state.formsAndCandidates, freshState(start));
		},
	};
	return Object.defineProperties(mock, Object.getOwnPropertyDescriptors(extra));
}

module.exports = { FORMS_AND_CANDIDATES_ROUTES, withFormsAndCandidates };
