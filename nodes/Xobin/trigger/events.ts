// What each Xobin Trigger event is: the product it belongs to, the webhook URL Xobin calls for it,
// its key in Xobin's webhook settings, the name output items carry, and what its payload must hold.
// One table, read by the node description (webhooks), the registration and the webhook handler.

import type { IDataObject } from 'n8n-workflow';

export type TriggerEvent =
	| 'started'
	| 'completed'
	| 'assessmentStarted'
	| 'assessmentSubmitted'
	| 'assessmentUpdated';

export type Product = 'aiInterview' | 'assessment';

// What a payload tells: the interview or assessment it is about, a key the same however often one
// delivery comes, and the fields the node adds to the output (docs/trigger.md).
interface Delivery {
	about: unknown;
	deliveryKey: string;
	extras: IDataObject;
}

interface EventSpec {
	product: Product;
	/** The `event` each output item carries, and the Trigger On list's name and description. */
	name: string;
	happens: string;
	/** The last segment of the event's webhook URL: how the node knows which event a call is. */
	path: string;
	settingsKey: 'start' | 'submission' | 'updates';
	/** The ids the payload must carry, in words for the 400 answer, and how they are read. */
	expects: string;
	read(event: TriggerEvent, body: IDataObject): Delivery | undefined;
}

/**
 * The interview and the candidate's attempt: `response_id`, as the Start example shows. Xobin's
 * Submission example is cut off before that key (fact sheet A4.1), so without it the candidate is
 * told by `candidate_id`, else `candidate_email`, and the item says `responseIdMissing: true`.
 */
function readAiInterview(event: TriggerEvent, body: IDataObject): Delivery | undefined {
	const about = body.ai_interview_id;
	const status = String(body.invite_status ?? '');
	if (about == null) return undefined;
	if (body.response_id != null)
		return { about, deliveryKey: `${event}:${String(body.response_id)}:${status}`, extras: {} };
	const candidate =
		body.candidate_id != null
			? `candidate-${String(body.candidate_id)}`
			: typeof body.candidate_email === 'string' && body.candidate_email.trim() !== ''
				? `email-${body.candidate_email.trim().toLowerCase()}`
				: undefined;
	if (candidate === undefined) return undefined;
	// Without an attempt id, the completion time tells a retake apart from a repeated delivery.
	const when = body.completed_date == null ? '' : `:${String(body.completed_date)}`;
	return {
		about,
		deliveryKey: `${event}:${String(about)}:${candidate}:${status}${when}`,
		extras: { responseIdMissing: true },
	};
}

/**
 * Start and Submission carry the attempt as `id` (A4.2); the node adds it as `report_id`, the name
 * every assessment operation uses, unless Xobin already sent one.
 */
function readAttempt(event: TriggerEvent, body: IDataObject): Delivery | undefined {
	const about = body.assessment_id;
	const reportId = body.report_id ?? body.id;
	if (about == null || reportId == null) return undefined;
	const extras: IDataObject = { report_id: reportId };
	// started_at is epoch milliseconds (A4.2): the node adds the same moment as an ISO date.
	const startedAt = typeof body.started_at === 'string' ? Number(body.started_at) : body.started_at;
	if (typeof startedAt === 'number' && Number.isFinite(startedAt) && startedAt > 0) {
		const date = new Date(startedAt);
		if (!Number.isNaN(date.getTime())) extras.started_at_iso = date.toISOString();
	}
	return { about, deliveryKey: `${event}:${String(reportId)}`, extras };
}

/**
 * Created / Updated wraps the assessment in `data` and names Xobin's own event
 * (`assessments.create` / `assessments.updates`): the node lifts `assessment_id` to the top and keeps
 * Xobin's event as `xobin_event`, since its own `event` replaces it.
 */
function readChange(event: TriggerEvent, body: IDataObject): Delivery | undefined {
	const data = body.data;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const about = (data as IDataObject).assessment_id;
	if (about == null) return undefined;
	const extras: IDataObject = { assessment_id: about };
	if (body.event !== undefined) extras.xobin_event = body.event;
	const deliveryKey = `${event}:${String(body.event ?? '')}:${String(about)}:${String(body.timestamp ?? '')}`;
	return { about, deliveryKey, extras };
}

const AI_INTERVIEW = {
	product: 'aiInterview',
	expects: 'ai_interview_id and response_id (or candidate_id or candidate_email)',
	read: readAiInterview,
} as const;
const ATTEMPT = {
	product: 'assessment',
	expects: 'assessment_id and id (or report_id)',
	read: readAttempt,
} as const;

export const EVENTS: Record<TriggerEvent, EventSpec> = {
	completed: {
		...AI_INTERVIEW,
		name: 'AI Interview Completed',
		happens:
			'A candidate finished the interview and Xobin\'s evaluation is done (Xobin\'s "Submission" workflow)',
		path: 'completed',
		settingsKey: 'submission',
	},
	started: {
		...AI_INTERVIEW,
		name: 'AI Interview Started',
		happens: 'A candidate began the interview (Xobin\'s "Start" workflow)',
		path: 'started',
		settingsKey: 'start',
	},
	assessmentStarted: {
		...ATTEMPT,
		name: 'Assessment Started',
		happens: 'A candidate began the assessment (Xobin\'s "Start" workflow)',
		path: 'assessment-started',
		settingsKey: 'start',
	},
	assessmentSubmitted: {
		...ATTEMPT,
		name: 'Assessment Submitted',
		happens:
			'A candidate submitted the assessment and Xobin\'s evaluation is done (Xobin\'s "Submission" workflow)',
		path: 'assessment-submitted',
		settingsKey: 'submission',
	},
	assessmentUpdated: {
		product: 'assessment',
		name: 'Assessment Created or Updated',
		happens:
			'A recruiter created, edited, archived or deleted an assessment (Xobin\'s "updates" workflow)',
		path: 'assessment-updated',
		settingsKey: 'updates',
		expects: 'data.assessment_id',
		read: readChange,
	},
};

export const TRIGGER_EVENTS = Object.keys(EVENTS) as TriggerEvent[];

/** The event whose URL was called: the request path ends with the event's path. */
export function eventOfPath(requestPath: string): TriggerEvent | undefined {
	const path = requestPath.split('?')[0].replace(/\/+$/, '');
	return TRIGGER_EVENTS.find((event) => path.endsWith(`/${EVENTS[event].path}`));
}
