// What the Track operations share: the track, application and stage fields (stage IDs are text in
// Xobin, e.g. "stg_applied" or "0012", never turned into numbers), the e-mail options, the date
// range, the 404 wording, the reader of a track's applicants and the Move / Reject / Hire operations.

import type { IDataObject, IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { BEFORE_PICKERS, idField, inVersions, WITH_PICKERS } from '../../helpers/fields';
import { trackLocator } from '../../helpers/trackLocator';
import { xobinRequest } from '../../transport';
import type { NotFound } from '../../transport/types';
import type { Operation } from '../operation';
import { asObject, operation } from '../operation';

type IdText = Pick<INodeProperties, 'displayName' | 'name' | 'placeholder' | 'description'>;

/** Node versions 1 and 2: an ID typed as a number (from 3, text with its example or a list). */
export function numberIdField(send: Field['send'], text: IdText, optional = false): Field {
	const { displayName, name, placeholder, description } = text;
	return {
		send,
		check: 'id',
		...(optional ? { optional, collection: 'filters' } : {}),
		property: {
			displayName,
			name,
			type: 'number',
			...(optional ? {} : { required: true }),
			default: 0,
			placeholder,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description,
		},
	};
}

const trackIdField = numberIdField(
	{ type: 'path', property: 'track_id' },
	{
		displayName: 'Track ID',
		name: 'trackId',
		placeholder: 'e.g. 6578',
		description:
			"The number of the track (job pipeline) in Xobin. Open the track in Xobin's Tracks dashboard to find it, or run Get Stats for all tracks with Simplify off (top_tracks_by_applicants).",
	},
);

export const trackFields: Field[] = [
	inVersions(BEFORE_PICKERS, trackIdField),
	inVersions(WITH_PICKERS, {
		send: trackIdField.send,
		check: 'id',
		property: { ...trackLocator(), placeholder: 'e.g. 6578' },
	}),
];

/** A stage field as typed text ("… ID") before the pickers, then the track's stages ("… Name or ID"). */
export function stageFields(field: Field, description: string): Field[] {
	const property = { ...field.property };
	delete property.placeholder;
	return [
		inVersions(BEFORE_PICKERS, field),
		inVersions(WITH_PICKERS, {
			...field,
			property: {
				...property,
				displayName: field.property.displayName.replace(/ID$/, 'Name or ID'),
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['track.value'] },
				description: `${description} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			},
		}),
	];
}

const applicationId: IdText = {
	displayName: 'Application ID',
	name: 'applicationId',
	placeholder: 'e.g. 67865',
	description:
		"Xobin's number for one applicant in one track. Add Applicant and Get Many Applicants return it as application_id.",
};

export const applicationIdFields: Field[] = [
	inVersions(
		BEFORE_PICKERS,
		numberIdField({ type: 'path', property: 'application_id' }, applicationId),
	),
	inVersions(WITH_PICKERS, idField({ type: 'path', property: 'application_id' }, applicationId)),
];

/** The stage an applicant must be in for the request to go ahead: Xobin answers 409 otherwise. */
const sourceStageFields: Field[] = stageFields(
	{
		send: { type: 'body', property: 'source_stage_id' },
		check: 'text',
		optional: true,
		property: {
			displayName: 'Source Stage ID',
			name: 'sourceStageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. stg_applied',
			description:
				'Only go ahead if the applicant is still in this stage; Xobin refuses otherwise and nothing changes. Stage IDs are text, sent exactly as typed. Get Applicant shows the current one as stage_id.',
		},
	},
	'Only go ahead if the applicant is still in this stage; Xobin refuses otherwise and nothing changes.',
);

export const sendEmailField: Field = {
	send: { type: 'body', property: 'send_email' },
	check: 'boolean',
	optional: true,
	property: {
		displayName: 'Send Email',
		name: 'sendEmail',
		type: 'boolean',
		default: false,
		description: 'Whether Xobin emails the applicant. Left out, Xobin decides.',
	},
};

export const emailMessageField: Field = {
	send: { type: 'body', property: 'email_message' },
	check: 'text',
	optional: true,
	property: {
		displayName: 'Email Message',
		name: 'emailMessage',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message of the email Xobin sends when Send Email is on',
	},
};

const dayFilter = (name: string, property: string, displayName: string, side: string): Field => ({
	send: { type: 'query', property },
	check: 'day',
	optional: true,
	collection: 'filters',
	property: {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description: `Only applicants added or updated (see Dates Refer To) on or ${side} this day. Sent as YYYY-MM-DD, the day in the workflow's timezone.`,
	},
});

export const choiceField = (
	property: string,
	collection: Field['collection'],
	choice: INodeProperties,
): Field => ({
	send: { type: 'query', property },
	check: 'option',
	optional: true,
	collection,
	property: choice,
});

/** From Date, Timeframe Field and To Date: the date range Get Many Applicants and Get Stats share. */
export const dateRangeFields: Field[] = [
	dayFilter('fromDate', 'from_date', 'From Date', 'after'),
	choiceField('timeframe_field', 'filters', {
		displayName: 'Dates Refer To',
		name: 'timeframeField',
		type: 'options',
		default: 'date_added',
		options: [
			{ name: 'Date Added', value: 'date_added' },
			{ name: 'Last Updated', value: 'last_updated_at' },
		],
		description:
			'Whether From Date and To Date are compared with the day the applicant was added to the track or the day their application last changed',
	}),
	dayFilter('toDate', 'to_date', 'To Date', 'before'),
];

export function checkDateRange(
	context: IExecuteFunctions,
	qs: IDataObject,
	itemIndex: number,
): void {
	const { from_date: from, to_date: to } = qs;
	if (typeof from === 'string' && typeof to === 'string' && from > to) {
		throw new NodeOperationError(
			context.getNode(),
			`From Date (${from}) is after To Date (${to}) [item ${itemIndex}]`,
			{ itemIndex, description: 'Swap the two dates, or clear one of them.' },
		);
	}
}

/** How a 404 on a track reads: which one, and where to find the right number. */
export function trackNotFound(trackId: unknown): NotFound {
	return {
		what: `track ${String(trackId)}`,
		fix: "Check the track: choose it From List, or open it in Xobin's Tracks dashboard and copy its number (Get Stats for all tracks with Simplify off lists track IDs in top_tracks_by_applicants). The API key must belong to the account that owns the track.",
	};
}

/** Xobin's largest page of applicants. */
export const MAX_PER_PAGE = 200;

/** At most this many pages (100,000 applicants at 200 a page), then a clear error. */
const MAX_PAGES = 500;

/** The words of a failure for the node (an item) or the Polling Trigger (no item). */
const advice = (itemIndex?: number) =>
	itemIndex === undefined
		? {
				item: '',
				again: 'The next poll asks again',
				cap: 'The trigger stops there so a list that never ends cannot run forever. Contact Xobin support if the track really has more applicants.',
			}
		: {
				item: ` [item ${itemIndex}]`,
				again: 'Run the item again',
				cap: 'The node stops there so a list that never ends cannot run forever. Narrow the list with Filters (for example From Date and To Date) and run it in parts.',
			};

/** One page of a track's applicants (the objects of Xobin's list) and its pagination. */
export async function readApplicantsPage(
	context: IExecuteFunctions | IPollFunctions,
	trackId: string,
	qs: IDataObject,
	itemIndex?: number,
): Promise<{ entries: IDataObject[]; pagination: IDataObject }> {
	const response = await xobinRequest(context, {
		method: 'GET',
		endpoint: `/tracks/${encodeURIComponent(trackId)}/applicants`,
		qs,
		itemIndex,
		idempotent: true,
		requires: ['data'],
		notFound: trackNotFound(trackId),
	});
	const body = response.body as IDataObject;
	const words = advice(itemIndex);
	if (!Array.isArray(body.data)) {
		throw new NodeOperationError(
			context.getNode(),
			`Xobin's answer for page ${String(qs.page ?? 1)} of track ${trackId}'s applicants has no list of applicants${words.item}`,
			{
				itemIndex,
				description: `Xobin answered with data that is not a list. ${words.again}; if it keeps happening, contact Xobin support.`,
			},
		);
	}
	const entries = (body.data as unknown[]).filter((entry) => asObject(entry) === entry);
	return { entries: entries as IDataObject[], pagination: asObject(body.pagination) };
}

/**
 * A track's applicants, page after page at min(limit, 200) a page (Xobin counts pages in one size),
 * until Xobin says there are no more or there are enough, bounded by a page cap so a server that
 * always says "more" cannot run forever. Also the last page's pagination.
 */
export async function readApplicants(
	context: IExecuteFunctions | IPollFunctions,
	trackId: string,
	qs: IDataObject,
	{ limit = Infinity, itemIndex }: { limit?: number; itemIndex?: number } = {},
): Promise<{ applicants: IDataObject[]; pagination: IDataObject }> {
	const perPage = Math.min(limit, MAX_PER_PAGE);
	const applicants: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const query = { ...qs, page, per_page: perPage };
		const { entries, pagination } = await readApplicantsPage(context, trackId, query, itemIndex);
		applicants.push(...entries);
		const totalPages = Number(pagination.total_pages);
		const last =
			applicants.length >= limit ||
			entries.length === 0 ||
			pagination.has_next === false ||
			(Number.isFinite(totalPages) && page >= totalPages) ||
			(pagination.has_next !== true && entries.length < perPage);
		if (last) return { applicants, pagination };
		if (page >= MAX_PAGES) {
			const { item, cap } = advice(itemIndex);
			throw new NodeOperationError(
				context.getNode(),
				`Xobin still said there were more applicants after ${MAX_PAGES} pages (${applicants.length} applicants) of track ${trackId}${item}`,
				{ itemIndex, description: cap },
			);
		}
	}
}

/** How a 404 on an applicant reads: Xobin's words say whether the track or the applicant is missing. */
export function applicantNotFound(trackId: unknown, applicationId: unknown): NotFound {
	return {
		what: `application ${String(applicationId)} in track ${String(trackId)}`,
		fix: 'Check both IDs: Add Applicant and Get Many Applicants (on the same track) return application_id. An application ID belongs to one track only.',
	};
}

type StageChange = 'move' | 'reject' | 'hire';

const VERB: Record<StageChange, string> = { move: 'moved', reject: 'rejected', hire: 'hired' };

/**
 * Move, Reject or Hire: PATCH …/applicants/<application_id>/<change>; a 409 means the applicant is
 * not in Source Stage. Never retried once it may have reached Xobin: the destination stage can start
 * its own steps (an assessment invite, an email), and a second try would meet that 409 anyway.
 */
export function stageChangeOperation(change: StageChange, fields: Field[]): Operation {
	return operation({
		resource: 'track',
		operation: `${change}Applicant`,
		fields: [...trackFields, ...applicationIdFields, ...fields, ...sourceStageFields],
		request({ path, body }) {
			const track = String(path.track_id);
			const application = String(path.application_id);
			const stage = body.source_stage_id;
			return {
				method: 'PATCH',
				endpoint: `/tracks/{track_id}/applicants/{application_id}/${change}`,
				body,
				requires: ['application_id', 'to_stage'],
				notFound: applicantNotFound(track, application),
				refusals: [
					{
						status: 409,
						message:
							stage === undefined
								? `Applicant ${application} of track ${track} cannot be ${VERB[change]} from the stage they are in`
								: `Applicant ${application} is not in stage ${String(stage)} of track ${track}`,
						fix: `Nothing changed in Xobin. Run Get Applicant (Track ${track}, Application ${application}) to see the applicant's current stage (stage_id), then fix Source Stage ID or leave it empty to ${change} from any stage.`,
					},
				],
				lostAnswer: `Xobin may have ${VERB[change]} the applicant. Run Get Applicant (Track ${track}, Application ${application}) to see the current stage before running this item again.`,
			};
		},
	});
}
