// Track → Get Stats: GET /tracks/<track_id>/stats (one track) or GET /tracks/stats (the whole
// account) for each item, optionally for a date range. Xobin's answer as it is, or with Simplify
// one flat row for a sheet: the totals, each status count as status_<status>, and (for one track)
// each stage's count as stage_<stage name>, (for the account) each stage type's as stage_type_<type>.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { columnName, setOnce } from '../../helpers/columns';
import type { Field } from '../../helpers/fields';
import {
	BEFORE_PICKERS,
	fillPath,
	readFields,
	shownWhen,
	toNodeProperties,
	WITH_PICKERS,
} from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import {
	asObject,
	checkDateRange,
	dateRangeFields,
	forOperation,
	trackFields,
	trackNotFound,
} from './common';

const displayOptions = forOperation('getStats');

export const statsFields: Field[] = [
	...trackFields.map((field) => shownWhen(field, { scope: ['track'] })),
	...dateRangeFields,
];

const scopeProperty: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'options',
	default: 'track',
	displayOptions,
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

export const description: INodeProperties[] = [
	// The whole account needs no ID, so it is the default from node version 3 (saved workflows of
	// versions 1 and 2 keep One Track, their default, which n8n does not store).
	...[BEFORE_PICKERS, WITH_PICKERS].map(
		(versions): INodeProperties => ({
			...scopeProperty,
			default: versions === BEFORE_PICKERS ? 'track' : 'account',
			displayOptions: { show: { ...displayOptions.show, '@version': versions } },
		}),
	),
	...toNodeProperties(statsFields, displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description:
			'Whether to return a simplified version of the response instead of the raw data: one flat row (totals, a column per status and per stage); the track lists top_tracks_by_applicants and recently_updated_tracks are in the raw data only',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path, qs } = readFields(source, statsFields);
		checkDateRange(this, qs, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const oneTrack = this.getNodeParameter('scope', itemIndex) !== 'account';
		const response = await xobinRequest(this, {
			method: 'GET',
			endpoint: oneTrack ? fillPath('/tracks/{track_id}/stats', path) : '/tracks/stats',
			qs,
			itemIndex,
			idempotent: true,
			requires: ['totals'],
			notFound: oneTrack ? trackNotFound(path.track_id) : undefined,
		});
		const stats = response.body as IDataObject;
		const json = simplify ? flatten(stats, oneTrack) : stats;
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}

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
