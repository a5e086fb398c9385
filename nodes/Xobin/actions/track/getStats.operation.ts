// Track → Get Stats: GET /tracks/<track_id>/stats (one track) or GET /tracks/stats (the whole
// account) for each item, optionally for a date range. Xobin's answer as it is, or with Simplify
// one flat row for a sheet: the totals, each status count as status_<status>, and (for one track)
// each stage's count as stage_<stage name>, (for the account) each stage type's as stage_type_<type>.

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { columnName, setOnce } from '../../helpers/columns';
import { BEFORE_PICKERS, shownWhen, WITH_PICKERS } from '../../helpers/fields';
import { asObject, forOperation, operation } from '../operation';
import { checkDateRange, dateRangeFields, trackFields, trackNotFound } from './common';

const scopeProperty: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'options',
	default: 'track',
	displayOptions: forOperation('track', 'getStats'),
	options: [
		{
			name: 'All Tracks',
			value: 'account',
			description: 'Totals for the whole account, with the busiest and latest tracks',
		},
		{
			name: 'One Track',
			value: 'track',
			description: "One track's totals and its count per stage",
		},
	],
	description: 'Whether to get the statistics of one track or of every track in the account',
};

export const { fields, description, execute } = operation({
	resource: 'track',
	operation: 'getStats',
	fields: [
		...trackFields.map((field) => shownWhen(field, { scope: ['track'] })),
		...dateRangeFields,
	],
	simplify:
		'one flat row (totals, a column per status and per stage); the track lists top_tracks_by_applicants and recently_updated_tracks are in the raw data only',
	properties: ({ fields, collections, simplify, displayOptions }) => [
		// The whole account needs no ID, so it is the default from node version 3 (saved workflows of
		// versions 1 and 2 keep One Track, their default, which n8n does not store).
		...[BEFORE_PICKERS, WITH_PICKERS].map(
			(versions): INodeProperties => ({
				...scopeProperty,
				default: versions === BEFORE_PICKERS ? 'track' : 'account',
				displayOptions: { show: { ...displayOptions.show, '@version': versions } },
			}),
		),
		...fields,
		...collections,
		...simplify,
	],
	request({ path, qs, itemIndex }) {
		checkDateRange(this, qs, itemIndex);
		// The Track field shows, and is read, only for One Track.
		const oneTrack = path.track_id !== undefined;
		return {
			method: 'GET',
			endpoint: oneTrack ? '/tracks/{track_id}/stats' : '/tracks/stats',
			qs,
			idempotent: true,
			requires: ['totals'],
			notFound: oneTrack ? trackNotFound(path.track_id) : undefined,
		};
	},
	output: ({ body }, { path, simplify }) =>
		simplify ? flatten(body as IDataObject, path.track_id !== undefined) : (body as IDataObject),
});

/** One row: identity, totals, then status_<status>, stage_<stage> / stage_type_<type> counts. */
function flatten(stats: IDataObject, oneTrack: boolean): IDataObject {
	const totals = asObject(stats.totals);
	const filters = asObject(stats.filters_applied);
	const row: IDataObject = oneTrack
		? { track_id: stats.track_id ?? null, title: stats.title ?? null, active: stats.active ?? null }
		: {};
	for (const [key, value] of Object.entries(totals)) {
		if (key !== 'by_status' && (value === null || typeof value !== 'object')) row[key] = value;
	}
	for (const [status, count] of Object.entries(asObject(totals.by_status)))
		setOnce(row, `status_${columnName(status)}`, count);
	if (oneTrack) {
		const stages = Array.isArray(stats.stages) ? (stats.stages as unknown[]) : [];
		for (const stage of stages.map(asObject))
			setOnce(row, `stage_${columnName(stage.name ?? stage.stage_id)}`, stage.count ?? null);
	} else {
		for (const [type, count] of Object.entries(asObject(stats.applicants_by_stage_type)))
			setOnce(row, `stage_type_${columnName(type)}`, count);
	}
	row.from_date = filters.from_date ?? null;
	row.to_date = filters.to_date ?? null;
	return row;
}
