// Track → Get Many Applicants: GET /tracks/<track_id>/applicants for each item, one output item per
// applicant. Xobin pages the list (per_page 1–200): Return All walks the pages at 200 a page until
// Xobin says there are no more, bounded by a page cap so a server that always says "more" cannot
// run forever; Limit asks for min(limit, 200) a page and stops as soon as it has enough. Filters
// go to Xobin as query parameters.

import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { BEFORE_PICKERS, fillPath, inVersions, WITH_PICKERS } from '../../helpers/fields';
import { xobinRequest } from '../../transport';
import { asObject, operation } from '../operation';
import {
	checkDateRange,
	dateRangeFields,
	numberIdField,
	stageFields,
	trackFields,
	trackNotFound,
} from './common';

/** Xobin's largest page. */
const MAX_PER_PAGE = 200;

/** At most this many pages per item (100,000 applicants at 200 a page), then a clear error. */
const MAX_PAGES = 500;

/** An optional query parameter typed as text, in Filters unless said otherwise. */
const textFilter = (
	name: string,
	property: string,
	displayName: string,
	placeholder: string,
	description: string,
	collection: Field['collection'] = 'filters',
): Field => ({
	send: { type: 'query', property },
	check: 'text',
	optional: true,
	collection,
	property: { displayName, name, type: 'string', default: '', placeholder, description },
});

const [fromDate, timeframeField, toDate] = dateRangeFields;

/** Node versions 1 and 2: Sort By typed as text (from 3: a list). */
const sortByText = textFilter(
	'sortBy',
	'sort_by',
	'Sort By',
	'e.g. date_added',
	"The applicant field Xobin sorts by. Xobin's docs do not list the allowed values; date_added and last_updated_at are the likely ones.",
	'options',
);

/** Sort By (from node version 3): the dates Dates Refer To offers, then name and score. */
const SORT_OPTIONS = [
	...(timeframeField.property.options ?? []),
	{ name: 'Name', value: 'name' },
	{ name: 'Score', value: 'score' },
];

// Filters and options in the order their collections show them (alphabetical).
const listFields: Field[] = [
	...trackFields,
	// Node versions 1 and 2: a number field; from 3, text with a placeholder.
	inVersions(
		BEFORE_PICKERS,
		numberIdField(
			{ type: 'query', property: 'candidate_id' },
			{
				displayName: 'Candidate ID',
				name: 'candidateId',
				placeholder: 'e.g. 7062',
				description: "Only this candidate's application",
			},
			true,
		),
	),
	inVersions(WITH_PICKERS, {
		...textFilter(
			'candidateId',
			'candidate_id',
			'Candidate ID',
			'e.g. 7062',
			"Only this candidate's application",
		),
		check: 'id',
	}),
	textFilter(
		'email',
		'email',
		'Email',
		'e.g. @example.com',
		'Only applicants whose email contains this text (any letter case)',
	),
	fromDate,
	textFilter(
		'name',
		'name',
		'Name',
		'e.g. Priya',
		'Only applicants whose name contains this text (any letter case)',
	),
	...stageFields(
		textFilter(
			'stageId',
			'stage_id',
			'Stage ID',
			'e.g. stg_interview',
			'Only applicants in this stage. Stage IDs are text, sent exactly as typed.',
		),
		'Only applicants in this stage of the chosen track.',
	),
	textFilter(
		'stageStatus',
		'stage_status',
		'Stage Status',
		'e.g. Completed',
		"Only applicants with this status in their stage. Xobin's docs do not list the values: copy one from an applicant's stage_status.",
	),
	timeframeField,
	toDate,
	inVersions(BEFORE_PICKERS, sortByText),
	inVersions(WITH_PICKERS, {
		...sortByText,
		check: 'option',
		property: {
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'date_added',
			options: SORT_OPTIONS,
			description:
				"What Xobin sorts the applicants by, in the Sort Order beside it. Xobin's docs do not list the values it accepts; these are the applicant fields it returns.",
		},
	}),
	{
		send: { type: 'query', property: 'sort_order' },
		check: 'option',
		optional: true,
		collection: 'options',
		property: {
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			default: 'desc',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			description: 'The order of Sort By',
		},
	},
];

export const { fields, description, execute } = operation({
	resource: 'track',
	operation: 'getManyApplicants',
	fields: listFields,
	list: true,
	async run({ path, qs, itemIndex, limit }) {
		checkDateRange(this, qs, itemIndex);
		// One page size for the whole walk: Xobin counts pages in it.
		const perPage = Math.min(limit, MAX_PER_PAGE);
		const track = String(path.track_id);
		const applicants: IDataObject[] = [];
		let total: unknown;
		let more = false;
		for (let page = 1; ; page++) {
			const response = await xobinRequest(this, {
				method: 'GET',
				endpoint: fillPath('/tracks/{track_id}/applicants', path),
				qs: { ...qs, page, per_page: perPage },
				itemIndex,
				idempotent: true,
				requires: ['data'],
				notFound: trackNotFound(track),
			});
			const body = response.body as IDataObject;
			if (!Array.isArray(body.data)) {
				throw new NodeOperationError(
					this.getNode(),
					`Xobin's answer for page ${page} of track ${track}'s applicants has no list of applicants [item ${itemIndex}]`,
					{
						itemIndex,
						description:
							'Xobin answered with data that is not a list. Run the item again; if it keeps happening, contact Xobin support.',
					},
				);
			}
			const data = (body.data as unknown[]).filter(
				(entry) => asObject(entry) === entry,
			) as IDataObject[];
			applicants.push(...data);
			const pagination = (body.pagination ?? {}) as IDataObject;
			total = pagination.total;
			more =
				pagination.has_next === true || (typeof total === 'number' && total > applicants.length);
			if (applicants.length >= limit || data.length === 0) break;
			const totalPages = Number(pagination.total_pages);
			if (pagination.has_next === false) break;
			if (Number.isFinite(totalPages) && page >= totalPages) break;
			if (pagination.has_next !== true && data.length < perPage) break;
			if (page >= MAX_PAGES) {
				throw new NodeOperationError(
					this.getNode(),
					`Xobin still said there were more applicants after ${MAX_PAGES} pages (${applicants.length} applicants) of track ${track} [item ${itemIndex}]`,
					{
						itemIndex,
						description: `The node stops there so a list that never ends cannot run forever. Narrow the list with Filters (for example From Date and To Date) and run it in parts.`,
					},
				);
			}
		}
		if (applicants.length > limit || (applicants.length === limit && more)) {
			this.addExecutionHints({
				message: `Returned the first ${limit} of ${typeof total === 'number' ? total : 'more'} applicants of track ${track} (item ${itemIndex}). Turn on 'Return All' or raise 'Limit' to get more.`,
				location: 'outputPane',
			});
		}
		return applicants.slice(0, limit);
	},
});
