/*
 * Mock Xobin, Tracks (fact sheet A6, the new-version endpoints): applicants added, listed (paged),
 * read, moved, rejected and hired, and track / account statistics. Kept apart from server.js, which
 * wires it in at five places marked TRACKS (the require, ROUTES, state, the handle, reset), so other resources can be
 * added to server.js without touching this file.
 *
 * Handlers are (ctx) => ({ status, body }) with ctx = { request, params, state }; their data lives
 * in ctx.state.tracks (createTrackState()).
 */

'use strict';

const crypto = require('node:crypto');

const MAX_PER_PAGE = 200;
const DEFAULT_PER_PAGE = 25;
const FIRST_APPLICATION_ID = 67866; // 67865 is the seeded one (the docs' example)
const FIRST_TRACK_CANDIDATE_ID = 60001;
const INVITE_HOST = 'https://yourdomain.xobin.com';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMEFRAME_FIELDS = ['date_added', 'last_updated_at'];
const SORT_FIELDS = ['application_id', 'date_added', 'last_updated_at', 'name', 'score'];
const ALREADY_EXISTS = 'Applicant with this email already exists in this track';
const NOT_IN_SOURCE_STAGE = 'Applicant is not in the source stage';

/** Stage ids are strings (A2); '0012' checks that clients never turn them into numbers. */
const BACKEND_STAGES = Object.freeze([
	{ stage_id: 'stg_applied', name: 'Applied', type: 'applied', color: '#9e9e9e' },
	{ stage_id: 'stg_assessment', name: 'Assessment', type: 'assessment', color: '#2196f3' },
	{ stage_id: '0012', name: 'Technical Interview', type: 'interview', color: '#ff9800' },
	{ stage_id: 'stg_hired', name: 'Hired', type: 'hired', color: '#4caf50' },
	{ stage_id: 'stg_rejected', name: 'Rejected', type: 'rejected', color: '#f44336' },
]);

function jsonError(status, message) {
	return { status, body: { error: message } };
}

function isNonEmptyString(value) {
	return typeof value === 'string' && value.trim() !== '';
}

function iso(ms) {
	return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** Fresh tracks: 6578 "Backend Engineer" (active, application 67865) and 6579 "Data Analyst" (inactive, empty). */
function createTrackState() {
	const tracks = new Map();
	const created = Date.UTC(2025, 5, 1, 9, 0);
	tracks.set(6578, {
		track_id: 6578,
		title: 'Backend Engineer',
		active: true,
		created_at: iso(created),
		updated_at: iso(Date.UTC(2025, 6, 10, 12, 0)),
		stages: BACKEND_STAGES.map((stage) => ({ ...stage })),
		requiredFields: ['name', 'email'],
		applicants: [
			{
				application_id: 67865,
				candidate_id: 7401,
				name: 'Alex Tanaka',
				email: 'alex.tanaka@example.com',
				stage_id: 'stg_assessment',
				stage_status: 'Completed',
				score: 78.5,
				date_added: iso(Date.UTC(2025, 6, 1, 10, 0)),
				last_updated_at: iso(Date.UTC(2025, 6, 10, 12, 0)),
				invite_status: 'Completed',
				mode: 'direct',
				fields: { name: 'Alex Tanaka', email: 'alex.tanaka@example.com', phone: '+1 555 0101' },
			},
		],
	});
	tracks.set(6579, {
		track_id: 6579,
		title: 'Data Analyst',
		active: false,
		created_at: iso(created),
		updated_at: iso(Date.UTC(2025, 5, 2, 9, 0)),
		stages: [
			{ stage_id: 'stg_applied', name: 'Applied', type: 'applied', color: '#9e9e9e' },
			{ stage_id: 'stg_hired', name: 'Hired', type: 'hired', color: '#4caf50' },
			{ stage_id: 'stg_rejected', name: 'Rejected', type: 'rejected', color: '#f44336' },
		],
		requiredFields: ['name', 'email'],
		applicants: [],
	});
	return {
		tracks,
		nextApplicationId: FIRST_APPLICATION_ID,
		nextCandidateId: FIRST_TRACK_CANDIDATE_ID,
		emailsSent: [],
		// The words of the "already in the track" 409: Xobin's docs do not give them.
		conflictMessage: ALREADY_EXISTS,
	};
}

/** The track of :trackId, or the error answer. */
function findTrack(ctx) {
	const text = ctx.params.trackId;
	if (!/^\d+$/.test(text)) return { error: jsonError(400, 'track_id must be an integer') };
	const track = ctx.state.tracks.tracks.get(Number(text));
	return track ? { track } : { error: jsonError(404, 'Track not found') };
}

function findApplicant(ctx, track) {
	const text = ctx.params.applicationId;
	if (!/^\d+$/.test(text)) return { error: jsonError(400, 'application_id must be an integer') };
	const applicant = track.applicants.find((entry) => entry.application_id === Number(text));
	return applicant ? { applicant } : { error: jsonError(404, 'Applicant not found') };
}

/** The JSON object body; an empty body counts as {} where every field is optional (reject, hire). */
function readBody(request, emptyAllowed) {
	if (request.rawBody === '' && emptyAllowed) return { body: {} };
	if (request.bodyError) return { error: jsonError(400, 'Request body must be valid JSON') };
	const body = request.body;
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return { error: jsonError(400, 'Request body must be a JSON object') };
	return { body };
}

function stageRef(track, stageId) {
	const stage = track.stages.find((entry) => entry.stage_id === stageId) || {};
	return { stage_id: stageId, name: stage.name, type: stage.type };
}

function stageOfType(track, type) {
	return track.stages.find((stage) => stage.type === type);
}

/** "fields" as an object, or as a list of {key|label, value}; undefined when neither. */
function fieldsObject(fields) {
	if (fields && typeof fields === 'object' && !Array.isArray(fields)) return fields;
	if (!Array.isArray(fields)) return undefined;
	const result = {};
	for (const entry of fields) {
		const key = entry && (entry.key || entry.label);
		if (!isNonEmptyString(key)) return undefined;
		result[key] = entry.value;
	}
	return result;
}

/** A real "YYYY-MM-DD" day, as ms at its start (UTC), or null. */
function parseDay(value) {
	const match = DAY_PATTERN.exec(String(value));
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day);
	const date = new Date(ms);
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : null;
}

/** Reads from_date / to_date / timeframe_field; { range } or { error }. */
function readTimeframe(query) {
	const range = { field: 'date_added', from: null, to: null };
	if (query.timeframe_field !== undefined) {
		if (!TIMEFRAME_FIELDS.includes(query.timeframe_field))
			return { error: jsonError(400, 'timeframe_field must be date_added or last_updated_at') };
		range.field = query.timeframe_field;
	}
	for (const key of ['from_date', 'to_date']) {
		if (query[key] === undefined) continue;
		const ms = parseDay(query[key]);
		if (ms === null)
			return { error: jsonError(400, `${key} must be a date in the form YYYY-MM-DD`) };
		range[key === 'from_date' ? 'from' : 'to'] = ms;
	}
	return { range };
}

function inRange(applicant, range) {
	const at = Date.parse(applicant[range.field]);
	if (range.from !== null && at < range.from) return false;
	if (range.to !== null && at >= range.to + 86400000) return false;
	return true;
}

function listEntry(track, applicant) {
	const stage = stageRef(track, applicant.stage_id);
	return {
		application_id: applicant.application_id,
		candidate_id: applicant.candidate_id,
		name: applicant.name,
		email: applicant.email,
		stage_id: applicant.stage_id,
		stage_name: stage.name,
		stage_type: stage.type,
		stage_status: applicant.stage_status,
		score: applicant.score,
		date_added: applicant.date_added,
		last_updated_at: applicant.last_updated_at,
	};
}

/** Adds one applicant to a track (used by POST and by seedTrackApplicants). */
function createApplicant(tracks, track, values) {
	const now = values.now === undefined ? Date.now() : values.now;
	const applicant = {
		application_id: tracks.nextApplicationId++,
		candidate_id: tracks.nextCandidateId++,
		name: values.name,
		email: values.email,
		stage_id: values.stageId || track.stages[0].stage_id,
		stage_status: values.stageStatus || (values.mode === 'invite' ? 'Invited' : 'Pending'),
		score: values.score === undefined ? null : values.score,
		date_added: iso(now),
		last_updated_at: iso(now),
		invite_status: values.mode === 'invite' ? 'Pending' : 'Added',
		mode: values.mode,
		invite_link:
			values.mode === 'invite'
				? `${INVITE_HOST}/tracks/invite/${crypto.randomBytes(12).toString('base64url')}`
				: null,
		fields: values.fields || { name: values.name, email: values.email },
	};
	track.applicants.push(applicant);
	track.updated_at = iso(now);
	return applicant;
}

/** POST /tracks/:trackId/applicants: invite mode or direct mode, 201. */
function handleAddApplicant(ctx) {
	const { track, error } = findTrack(ctx);
	if (error) return error;
	const read = readBody(ctx.request, false);
	if (read.error) return read.error;
	const body = read.body;
	for (const key of ['invite_applicant', 'send_email']) {
		if (body[key] !== undefined && typeof body[key] !== 'boolean')
			return jsonError(400, `${key} must be a boolean`);
	}
	if (body.email_message !== undefined && typeof body.email_message !== 'string')
		return jsonError(400, 'email_message must be a string');
	const invite = body.invite_applicant === true;
	const { name, email } = body;
	// Both modes: name and email at the top level (A6's body).
	if (!isNonEmptyString(name)) return jsonError(400, 'name is required');
	if (!isNonEmptyString(email) || !EMAIL_PATTERN.test(email))
		return jsonError(400, 'email must be a valid email address');
	let fields;
	let stageId;
	if (!invite) {
		// Direct mode: the track's required fields; name and email count from the top level.
		const given = body.fields === undefined ? {} : fieldsObject(body.fields);
		if (given === undefined)
			return jsonError(400, 'fields must be an object of track field values');
		fields = { name, email, ...given };
		for (const key of track.requiredFields) {
			if (!isNonEmptyString(fields[key])) return jsonError(400, `fields.${key} is required`);
		}
		if (body.destination_stage_id !== undefined) {
			if (typeof body.destination_stage_id !== 'string')
				return jsonError(400, 'destination_stage_id must be a string');
			if (!track.stages.some((stage) => stage.stage_id === body.destination_stage_id))
				return jsonError(400, 'destination_stage_id is not a stage of this track');
			stageId = body.destination_stage_id;
		}
	}
	const wanted = String(email).trim().toLowerCase();
	if (track.applicants.some((entry) => String(entry.email).toLowerCase() === wanted))
		return jsonError(409, ctx.state.tracks.conflictMessage);
	const applicant = createApplicant(ctx.state.tracks, track, {
		name,
		email,
		fields,
		stageId,
		mode: invite ? 'invite' : 'direct',
	});
	const emailSent = body.send_email === true;
	if (emailSent)
		ctx.state.tracks.emailsSent.push({ email, kind: 'added', message: body.email_message });
	return {
		status: 201,
		body: {
			track_id: track.track_id,
			application_id: applicant.application_id,
			candidate_id: applicant.candidate_id,
			name: applicant.name,
			email: applicant.email,
			invite_status: applicant.invite_status,
			mode: applicant.mode,
			invite_link: applicant.invite_link,
			email_sent: emailSent,
			current_stage: stageRef(track, applicant.stage_id),
		},
	};
}

/** GET /tracks/:trackId/applicants: filters, sort and pages. */
function handleListApplicants(ctx) {
	const { track, error } = findTrack(ctx);
	if (error) return error;
	const query = ctx.request.query;
	const page = query.page === undefined ? 1 : Number(query.page);
	if (!Number.isInteger(page) || page < 1 || !/^\d+$/.test(String(query.page ?? '1')))
		return jsonError(400, 'page must be a positive integer');
	const perPage = query.per_page === undefined ? DEFAULT_PER_PAGE : Number(query.per_page);
	if (
		!/^\d+$/.test(String(query.per_page ?? DEFAULT_PER_PAGE)) ||
		perPage < 1 ||
		perPage > MAX_PER_PAGE
	)
		return jsonError(400, `per_page must be between 1 and ${MAX_PER_PAGE}`);
	const timeframe = readTimeframe(query);
	if (timeframe.error) return timeframe.error;
	for (const key of ['candidate_id', 'application_id']) {
		if (query[key] !== undefined && !/^\d+$/.test(query[key]))
			return jsonError(400, `${key} must be an integer`);
	}
	if (query.sort_by !== undefined && !SORT_FIELDS.includes(query.sort_by))
		return jsonError(400, `sort_by must be one of ${SORT_FIELDS.join(', ')}`);
	if (query.sort_order !== undefined && !['asc', 'desc'].includes(query.sort_order))
		return jsonError(400, 'sort_order must be asc or desc');
	const contains = (value, part) =>
		part === undefined || String(value).toLowerCase().includes(String(part).toLowerCase());
	const matching = track.applicants.filter(
		(applicant) =>
			contains(applicant.name, query.name) &&
			contains(applicant.email, query.email) &&
			(query.stage_id === undefined || applicant.stage_id === query.stage_id) &&
			(query.stage_status === undefined ||
				String(applicant.stage_status).toLowerCase() === query.stage_status.toLowerCase()) &&
			(query.candidate_id === undefined || applicant.candidate_id === Number(query.candidate_id)) &&
			(query.application_id === undefined ||
				applicant.application_id === Number(query.application_id)) &&
			inRange(applicant, timeframe.range),
	);
	const sortBy = query.sort_by || 'application_id';
	const direction = query.sort_order === 'desc' ? -1 : 1;
	matching.sort((a, b) => (a[sortBy] > b[sortBy] ? 1 : a[sortBy] < b[sortBy] ? -1 : 0) * direction);
	const total = matching.length;
	const totalPages = Math.ceil(total / perPage);
	return {
		status: 200,
		body: {
			data: matching.slice((page - 1) * perPage, page * perPage).map((a) => listEntry(track, a)),
			pagination: {
				page,
				per_page: perPage,
				total,
				total_pages: totalPages,
				has_next: page < totalPages,
				has_prev: page > 1,
			},
		},
	};
}

function applicantDetail(track, applicant) {
	const current = track.stages.find((stage) => stage.stage_id === applicant.stage_id) || {};
	return {
		track_id: track.track_id,
		track_title: track.title,
		applicant: {
			application_id: applicant.application_id,
			candidate_id: applicant.candidate_id,
			name: applicant.name,
			email: applicant.email,
			stage_status: applicant.stage_status,
			score: applicant.score,
			date_added: applicant.date_added,
			last_updated_at: applicant.last_updated_at,
		},
		current_stage: {
			stage_id: applicant.stage_id,
			name: current.name,
			type: current.type,
			color: current.color,
		},
		stages: track.stages.map(({ stage_id, name, type }) => ({ stage_id, name, type })),
		submitted_response: Object.entries(applicant.fields || {}).map(([label, value]) => ({
			label,
			value,
		})),
		stage_wise_report:
			applicant.score === null
				? {}
				: { Assessment: { score: applicant.score, status: 'Completed' } },
		parsed_resume: {},
	};
}

/** GET /tracks/:trackId/applicants/:applicationId */
function handleGetApplicant(ctx) {
	const { track, error } = findTrack(ctx);
	if (error) return error;
	const found = findApplicant(ctx, track);
	if (found.error) return found.error;
	return { status: 200, body: applicantDetail(track, found.applicant) };
}

/** PATCH /tracks/:trackId/applicants/:applicationId/(move|reject|hire) */
function handleStageChange(ctx) {
	const action = ctx.params.action;
	if (!['move', 'reject', 'hire'].includes(action)) return jsonError(404, 'Not found');
	const { track, error } = findTrack(ctx);
	if (error) return error;
	const found = findApplicant(ctx, track);
	if (found.error) return found.error;
	const applicant = found.applicant;
	const read = readBody(ctx.request, action !== 'move');
	if (read.error) return read.error;
	const body = read.body;
	if (body.source_stage_id !== undefined && typeof body.source_stage_id !== 'string')
		return jsonError(400, 'source_stage_id must be a string');
	if (body.send_email !== undefined && typeof body.send_email !== 'boolean')
		return jsonError(400, 'send_email must be a boolean');
	let destination;
	if (action === 'move') {
		if (typeof body.destination_stage_id !== 'string')
			return jsonError(400, 'destination_stage_id is required and must be a string');
		destination = body.destination_stage_id;
		if (!track.stages.some((stage) => stage.stage_id === destination))
			return jsonError(400, 'destination_stage_id is not a stage of this track');
	} else {
		destination = stageOfType(track, action === 'hire' ? 'hired' : 'rejected').stage_id;
	}
	if (body.source_stage_id !== undefined && body.source_stage_id !== applicant.stage_id)
		return jsonError(409, NOT_IN_SOURCE_STAGE);
	const from = stageRef(track, applicant.stage_id);
	applicant.stage_id = destination;
	applicant.stage_status = action === 'move' ? 'Pending' : action === 'hire' ? 'Hired' : 'Rejected';
	applicant.last_updated_at = iso(Date.now());
	const answer = {
		track_id: track.track_id,
		application_id: applicant.application_id,
		candidate_id: applicant.candidate_id,
		name: applicant.name,
		email: applicant.email,
		from_stage: from,
		to_stage: stageRef(track, destination),
	};
	if (action === 'reject') {
		answer.email_sent = body.send_email === true;
		if (answer.email_sent)
			ctx.state.tracks.emailsSent.push({
				email: applicant.email,
				kind: 'rejected',
				message: body.email_message,
			});
	}
	return { status: 200, body: answer };
}

function countBy(list, key) {
	const counts = {};
	for (const entry of list) counts[entry[key]] = (counts[entry[key]] || 0) + 1;
	return counts;
}

function totalsOf(tracks, applicants) {
	const typeOf = (applicant) => stageRef(tracks.get(applicant.track_id), applicant.stage_id).type;
	const hired = applicants.filter((a) => typeOf(a) === 'hired').length;
	const rejected = applicants.filter((a) => typeOf(a) === 'rejected').length;
	return {
		applicants: applicants.length,
		in_pipeline: applicants.length - hired - rejected,
		hired,
		rejected,
		by_status: countBy(applicants, 'stage_status'),
	};
}

function filtersApplied(range, query) {
	return {
		timeframe_field: range.field,
		from_date: query.from_date === undefined ? null : query.from_date,
		to_date: query.to_date === undefined ? null : query.to_date,
	};
}

/** Applicants of a track in the range, each tagged with its track id. */
function applicantsIn(track, range) {
	return track.applicants
		.filter((applicant) => inRange(applicant, range))
		.map((applicant) => ({ ...applicant, track_id: track.track_id }));
}

/** GET /tracks/:trackId/stats */
function handleTrackStats(ctx) {
	const { track, error } = findTrack(ctx);
	if (error) return error;
	const timeframe = readTimeframe(ctx.request.query);
	if (timeframe.error) return timeframe.error;
	const applicants = applicantsIn(track, timeframe.range);
	const dates = (key) => applicants.map((a) => a[key]).sort();
	return {
		status: 200,
		body: {
			track_id: track.track_id,
			title: track.title,
			active: track.active,
			created_at: track.created_at,
			updated_at: track.updated_at,
			totals: totalsOf(ctx.state.tracks.tracks, applicants),
			stages: track.stages.map((stage) => {
				const inStage = applicants.filter((a) => a.stage_id === stage.stage_id);
				return {
					stage_id: stage.stage_id,
					name: stage.name,
					type: stage.type,
					count: inStage.length,
					status_counts: countBy(inStage, 'stage_status'),
				};
			}),
			applicant_timestamps: {
				first_added: dates('date_added')[0] || null,
				last_added: dates('date_added').pop() || null,
				first_updated: dates('last_updated_at')[0] || null,
				last_updated: dates('last_updated_at').pop() || null,
			},
			filters_applied: filtersApplied(timeframe.range, ctx.request.query),
		},
	};
}

/** GET /tracks/stats: the whole account (also the credential test's request). */
function handleAccountStats(ctx) {
	const timeframe = readTimeframe(ctx.request.query);
	if (timeframe.error) return timeframe.error;
	const tracks = [...ctx.state.tracks.tracks.values()];
	const applicants = tracks.flatMap((track) => applicantsIn(track, timeframe.range));
	const byStageType = {};
	for (const applicant of applicants) {
		const type = stageRef(ctx.state.tracks.tracks.get(applicant.track_id), applicant.stage_id).type;
		byStageType[type] = (byStageType[type] || 0) + 1;
	}
	const active = tracks.filter((track) => track.active).length;
	return {
		status: 200,
		body: {
			totals: {
				tracks: tracks.length,
				active_tracks: active,
				inactive_tracks: tracks.length - active,
				...totalsOf(ctx.state.tracks.tracks, applicants),
			},
			applicants_by_stage_type: byStageType,
			top_tracks_by_applicants: tracks
				.map((track) => ({
					track_id: track.track_id,
					title: track.title,
					applicant_count: track.applicants.length,
				}))
				.sort((a, b) => b.applicant_count - a.applicant_count),
			recently_updated_tracks: tracks
				.map((track) => ({
					track_id: track.track_id,
					title: track.title,
					updated_at: track.updated_at,
				}))
				.sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1)),
			filters_applied: filtersApplied(timeframe.range, ctx.request.query),
		},
	};
}

/** Routes, relative to /api/v2; '/tracks/stats' is listed before the ':trackId' paths. */
const TRACK_ROUTES = [
	{ path: '/tracks/stats', methods: { GET: handleAccountStats } },
	{ path: '/tracks/:trackId/stats', methods: { GET: handleTrackStats } },
	{
		path: '/tracks/:trackId/applicants',
		methods: { GET: handleListApplicants, POST: handleAddApplicant },
	},
	{ path: '/tracks/:trackId/applicants/:applicationId', methods: { GET: handleGetApplicant } },
	{
		path: '/tracks/:trackId/applicants/:applicationId/:action',
		methods: { PATCH: handleStageChange },
	},
];

/** The mock handle's track methods (see server.d.ts). */
function trackMethods(state) {
	const trackOf = (trackId) => {
		const track = state.tracks.tracks.get(Number(trackId));
		if (!track) throw new Error(`The mock has no track ${trackId}`);
		return track;
	};
	return {
		trackApplicants(trackId) {
			return JSON.parse(JSON.stringify(trackOf(trackId).applicants));
		},
		trackApplicant(trackId, applicationId) {
			const track = trackOf(trackId);
			const applicant = track.applicants.find((a) => a.application_id === Number(applicationId));
			return applicant ? JSON.parse(JSON.stringify(applicantDetail(track, applicant))) : undefined;
		},
		seedTrackApplicants(trackId, count, values = {}) {
			const track = trackOf(trackId);
			const start = values.firstAddedAt === undefined ? Date.UTC(2025, 0, 1) : values.firstAddedAt;
			const added = [];
			for (let n = 1; n <= count; n++) {
				const applicant = createApplicant(state.tracks, track, {
					name: `Applicant ${n}`,
					email: `applicant${n}.${track.track_id}@example.com`,
					mode: 'direct',
					stageId: values.stageId,
					stageStatus: values.stageStatus,
					now: start + (n - 1) * 3600000,
				});
				added.push(applicant.application_id);
			}
			return added;
		},
		trackEmailsSent() {
			return state.tracks.emailsSent.map((sent) => ({ ...sent }));
		},
		setTrackConflictMessage(message) {
			state.tracks.conflictMessage = message;
		},
		addTrack(trackId, title = `Track ${trackId}`) {
			const now = iso(Date.now());
			state.tracks.tracks.set(Number(trackId), {
				track_id: Number(trackId),
				title,
				active: true,
				created_at: now,
				updated_at: now,
				stages: BACKEND_STAGES.map((stage) => ({ ...stage })),
				requiredFields: ['name', 'email'],
				applicants: [],
			});
		},
		// The next three go through the endpoints' own handlers, so they change an applicant exactly
		// as a request would (last_updated_at, stage_status); they throw on any answer but a 2xx.
		addTrackApplicant(trackId, { name, email, stageId } = {}) {
			return viaHandler(handleAddApplicant, 'POST', { trackId: String(trackId) }, {
				name,
				email,
				fields: {},
				...(stageId === undefined ? {} : { destination_stage_id: stageId }),
			});
		},
		changeTrackApplicant(trackId, applicationId, action, body = {}) {
			return viaHandler(
				handleStageChange,
				'PATCH',
				{ trackId: String(trackId), applicationId: String(applicationId), action },
				body,
			);
		},
	};
	function viaHandler(handler, method, params, body) {
		const rawBody = JSON.stringify(body);
		const answer = handler({ request: { method, query: {}, body, rawBody }, params, state });
		if (answer.status >= 300)
			throw new Error(`The mock answered ${answer.status}: ${JSON.stringify(answer.body)}`);
		return answer.body;
	}
}

module.exports = {
	TRACK_ROUTES,
	createTrackState,
	trackMethods,
	ALREADY_EXISTS,
	NOT_IN_SOURCE_STAGE,
};
