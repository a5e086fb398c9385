// The Track picker shared by every node that works on one track: a resource locator, "From List"
// (the tracks Xobin's account statistics name, see methods/listSearch.ts) or "By ID", and how its
// value is read and checked before any request leaves. The value is the track number as text.

import type { IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Track numbers are whole numbers; the ID mode refuses anything else as it is typed. */
const TRACK_ID_PATTERN = '^\\s*[0-9]+\\s*$';

export function trackLocator(displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Track',
		name: 'track',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		...(displayOptions ? { displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a track...',
				typeOptions: { searchListMethod: 'searchTracks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6578',
				validation: [
					{
						type: 'regex',
						properties: { regex: TRACK_ID_PATTERN, errorMessage: 'A track ID is a whole number' },
					},
				],
			},
		],
		description: 'The track (job pipeline) in Xobin',
		hint: "The list holds the tracks Xobin's account statistics report (those with the most applicants and the recently updated ones); any other track works By ID.",
	};
}

/** The locator's value as a track number in text ("6578"), or a clear error before anything is sent. */
export function readTrackId(node: INode, value: unknown): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (new RegExp(TRACK_ID_PATTERN).test(text) && Number(text) >= 1) return String(Number(text));
	const problem =
		text === ''
			? 'No track is chosen'
			: `The track ID ${JSON.stringify(text)} is not a track number`;
	throw new NodeOperationError(node, problem, {
		description:
			"Choose the track From List, or switch to By ID and type its number (open the track in Xobin's Tracks dashboard to find it).",
	});
}
