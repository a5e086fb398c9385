// Track events of the Xobin Polling Trigger (New Applicant, Applicant Moved to a Stage, Hired,
// Rejected) from GET /tracks/<id>/applicants. Exactly once by comparison, not by timestamps: static
// data maps every applicant of the track to the stage and status last seen; the first production
// poll walks the whole track to fill it and emits nothing. Later polls read the applicants updated
// since the day before the previous poll (Xobin filters by calendar day, in a timezone its docs do
// not state: the window starts 14 hours early) sorted by date added, which never changes, so a
// change landing mid-walk can repeat an applicant but never skip one; an unchanged one matches the
// map. A failed poll throws before the map is touched. Fetch Test Event returns the newest match.

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PER_PAGE, readApplicants, readApplicantsPage } from '../actions/track/common';
import { readTrackId } from '../helpers/trackLocator';

type TrackEvent = 'newApplicant' | 'applicantMoved' | 'applicantHired' | 'applicantRejected';

const WINDOW_MARGIN_MS = 14 * 3600_000;

/** What the trigger remembers of an applicant: [stage_id, stage_name, stage_type, stage_status]. */
type Kind = [string, string, string, string];

/** Static data: the track, when the last poll started, and the applicants' kinds (by index). */
interface TrackState {
	track: string;
	since: number;
	kinds: Kind[];
	seen: Record<string, number>;
}

const text = (value: unknown) =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const hasId = (entry: IDataObject) => text(entry.application_id) !== '';

const kindOf = (entry: IDataObject) =>
	['stage_id', 'stage_name', 'stage_type', 'stage_status'].map((key) => text(entry[key])) as Kind;

/** The stage type or status that Applicant Hired and Applicant Rejected wait for. */
const TYPES: Record<string, RegExp | undefined> = {
	applicantHired: /^hired$/i,
	applicantRejected: /^rejected$/i,
};
const isType = (kind: Kind | undefined, word: RegExp) =>
	kind !== undefined && (word.test(kind[2]) || word.test(kind[3]));

function matches(event: TrackEvent, before: Kind | undefined, now: Kind, intoStage: string) {
	const type = TYPES[event];
	if (type) return !isType(before, type) && isType(now, type);
	if (event === 'newApplicant') return before === undefined;
	return before !== undefined && before[0] !== now[0] && (intoStage === '' || now[0] === intoStage);
}

function toItem(trackId: string, event: TrackEvent, entry: IDataObject, before?: Kind) {
	const json: IDataObject = { event, track_id: Number(trackId), ...entry };
	if (before !== undefined)
		json.from_stage = { stage_id: before[0], name: before[1], type: before[2] };
	return { json };
}

/** Reads the map from static data, or undefined when there is none for this track. */
function readState(data: IDataObject, trackId: string): Map<string, Kind> | undefined {
	const { track, seen, kinds } = data as Partial<TrackState>;
	if (track !== trackId || typeof seen !== 'object' || !Array.isArray(kinds)) return undefined;
	return new Map(
		Object.entries(seen ?? {}).flatMap(([id, i]): [string, Kind][] =>
			kinds[i] ? [[id, kinds[i]]] : [],
		),
	);
}

/** Writes the map back, each distinct kind stored once. */
function writeState(data: IDataObject, trackId: string, since: number, seen: Map<string, Kind>) {
	const keys = [...new Set([...seen.values()].map((kind) => JSON.stringify(kind)))];
	const indexOf = new Map(keys.map((key, index) => [key, index]));
	Object.assign(data, {
		track: trackId,
		since,
		kinds: keys.map((key) => JSON.parse(key) as Kind),
		seen: Object.fromEntries(
			[...seen].map(([id, kind]) => [id, indexOf.get(JSON.stringify(kind)) as number]),
		),
	} satisfies TrackState);
}

/** The UTC calendar day of an instant, as Xobin's from_date wants it. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const EVENT_WORDS: Record<TrackEvent, string> = {
	newApplicant: 'has no applicants yet',
	applicantMoved: 'has no applicants in that stage yet',
	applicantHired: 'has no hired applicant among its 200 most recently updated',
	applicantRejected: 'has no rejected applicant among its 200 most recently updated',
};

/** Fetch Test Event: the newest applicant that fits the event, as a sample; static data untouched. */
async function sample(
	context: IPollFunctions,
	trackId: string,
	event: TrackEvent,
	intoStage: string,
): Promise<INodeExecutionData[][]> {
	const sortBy = event === 'newApplicant' ? 'date_added' : 'last_updated_at';
	const qs: IDataObject = { sort_by: sortBy, sort_order: 'desc', per_page: MAX_PER_PAGE, page: 1 };
	if (event === 'applicantMoved' && intoStage !== '') qs.stage_id = intoStage;
	const { entries } = await readApplicantsPage(context, trackId, qs);
	// The newest first; among equal times (Xobin counts whole seconds) the highest application_id.
	const time = (entry: IDataObject) => Date.parse(text(entry[sortBy])) || 0;
	const id = (entry: IDataObject) => Number(entry.application_id) || 0;
	const type = TYPES[event];
	const found = entries
		.filter((entry) => hasId(entry) && (type === undefined || isType(kindOf(entry), type)))
		.sort((a, b) => time(b) - time(a) || id(b) - id(a))[0];
	if (!found)
		throw new NodeOperationError(context.getNode(), `Track ${trackId} ${EVENT_WORDS[event]}`, {
			description:
				'Fetch Test Event shows the newest applicant that fits the event as a sample. Nothing fits yet: the active workflow will still start for the next one.',
		});
	return [[toItem(trackId, event, found)]];
}

export async function pollTrack(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const trackId = readTrackId(
		this.getNode(),
		this.getNodeParameter('track', undefined, { extractValue: true }),
	);
	const event = this.getNodeParameter('event') as TrackEvent;
	const intoStage =
		event === 'applicantMoved' ? text(this.getNodeParameter('options.toStageId', '')) : '';
	if (this.getMode() === 'manual') return await sample(this, trackId, event, intoStage);

	const data = this.getWorkflowStaticData('node');
	const startedAt = Date.now();
	const seen = readState(data, trackId);
	const since = Number((data as Partial<TrackState>).since);
	// The first poll (or one for another track) walks every applicant, only to remember them.
	const window = seen && {
		timeframe_field: 'last_updated_at',
		from_date: dayOf((Number.isFinite(since) ? since : startedAt) - WINDOW_MARGIN_MS),
	};
	const qs = { ...window, sort_by: 'date_added', sort_order: 'asc' };
	const known = seen ?? new Map<string, Kind>();
	const items: INodeExecutionData[] = [];
	const { applicants } = await readApplicants(this, trackId, qs);
	for (const entry of applicants.filter(hasId)) {
		const id = text(entry.application_id);
		const before = known.get(id);
		const now = kindOf(entry);
		if (before !== undefined && before[0] === now[0] && before[3] === now[3]) continue;
		if (seen && matches(event, before, now, intoStage))
			items.push(toItem(trackId, event, entry, before));
		known.set(id, now);
	}
	writeState(data, trackId, startedAt, known);
	return items.length > 0 ? [items] : null;
}
