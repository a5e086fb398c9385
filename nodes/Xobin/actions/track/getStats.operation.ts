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
import { NodeOperationError } from 'n8n-workflow';

import { columnName, setOnce } from '../../helpers/columns';
import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import { forOperation, trackIdField, trackNotFound } from './common';

const displayOptions = forOperation('getStats');

// Filters in the order their collection shows them (alphabetical).
export const statsFields: Field[] = [
	{ ...trackIdField, onlyWhen: { scope: ['track'] } },
	{
		send: { type: 'query', property: 'from_date' },
		check: 'day',
		optional: true,
		collection: 'filters',
		property: {
			displayName: 'From Date',
			name: 'fromDate',
			type: 'dateTime',
			default: '',
			description:
				"Count only applicants added or updated (by Timeframe Field) on or after this day. Sent as YYYY-MM-DD, the day in the workflow's timezone.",
		},
	},
	{
		send: { type: 'query', property: 'timeframe_field' },
		check: 'option',
		optional: true,
		collection: 'filters',
		property: {
			displayName: 'Timeframe Field',
			name: 'timeframeField',
			type: 'options',
			default: 'date_added',
			options: [
				{ name: 'Date Added', value: 'date_added' },
				{ name: 'Last Updated', value: 'last_updated_at' },
			],
			description: 'Which date From Date and To Date look at',
		},
	},
	{
		send: { type: 'query', property: 'to_date' },
		check: 'day',
		optional: true,
		collection: 'filters',
		property: {
			displayName: 'To Date',
			name: 'toDate',
			type: 'dateTime',
			default: '',
			description:
				"Count only applicants added or updated (by Timeframe Field) on or before this day. Sent as YYYY-MM-DD, the day in the workflow's timezone.",
		},
	},
];

export const description: INodeProperties[] = [
	{
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
	},
	...toNodeProperties(statsFields, displayOptions),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description:
			'Whether to return one flat row (totals, a column per status and per stage) instead of the raw data',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path, qs } = readFields(source, statsFields);
		if (
			typeof qs.from_date === 'string' &&
			typeof qs.to_date === 'string' &&
			qs.from_date > qs.to_date
		) {
			throw new NodeOperationError(
				this.getNode(),
				`From Date (${qs.from_date}) is after To Date (${qs.to_date}) [item ${itemIndex}]`,
				{ itemIndex, description: 'Swap the two dates, or clear one of them.' },
			);
		}
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const oneTrack = this.getNodeParameter('scope', itemIndex, 'track') !== 'account';
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

function asObject(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}
