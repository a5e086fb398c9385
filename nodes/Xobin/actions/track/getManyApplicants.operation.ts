// Track → Get Many Applicants: GET /tracks/<track_id>/applicants, one output item per applicant,
// page after page (readApplicants in ./common) up to Limit; Filters go to Xobin as query parameters.

import type { Field } from '../../helpers/fields';
import { BEFORE_PICKERS, inVersions, WITH_PICKERS } from '../../helpers/fields';
import { operation } from '../operation';
import {
	checkDateRange,
	choiceField,
	dateRangeFields,
	numberIdField,
	readApplicants,
	stageFields,
	trackFields,
} from './common';

/** An optional query parameter typed as text, named after it (stage_id → stageId). */
const textFilter = (
	property: string,
	displayName: string,
	placeholder: string,
	description: string,
	collection: Field['collection'] = 'filters',
): Field => {
	const name = property.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
	return {
		send: { type: 'query', property },
		check: 'text',
		optional: true,
		collection,
		property: { displayName, name, type: 'string', default: '', placeholder, description },
	};
};

const [fromDate, timeframeField, toDate] = dateRangeFields;

const candidateId = textFilter(
	'candidate_id',
	'Candidate ID',
	'e.g. 7062',
	"Only this candidate's application",
);

/** Node versions 1 and 2: Sort By typed as text (from 3: a list). */
const sortByText = textFilter(
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
	inVersions(BEFORE_PICKERS, numberIdField(candidateId.send, candidateId.property, true)),
	inVersions(WITH_PICKERS, { ...candidateId, check: 'id' }),
	textFilter(
		'email',
		'Email',
		'e.g. @example.com',
		'Only applicants whose email contains this text (any letter case)',
	),
	fromDate,
	textFilter(
		'name',
		'Name',
		'e.g. Priya',
		'Only applicants whose name contains this text (any letter case)',
	),
	...stageFields(
		textFilter(
			'stage_id',
			'Stage ID',
			'e.g. stg_interview',
			'Only applicants in this stage. Stage IDs are text, sent exactly as typed.',
		),
		'Only applicants in this stage of the chosen track.',
	),
	textFilter(
		'stage_status',
		'Stage Status',
		'e.g. Completed',
		"Only applicants with this status in their stage. Xobin's docs do not list the values: copy one from an applicant's stage_status.",
	),
	timeframeField,
	toDate,
	inVersions(BEFORE_PICKERS, sortByText),
	inVersions(
		WITH_PICKERS,
		choiceField('sort_by', 'options', {
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'date_added',
			options: SORT_OPTIONS,
			description:
				"What Xobin sorts the applicants by, in the Sort Order beside it. Xobin's docs do not list the values it accepts; these are the applicant fields it returns.",
		}),
	),
	choiceField('sort_order', 'options', {
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
		description: 'The order of Sort By',
	}),
];

export const { fields, description, execute } = operation({
	resource: 'track',
	operation: 'getManyApplicants',
	fields: listFields,
	list: true,
	async run({ path, qs, itemIndex, limit }) {
		checkDateRange(this, qs, itemIndex);
		const track = String(path.track_id);
		const { applicants, pagination } = await readApplicants(this, track, qs, { limit, itemIndex });
		const total = pagination.total;
		const more =
			pagination.has_next === true || (typeof total === 'number' && total > applicants.length);
		if (applicants.length > limit || (applicants.length === limit && more)) {
			this.addExecutionHints({
				message: `Returned the first ${limit} of ${typeof total === 'number' ? total : 'more'} applicants of track ${track} (item ${itemIndex}). Turn on 'Return All' or raise 'Limit' to get more.`,
				location: 'outputPane',
			});
		}
		return applicants.slice(0, limit);
	},
});
