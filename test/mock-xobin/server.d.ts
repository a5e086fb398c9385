/*
 * Type declarations for the mock Xobin API v2 server (server.js), so TypeScript jest specs can
 * `import { startMockXobin, MOCK_API_KEY } from '../test/mock-xobin/server'`.
 */

/** The API key the mock accepts by default. Obviously fake. */
export declare const MOCK_API_KEY: string;

export interface MockXobinOptions extends MockFormsAndCandidatesOptions {
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
	/**
	 * Known assessments, id -> name. Default: { 53280: 'Customer Support Assessment', 12345:
	 * 'Sample Assessment', 138: 'Data Analyst Test' } (the ids of Xobin's doc examples).
	 */
	assessments?: Record<number | string, string>;
	/**
	 * Assessment invite quota, counted apart from `invitesLeft` (AI interviews). Each invited
	 * candidate (single or bulk) uses one; at 0 the invite endpoints answer 403 limit_exceed. Default: Infinity.
	 */
	assessmentInvitesLeft?: number;
	/** Which api-key spelling the webhook settings endpoints read (see setWebhookAuthSpelling). Default: 'either'. */
	webhookAuthSpelling?: MockWebhookAuthSpelling;
	/** false: GET /ai-interviews/report?custom_field_id=… does not see Pending invites. Default: true. */
	customFieldLookupSeesPending?: boolean;
	/** Called after each request is answered (or dropped); the CLI uses it for its request log. */
	onResponse?: (entry: {
		method: string;
		path: string;
		status: number | 'dropped';
		ms: number;
	}) => void;
}

/**
 * How the webhook settings endpoints read `auth.apikey`: 'either' accepts key/value and
 * header/apikey (400 when neither pair is complete); 'keyValue' reads only key/value (the
 * per-interview docs page); 'headerApikey' reads only header/apikey (the global page's response).
 * The strict modes store missing fields as missing, without a 400, and deliveries then carry no
 * secret header.
 */
export type MockWebhookAuthSpelling = 'either' | 'keyValue' | 'headerApikey';

export interface MockRateLimit {
	/** Requests per second refilled into the bucket. */
	perSecond: number;
	/** Bucket size (requests allowed in a burst). Default: perSecond. */
	burst?: number;
}

export interface MockStats extends MockFormsAndCandidatesStats {
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
	/** Candidates invited to assessments (single and bulk; every bulk entry counts, duplicates included). */
	assessmentInvites: number;
	/** Distinct (assessment, lower-cased email) pairs invited, and how many of them were invited twice or more. */
	distinctAssessmentCandidatesInvited: number;
	assessmentCandidatesInvitedMoreThanOnce: number;
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

/** A report as GET /ai-interviews/report answers it (result fields are null until completed). */
export interface MockReport {
	ai_interview_id: number;
	ai_interview_name: string;
	candidate_email: string;
	candidate_id: number;
	candidate_name: string;
	candidate_summary: string | null;
	completed_date: string | null;
	integrity_score: number | null;
	invite_status: string;
	pdf_link: string | null;
	recommendation: string | null;
	response_id: number;
	custom_field_id: string;
	score: number | null;
	report_link: string | null;
	interview_recording: Record<string, string> | null;
	skill_wise_scores: unknown;
	conversation: unknown;
}

/** What completeInterview() records; anything left out gets a plausible default. */
export interface MockInterviewResult {
	candidate_summary?: string;
	completed_date?: string;
	integrity_score?: number;
	recommendation?: string;
	score?: number;
	interview_recording?: Record<string, string>;
	skill_wise_scores?: unknown;
	conversation?: unknown;
}

/** One stored AI-interview webhook configuration (api-key spellings normalised to key/value). */
export interface MockWebhookConfig {
	start?: { status: boolean; url: string | null };
	submission?: { status: boolean; url: string | null };
	auth?: {
		type: 'apikey' | 'basic';
		status: boolean;
		/** key or value is absent when a strict spelling did not find it (no secret header is sent then). */
		apikey?: { key?: string; value?: string };
		basic?: { username: string; password: string };
	};
}

/** What a webhook receiver answered. */
export interface WebhookAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, the text when not JSON, undefined when empty. */
	body: unknown;
}

/** The 200 body of POST /assessments/invite (single). */
export interface MockAssessmentInviteResponse {
	email: string;
	report_id: number;
	candidate_id: number;
	assessment_id: number;
	invite_link: string;
	name: string;
	status: string;
}

/** One entry of `invites` in the 200 body of POST /assessment/invite (bulk). */
export interface MockBulkAssessmentInvite {
	name: string;
	/** As sent, or lower-cased after setBulkLowercasesEmails(true). */
	email: string;
	report_id: number;
	candidate_id: number;
	assessment_id: number;
	invite_link: string;
	status: string;
}

/** One invited candidate as the mock recorded it (mock.assessmentInvites). */
export interface MockAssessmentInvite extends MockAssessmentInviteResponse {
	/** Always the e-mail as sent (also when the bulk answer lower-cased it). */
	email: string;
	invite_format: 'getlink' | 'sendlink';
	expiry_date: string | null;
	/** Which endpoint invited the candidate: POST /assessments/invite or POST /assessment/invite. */
	via: 'single' | 'bulk';
	/** false when omitFromBulkAnswer left the candidate out of the bulk answer (invited all the same). */
	inAnswer: boolean;
}

export interface MockAssessmentSection {
	percentage: number;
	section: string;
	skill_wise_score: Array<{ skill: string; percentage: number }>;
}

/** GET /assessments/report for a completed assessment: exactly the documented keys. */
export interface MockCompletedAssessmentReport {
	assessment_id: number;
	candidate_id: number;
	completed_date: string;
	cut_off: number;
	email: string;
	invite_status: 'Completed';
	name: string;
	offtab_count: number;
	overall_percentage: number;
	registration_fields: Array<{ label: string; value: string }>;
	report_id: number;
	report_link: string;
	sections: MockAssessmentSection[];
}

/** GET /assessments/report before completion: only these six keys. */
export interface MockUnfinishedAssessmentReport {
	assessment_id: number;
	candidate_id: number;
	email: string;
	invite_status: 'Pending' | 'Started';
	name: string;
	report_id: number;
}

export type MockAssessmentReport = MockCompletedAssessmentReport | MockUnfinishedAssessmentReport;

/** What submitAssessment() records, merged over plausible defaults (overall 72.5, cut_off 60, two sections). */
export interface MockAssessmentResult {
	completed_date?: string;
	cut_off?: number;
	offtab_count?: number;
	overall_percentage?: number;
	registration_fields?: Array<{ label: string; value: string }>;
	report_link?: string;
	sections?: MockAssessmentSection[];
}

/**
 * Stored assessment webhook settings. The account's may have `updates`; an assessment's own never
 * does. `auth` is stored only from bodies with updateAuth: true.
 */
export interface MockAssessmentWebhookConfig extends MockWebhookConfig {
	updates?: { status: boolean; url: string | null };
}

/** What updateAssessment() sends in its create / update event. */
export interface MockAssessmentUpdate {
	/** Default 'assessments.updates'. 'assessments.create' also adds the assessment to the known ones. */
	event?: 'assessments.updates' | 'assessments.create';
	/** data.status. Default 'live'. */
	status?: string;
	/** New name (data.assessment_name); for create the default is 'Assessment <id>'. */
	name?: string;
}

/**
 * How a bulk invite with more candidates than invites left behaves: 'atomic' (default) refuses the
 * whole request with 403 limit_exceed; 'partial' invites the first ones that fit and answers 200
 * with only those. With no invites left at all, both answer 403.
 */
export type MockBulkExhaustion = 'atomic' | 'partial';

/** One webhook the mock sent as Xobin (startInterview / completeInterview and the assessment events). */
export interface MockDelivery {
	/**
	 * 'start' / 'submission': AI interviews. 'assessmentStart' / 'assessmentSubmission' /
	 * 'assessmentUpdates': assessments (these always carry the header x-company-id: 4242).
	 */
	event: 'start' | 'submission' | 'assessmentStart' | 'assessmentSubmission' | 'assessmentUpdates';
	url: string;
	headers: Record<string, string>;
	payload: Record<string, unknown>;
	/** The receiver's status and body, once it answered. */
	status?: number;
	response?: unknown;
}

/** POSTs `payload` as JSON to `url` with the extra headers; resolves with the receiver's answer. */
export declare function deliverWebhook(
	url: string,
	payload: unknown,
	headers?: Record<string, string>,
): Promise<WebhookAnswer>;

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
	rawBody?: string | Buffer;
	contentType?: string;
	/** Extra response headers. On a delay-only fault they are added to the normal response. */
	headers?: Record<string, string>;
	/**
	 * Extra delay on top of the latency. A fault with no status/body/rawBody/drop/trickle just delays,
	 * then the request is handled normally. With `processed`, the delay comes after the handling.
	 */
	delayMs?: number;
	/** Destroy the socket without any response. */
	drop?: boolean;
	/**
	 * Handle the request normally first (rate limit, auth, routing: an invite is created, quota
	 * used), then answer with the fault instead (status/body/rawBody/headers, drop, trickle), after
	 * `delayMs`. A processed delay-only fault sends the real answer late. Without it, the request
	 * is not processed at all.
	 */
	processed?: boolean;
	/**
	 * Send the status (default 200 here) and headers at once, then the body one byte every
	 * `intervalMs`. The body is rawBody/body when given, else a JSON text padded with spaces to
	 * `bytes` (default 100000). Writing stops when the client goes away or the server closes.
	 */
	trickle?: MockTrickle;
	/**
	 * Send the status (default 200 here), the headers and rawBody/body (e.g. '{"email":') at once,
	 * then nothing more, never ending the answer: a server that stalls mid-answer.
	 */
	stall?: boolean;
	/** Lets this many matching requests through untouched before the fault applies. Default: 0. */
	after?: number;
	/** How many matching requests the fault applies to. Default: 1. */
	times?: number;
}

export interface MockTrickle {
	/** Milliseconds between two bytes of the body. */
	intervalMs: number;
	/** Size of the padded default body (ignored when the fault has body/rawBody). Default 100000. */
	bytes?: number;
}

/* ---- TRACKS (tracks.js) ---------------------------------------------------------------------- */

/** One applicant as the mock stores it (the list entry's fields plus what the mock keeps). */
export interface MockTrackApplicant {
	application_id: number;
	candidate_id: number;
	name: string;
	email: string;
	/** Always a string: Xobin's stage ids are text ('stg_applied', '0012', …). */
	stage_id: string;
	stage_status: string;
	score: number | null;
	date_added: string;
	last_updated_at: string;
	invite_status: 'Pending' | 'Added' | 'Completed';
	mode: 'invite' | 'direct';
	invite_link?: string | null;
	fields: Record<string, unknown>;
}

/** An email the mock "sent" for Add Applicant (send_email) or Reject Applicant (send_email). */
export interface MockTrackEmail {
	email: string;
	kind: 'added' | 'rejected';
	message?: string;
}

/** The handle's track methods. Tracks: 6578 "Backend Engineer" (active), 6579 "Data Analyst" (inactive, empty). */
export interface MockXobinTracks {
	/** Applicants of a track in the order added (a copy). Throws for an unknown track. */
	trackApplicants(trackId: number): MockTrackApplicant[];
	/** GET /tracks/:trackId/applicants/:applicationId's answer, or undefined. */
	trackApplicant(trackId: number, applicationId: number): Record<string, unknown> | undefined;
	/**
	 * Adds `count` direct-mode applicants "Applicant n" <applicantn.<trackId>@example.com>, one hour
	 * apart from `firstAddedAt` (default 2025-01-01 00:00 UTC), in `stageId` (default the first
	 * stage). Returns their application ids.
	 */
	seedTrackApplicants(
		trackId: number,
		count: number,
		values?: { stageId?: string; stageStatus?: string; firstAddedAt?: number },
	): number[];
	/** Emails the mock "sent" (a copy). */
	trackEmailsSent(): MockTrackEmail[];
	/**
	 * The `error` text of the 409 for an email already in the track (Xobin's docs do not give it),
	 * e.g. 'State conflict'. Default 'Applicant with this email already exists in this track'.
	 */
	setTrackConflictMessage(message: string): void;
	/** Adds an empty active track with the stages of 6578 (stage ids 'stg_applied', '0012', …). */
	addTrack(trackId: number, title?: string): void;
	/** POST /tracks/:trackId/applicants in direct mode, through its handler; its 201 body. Throws otherwise. */
	addTrackApplicant(
		trackId: number,
		applicant: { name: string; email: string; stageId?: string },
	): Record<string, unknown>;
	/** PATCH /tracks/:trackId/applicants/:applicationId/(move|hire|reject) through its handler; its 200 body. Throws otherwise. */
	changeTrackApplicant(
		trackId: number,
		applicationId: number,
		action: 'move' | 'hire' | 'reject',
		body?: Record<string, unknown>,
	): Record<string, unknown>;
}

/* ---- end TRACKS ------------------------------------------------------------------------------- */

export interface MockXobin extends MockFormsAndCandidates, MockXobinTracks {
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
	/**
	 * Queues a fault, checked before auth and validation; the first matching queued fault wins.
	 * Throws when `trickle` has no numeric intervalMs.
	 */
	queueFault(fault: MockFault): void;
	/** Successful invites of this e-mail address (case-insensitive), any interview, in order. */
	invitesFor(email: string): MockInviteResponse[];
	/** Share links handed out: response_id and expiration_hours of each. */
	readonly shareLinks: Array<{ response_id: number; expiration_hours: number }>;
	/** Generation jobs queued by POST /ai-interviews/generate-interview, with the request body. */
	readonly generationJobs: Array<{ job_id: string; status: string; message: string; request: Record<string, unknown> }>;
	/** Webhooks sent by startInterview / completeInterview / startAssessment / submitAssessment / updateAssessment. */
	readonly deliveries: MockDelivery[];
	/** The report of a response as the API would answer it, or undefined. */
	report(responseId: number): MockReport | undefined;
	/**
	 * The candidate starts the interview: status "Started", and the Start payload is POSTed to the
	 * URL in the webhook settings (the interview's own, else the account's) with the configured auth.
	 * Resolves with the receiver's answer, or undefined when the Start webhook is not switched on.
	 */
	startInterview(responseId: number): Promise<WebhookAnswer | undefined>;
	/** The candidate completes the interview: status "Completed", result recorded, Submission POSTed. */
	completeInterview(responseId: number, result?: MockInterviewResult): Promise<WebhookAnswer | undefined>;
	/** Stored webhook settings of an AI interview, or the account's when no id is given. */
	webhookSettings(aiInterviewId?: number): MockWebhookConfig | undefined;
	/** false: the webhook settings endpoints (AI interviews and assessments) answer 403 (a plan without Workflows). Default true. */
	setWebhooksAllowed(allowed: boolean): void;
	/** Which api-key spelling the webhook settings endpoints read from now on. Throws on an unknown mode. */
	setWebhookAuthSpelling(mode: MockWebhookAuthSpelling): void;
	/**
	 * false: the custom_field_id report lookup skips Pending reports (404 "No report found for this
	 * custom_field_id" while the only match is Pending). Xobin's docs do not say. Default true.
	 */
	setCustomFieldLookupSeesPending(seesPending: boolean): void;
	/** Candidates invited to assessments (single and bulk), in order. Cleared in place by reset(). */
	readonly assessmentInvites: MockAssessmentInvite[];
	/** E-mails of candidates invited to assessments with `sendlink` (kept apart from emailsSent). */
	readonly assessmentEmailsSent: string[];
	/** Assessment share links handed out (kept apart from shareLinks). */
	readonly assessmentShareLinks: Array<{
		report_id: number;
		assessment_id: number;
		expiration_hours: number;
	}>;
	/** Assessment invites left (separate from invitesLeft). */
	readonly assessmentInvitesLeft: number;
	setAssessmentInvitesLeft(n: number): void;
	/** Assessment invites of this e-mail address (case-insensitive), any assessment, in order. */
	assessmentInvitesFor(email: string): MockAssessmentInvite[];
	/** The assessment report as GET /assessments/report would answer it, or undefined. */
	assessmentReport(reportId: number): MockAssessmentReport | undefined;
	/** A copy of the known assessments, id -> name (start option plus those created by updateAssessment). */
	knownAssessments(): Record<string, string>;
	/** How bulk invites behave when fewer invites are left than candidates sent. Throws on an unknown mode. Default 'atomic'. */
	setBulkExhaustion(mode: MockBulkExhaustion): void;
	/**
	 * Bulk invites still invite these e-mails (case-insensitive) but leave them out of the answer's
	 * `invites`. Adds to the list; reset() clears it.
	 */
	omitFromBulkAnswer(emails: string[]): void;
	/** true: the bulk answer echoes e-mails lower-cased. Default false. */
	setBulkLowercasesEmails(lowercases: boolean): void;
	/** Stored assessment webhook settings of an assessment, or the account's when no id is given. */
	assessmentWebhookSettings(assessmentId?: number): MockAssessmentWebhookConfig | undefined;
	/**
	 * true: a Xobin that ignores auth in assessment webhook settings (accepted with 200, not stored)
	 * and sends assessment webhooks without any auth header. Default false.
	 */
	setAssessmentWebhookAuthIgnored(ignored: boolean): void;
	/**
	 * The candidate starts: status "Started", and the documented Start payload
	 * {id, assessment_id, started_at (epoch ms), name, email} is POSTed to the start URL (the
	 * assessment's own, else the account's) with the auth header and x-company-id. Resolves with the
	 * receiver's answer, or undefined when the Start webhook is off. Throws on an unknown report.
	 */
	startAssessment(reportId: number): Promise<WebhookAnswer | undefined>;
	/**
	 * The candidate submits: status "Completed", `result` merged over defaults, and the Submission
	 * payload (assumed: the completed report's keys plus `id` = report_id) POSTed like startAssessment.
	 */
	submitAssessment(
		reportId: number,
		result?: MockAssessmentResult,
	): Promise<WebhookAnswer | undefined>;
	/**
	 * A recruiter creates or changes an assessment: {event, timestamp, data: {assessment_id,
	 * assessment_name, status, created_by, updated_by}} POSTed to the ACCOUNT's `updates` URL.
	 * Throws for an unknown event, or for 'assessments.updates' on an unknown assessment.
	 */
	updateAssessment(
		assessmentId: number,
		update?: MockAssessmentUpdate,
	): Promise<WebhookAnswer | undefined>;
	/** The bare POST used for deliveries, for sending any payload to any URL. */
	deliverWebhook: typeof deliverWebhook;
	/**
	 * Clears requests, invites, emailsSent, faults, share links, jobs, deliveries and webhook
	 * settings; restores quota, latency, the seeded reports, the id counters, the webhook auth
	 * spelling and the custom_field_id lookup setting (to their start options: 'either' and true
	 * by default). For assessments: clears assessmentInvites, assessmentEmailsSent,
	 * assessmentShareLinks, the omitFromBulkAnswer list and the assessment webhook settings;
	 * restores the known assessments, the assessment quota, the seeded reports 318 / 319, report ids
	 * from 9001, and the defaults 'atomic', no lower-casing, auth not ignored. Tracks go back to
	 * their seeded state (6578 with application 67865, 6579 empty; new ids from 67866).
	 */
	reset(): void;
	/** Closes the server, open sockets, pending delays and trickling answers. */
	close(): Promise<void>;
}

export declare function startMockXobin(options?: MockXobinOptions): Promise<MockXobin>;

/* ------------------------------------------------------------------------------------------------
 * XoForms, automated interviews and candidates (formsAndCandidates.js; fact sheet A7, A8). These
 * interfaces are extended by MockXobinOptions, MockStats and MockXobin above.
 * --------------------------------------------------------------------------------------------- */

export interface MockFormsAndCandidatesOptions {
	/** Known XoForms, id -> name. Default: { 4101: 'Application Form', 4102: 'Candidate Details Form' }. */
	forms?: Record<number | string, string>;
	/** Known automated interviews, id -> name. Default: { 5101: 'Sales Screening', 5102: 'Support Screening' }. */
	automatedInterviews?: Record<number | string, string>;
	/** XoForm invite quota (apart from the others); at 0 POST /forms/invite answers 403 limit_exceed. Default: Infinity. */
	formInvitesLeft?: number;
	/** Automated-interview invite quota; at 0 POST /automated-interviews/invite answers 403 limit_exceed. Default: Infinity. */
	automatedInterviewInvitesLeft?: number;
	/** false: POST /candidate/resume/parse answers 403 (an account without AI Evaluate). Default: true. */
	aiEvaluate?: boolean;
	/** AI Evaluate credits; each parse spends one, at 0 the parse answers 403. Default: Infinity. */
	aiEvaluateCredits?: number;
}

export interface MockFormsAndCandidatesStats {
	formInvites: number;
	automatedInterviewInvites: number;
	/** Resume parses that spent a credit. */
	resumeParses: number;
	/** Deletions scheduled (each request schedules one, the same e-mail again included). */
	candidateDeletions: number;
}

/** The 200 body of POST /forms/invite. */
export interface MockFormInviteResponse {
	name: string;
	email: string;
	invite_link: string;
	form_id: number;
	/** From 11001. */
	form_response_id: number;
	form_name: string;
	status: string;
}

/** The 200 body of POST /automated-interviews/invite; `interview_reponse_id` is misspelled as in Xobin's docs. */
export interface MockAutomatedInterviewInviteResponse {
	name: string;
	email: string;
	interview_name: string;
	/** From 12001. */
	interview_reponse_id: number;
	interview_id: number;
	invite_link: string;
	status: string;
}

/** The 200 body of POST /candidate/resume/parse; fitment_score only when only_parse is not true. */
export interface MockParsedResume {
	/** From 13001. */
	candidate_id: number;
	resume_link: string;
	parsed_resume: Record<string, unknown> & { name: string; email: string };
	fitment_score?: number;
}

export interface MockCandidateDeletion {
	/** A random UUID string. */
	task_id: string;
	email: string;
	requested_at: number;
	/** requested_at + 7 days (expireDeletion() moves it to now). */
	scheduled_for: number;
	status: 'scheduled' | 'cancelled';
}

export interface MockFormsAndCandidates {
	/** Form invites, with the invite_format sent. Cleared in place by reset(). */
	readonly formInvites: Array<MockFormInviteResponse & { invite_format: string }>;
	/** Automated-interview invites, with the format and which of invite_format / invite_type carried it. */
	readonly automatedInterviewInvites: Array<
		MockAutomatedInterviewInviteResponse & {
			invite_format: string;
			formatKeys: Array<'invite_format' | 'invite_type'>;
		}
	>;
	/** Resume parses that spent a credit: the request body and the answer. */
	readonly resumeParses: Array<{ request: Record<string, unknown>; answer: MockParsedResume }>;
	/** Deletions scheduled by POST /candidate/delete, cancelled ones included. */
	readonly candidateDeletions: MockCandidateDeletion[];
	readonly formInvitesLeft: number;
	setFormInvitesLeft(n: number): void;
	readonly automatedInterviewInvitesLeft: number;
	setAutomatedInterviewInvitesLeft(n: number): void;
	/** false: the parse answers 403 {"success": false, "error": "AI Evaluate is not enabled for this account"}. */
	setAiEvaluate(enabled: boolean): void;
	readonly aiEvaluateCreditsLeft: number;
	/** At 0 the parse answers 403 {"success": false, "error": "No AI Evaluate credits left"}. */
	setAiEvaluateCredits(n: number): void;
	readonly aiEvaluateCreditsUsed: number;
	/** Status of "Candidate not found" and "Invalid task ID or no deletion found" (the docs give none). Default 404. */
	setCandidateErrorStatus(status: number): void;
	/** The 7 days of this deletion have passed: Cancel Deletion answers "no deletion found". Throws on an unknown task. */
	expireDeletion(taskId: string): void;
}
