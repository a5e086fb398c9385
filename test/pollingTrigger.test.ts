// The Xobin Polling Trigger in n8n's engine (PollContext, static data persisted only when a poll
// emits, as n8n does) against the mock Xobin: the first poll only seeds; applicants added, moved,
// hired and rejected between polls (through the mock's own endpoint handlers) come out once each;
// 250 new applicants over two pages; changes landing while a poll walks its pages; a failed poll
// moves nothing and the next one catches up; Fetch Test Event; AI-interview completions (with the
// report); static data size; and the editor's track list and stage dropdown (ids stay text).

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HarnessPoller } from './harness/engine';
import movedExample from '../examples/notify-when-applicant-moved-to-interview.json';
import { loadOptions, startPoller } from './harness/engine';
import { credentialFor, requestsTo, useMockXobin } from './support';

type Mock = ReturnType<ReturnType<typeof useMockXobin>>;

const TRACK = 6578;
const APPLICANTS = /\/tracks\/\d+\/applicants$/;

function trackPoller(mock: Mock, event: string, extra: IDataObject = {}, trackId = TRACK) {
	return startPoller({
		nodeType: 'xobinPollingTrigger',
		parameters: {
			watch: 'track',
			track: { __rl: true, mode: 'id', value: String(trackId) },
			event,
			...extra,
		},
		credentials: { xobinApi: credentialFor(mock, {}) },
	});
}

function interviewPoller(mock: Mock, extra: IDataObject = {}) {
	return startPoller({
		nodeType: 'xobinPollingTrigger',
		parameters: { watch: 'aiInterview', aiInterviewId: '211', ...extra },
		credentials: { xobinApi: credentialFor(mock, {}) },
	});
}

/** A production poll that must succeed; its items (none: []). */
async function poll(poller: HarnessPoller): Promise<IDataObject[]> {
	const result = await poller.poll();
	expect(result.error).toBeUndefined();
	return (result.items?.[0] ?? []).map((item: INodeExecutionData) => item.json);
}

let added = 0;
function addApplicants(mock: Mock, count: number, trackId = TRACK): number[] {
	return Array.from({ length: count }, () => {
		added += 1;
		const body = mock.addTrackApplicant(trackId, {
			name: `Polled ${added}`,
			email: `polled${added}@example.com`,
		});
		return body.application_id as number;
	});
}

const ids = (items: IDataObject[]) => items.map((item) => item.application_id);

describe('Xobin Polling Trigger: track events', () => {
	const mock = useMockXobin();

	test('the first poll only seeds; new applicants come out once, the next poll emits nothing', async () => {
		const poller = await trackPoller(mock(), 'newApplicant');
		const seed = await poller.poll();
		expect([seed.items, seed.error]).toEqual([null, undefined]);
		expect(poller.emitted).toEqual([]);

		const [first, second] = addApplicants(mock(), 2);
		const items = await poll(poller);
		expect(ids(items)).toEqual([first, second]);
		expect(items[0]).toMatchObject({
			event: 'newApplicant',
			track_id: TRACK,
			name: expect.stringMatching(/^Polled /),
			stage_id: 'stg_applied',
			stage_name: 'Applied',
		});
		expect(items[0].from_stage).toBeUndefined();
		expect(await poll(poller)).toEqual([]);
	});

	test('a move comes out with the stage it came from; "Only Into Stage" keeps the other moves out', async () => {
		const any = await trackPoller(mock(), 'applicantMoved');
		const intoInterview = await trackPoller(mock(), 'applicantMoved', {
			options: { toStageId: '0012' },
		});
		const [other] = addApplicants(mock(), 1);
		await poll(any);
		await poll(intoInterview);
		// Added and moved between two polls: a new applicant in its current stage, not a move.
		const [fresh] = addApplicants(mock(), 1);
		mock().changeTrackApplicant(TRACK, fresh, 'move', { destination_stage_id: '0012' });
		mock().changeTrackApplicant(TRACK, 67865, 'move', {
			source_stage_id: 'stg_assessment',
			destination_stage_id: '0012',
		});
		mock().changeTrackApplicant(TRACK, other, 'move', { destination_stage_id: 'stg_assessment' });

		const moves = await poll(any);
		// Both moves, with the stage each came from.
		expect(moves.map((item) => [item.application_id, item.from_stage, item.stage_id])).toEqual([
			[67865, { stage_id: 'stg_assessment', name: 'Assessment', type: 'assessment' }, '0012'],
			[other, { stage_id: 'stg_applied', name: 'Applied', type: 'applied' }, 'stg_assessment'],
		]);
		expect(moves[0].stage_name).toBe('Technical Interview');
		expect(ids(await poll(intoInterview))).toEqual([67865]);
		expect(await poll(any)).toEqual([]);
		expect(await poll(intoInterview)).toEqual([]);
	});

	test('Applicant Hired and Applicant Rejected each emit only their own change, once', async () => {
		const hired = await trackPoller(mock(), 'applicantHired');
		const rejected = await trackPoller(mock(), 'applicantRejected');
		const [a, b, c] = addApplicants(mock(), 3);
		await poll(hired);
		await poll(rejected);
		mock().changeTrackApplicant(TRACK, a, 'hire', {});
		mock().changeTrackApplicant(TRACK, b, 'reject', {});
		mock().changeTrackApplicant(TRACK, c, 'move', { destination_stage_id: '0012' });

		const hires = await poll(hired);
		expect(hires.map((item) => [item.event, item.application_id, item.stage_status])).toEqual([
			['applicantHired', a, 'Hired'],
		]);
		expect(hires[0].from_stage).toEqual({
			stage_id: 'stg_applied',
			name: 'Applied',
			type: 'applied',
		});
		expect(ids(await poll(rejected))).toEqual([b]);
		expect(await poll(hired)).toEqual([]);
		expect(await poll(rejected)).toEqual([]);
	});

	test('250 new applicants between two polls come out in one poll (two pages), each once', async () => {
		const poller = await trackPoller(mock(), 'newApplicant');
		await poll(poller);
		const added250 = addApplicants(mock(), 250);
		mock().requests.length = 0;
		const items = await poll(poller);
		expect(ids(items)).toEqual(added250);
		const pages = requestsTo(mock(), APPLICANTS);
		expect(pages.map((request) => request.query.page)).toEqual(['1', '2']);
		expect(pages[0].query).toMatchObject({
			per_page: '200',
			timeframe_field: 'last_updated_at',
			sort_by: 'date_added',
			sort_order: 'asc',
		});
		expect(pages[0].query.from_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(await poll(poller)).toEqual([]);
	});

	test('changes landing while a poll walks its pages (same timestamps, two pages) come out exactly once', async () => {
		const poller = await trackPoller(mock(), 'applicantMoved');
		// 300 applicants from 2025 (outside the poll's window until they change).
		const seeded = mock().seedTrackApplicants(TRACK, 300);
		await poll(poller);
		// 250 moves in the same second: one timestamp, two pages.
		for (const id of seeded.slice(0, 250))
			mock().changeTrackApplicant(TRACK, id, 'move', { destination_stage_id: 'stg_assessment' });
		// Page 2 is answered late; meanwhile an applicant already read moves again, and one from 2025
		// enters the window ahead of page 2 (shifting it by one).
		mock().queueFault({ method: 'GET', path: APPLICANTS, after: 1, delayMs: 400 });
		const during = poller.poll();
		await sleep(150);
		mock().changeTrackApplicant(TRACK, seeded[0], 'move', { destination_stage_id: '0012' });
		mock().changeTrackApplicant(TRACK, seeded[260], 'move', { destination_stage_id: '0012' });
		const first = await during;
		expect(first.error).toBeUndefined();
		const all = [...(first.items?.[0] ?? []).map((item) => item.json), ...(await poll(poller))];
		expect(await poll(poller)).toEqual([]);

		const moves = all.map((item) => `${String(item.application_id)}→${String(item.stage_id)}`);
		expect(new Set(moves).size).toBe(moves.length);
		expect(moves.sort()).toEqual(
			[
				...seeded.slice(0, 250).map((id) => `${id}→stg_assessment`),
				`${seeded[0]}→0012`,
				`${seeded[260]}→0012`,
			].sort(),
		);
	});

	test('a failed poll throws, moves no cursor, and the next poll emits what happened in between', async () => {
		const poller = await trackPoller(mock(), 'newApplicant');
		await poll(poller);
		const before = poller.liveStaticData();
		const [first] = addApplicants(mock(), 1);
		addApplicants(mock(), 200); // two pages: the second one fails
		mock().queueFault({ method: 'GET', path: APPLICANTS, after: 1, status: 500 });
		const failed = await poller.poll();
		expect(failed.error?.message).toMatch(/500|Xobin/);
		expect([failed.items, failed.emitted]).toEqual([null, false]);
		expect(poller.liveStaticData()).toEqual(before);

		mock().queueFault({
			method: 'GET',
			path: APPLICANTS,
			status: 401,
			body: { error: 'Invalid API key' },
		});
		const refused = await poller.poll();
		expect(refused.error?.message).toBeDefined();
		expect(poller.liveStaticData()).toEqual(before);

		const [late] = addApplicants(mock(), 1);
		const items = await poll(poller);
		expect(items).toHaveLength(202);
		expect([items[0].application_id, items[201].application_id]).toEqual([first, late]);
		expect(await poll(poller)).toEqual([]);
	});

	test('Fetch Test Event returns the newest matching applicant and leaves static data alone', async () => {
		const poller = await trackPoller(mock(), 'newApplicant');
		const [, newest] = addApplicants(mock(), 2);
		const sample = await poller.poll({ mode: 'manual' });
		expect(sample.error).toBeUndefined();
		expect(sample.items?.[0].map((item) => item.json.application_id)).toEqual([newest]);
		expect([poller.staticData(), poller.liveStaticData(), poller.emitted]).toEqual([{}, {}, []]);

		// The first production poll still only seeds, and a manual run later changes nothing.
		expect((await poller.poll()).items).toBeNull();
		const seeded = poller.liveStaticData();
		addApplicants(mock(), 1);
		await poller.poll({ mode: 'manual' });
		expect(poller.liveStaticData()).toEqual(seeded);
		expect(await poll(poller)).toHaveLength(1);

		const hired = await trackPoller(mock(), 'applicantHired');
		const none = await hired.poll({ mode: 'manual' });
		expect(none.error?.message).toBe(
			'Track 6578 has no hired applicant among its 200 most recently updated',
		);
		mock().changeTrackApplicant(TRACK, newest, 'hire', {});
		const hire = await hired.poll({ mode: 'manual' });
		expect(hire.items?.[0][0].json).toMatchObject({
			event: 'applicantHired',
			application_id: newest,
		});
	});

	test('static data: a 453-applicant track costs at most 32 KB; another track re-seeds', async () => {
		mock().addTrack(7000, 'Support Agent');
		mock().seedTrackApplicants(7000, 453);
		const poller = await trackPoller(mock(), 'applicantMoved', {}, 7000);
		mock().requests.length = 0;
		await poll(poller);
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(3);
		const size = JSON.stringify(poller.liveStaticData()).length;
		expect(size).toBeLessThanOrEqual(32 * 1024);
		expect(size).toBeLessThan(453 * 16);

		poller.edit({ track: { __rl: true, mode: 'id', value: String(TRACK) } });
		expect((await poller.poll()).items).toBeNull();
		expect(poller.liveStaticData()['node:Xobin Polling Trigger']).toMatchObject({
			track: String(TRACK),
		});
	});

	test('a track ID that is not a number is refused before any request', async () => {
		const poller = await startPoller({
			nodeType: 'xobinPollingTrigger',
			parameters: {
				watch: 'track',
				track: { __rl: true, mode: 'id', value: 'abc' },
				event: 'newApplicant',
			},
			credentials: { xobinApi: credentialFor(mock(), {}) },
		});
		const result = await poller.poll();
		expect(result.error?.message).toBe('The track ID "abc" is not a track number');
		expect(mock().requests).toHaveLength(0);
	});
});

describe('the example workflow (applicant moved to Technical Interview)', () => {
	const mock = useMockXobin();

	test('its trigger, as committed, emits a move into Technical Interview with the fields Slack and Sheets read', async () => {
		const trigger = movedExample.nodes.find((node) => node.type.endsWith('.xobinPollingTrigger'));
		const poller = await startPoller({
			nodeType: 'xobinPollingTrigger',
			parameters: trigger?.parameters as IDataObject,
			credentials: { xobinApi: credentialFor(mock(), {}) },
		});
		await poll(poller);
		mock().changeTrackApplicant(TRACK, 67865, 'move', { destination_stage_id: 'stg_applied' });
		expect(await poll(poller)).toEqual([]);
		mock().changeTrackApplicant(TRACK, 67865, 'move', { destination_stage_id: '0012' });
		const [item] = await poll(poller);
		expect(item).toMatchObject({
			name: 'Alex Tanaka',
			email: 'alex.tanaka@example.com',
			stage_name: 'Technical Interview',
			from_stage: { name: 'Applied' },
			application_id: 67865,
		});
		expect(item.last_updated_at).toEqual(expect.any(String));
	});
});

describe('Xobin Polling Trigger: AI interview completed', () => {
	const mock = useMockXobin();

	test('a completion comes out once, with the report when asked; the first poll only seeds', async () => {
		const plain = await interviewPoller(mock());
		const withReport = await interviewPoller(mock(), { includeReport: true });
		expect((await plain.poll()).items).toBeNull(); // 6735 was completed before
		expect((await withReport.poll()).items).toBeNull();
		await mock().completeInterview(6734, { score: 91 });

		const [item] = await poll(plain);
		expect(item).toEqual({
			event: 'interviewCompleted',
			ai_interview_id: 211,
			candidate_id: 7062,
			invite_status: 'Completed',
			last_updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
			response_id: 6734,
		});
		mock().requests.length = 0;
		const [reported] = await poll(withReport);
		expect(reported).toMatchObject({
			event: 'interviewCompleted',
			response_id: 6734,
			candidate_name: 'Sam Okafor',
			candidate_email: 'sam.okafor@example.com',
			score: 91,
		});
		expect(mock().requests.map((request) => request.path)).toEqual([
			'/api/v2/ai-interviews/invited/211',
			'/api/v2/ai-interviews/report/6734',
		]);
		expect(await poll(plain)).toEqual([]);
		expect(await poll(withReport)).toEqual([]);
	});

	test('a report that fails keeps the completion for the next poll; Fetch Test Event shows the newest', async () => {
		const poller = await interviewPoller(mock(), { includeReport: true });
		await poll(poller);
		await mock().completeInterview(6734);
		mock().queueFault({ method: 'GET', path: '/api/v2/ai-interviews/report/6734', status: 500 });
		const failed = await poller.poll();
		expect(failed.error).toBeDefined();
		expect((await poll(poller)).map((item) => item.response_id)).toEqual([6734]);

		const sample = await poller.poll({ mode: 'manual' });
		expect(sample.items?.[0][0].json).toMatchObject({
			response_id: 6734,
			candidate_name: 'Sam Okafor',
		});
		expect(await poll(poller)).toEqual([]);
	});
});

describe('Track picker and stage dropdown (the editor)', () => {
	const mock = useMockXobin();
	const credentials = () => ({ xobinApi: credentialFor(mock(), {}) });

	test('the list holds each track of the account statistics once, by title with its id, searchable', async () => {
		const all = await loadOptions({
			nodeType: 'xobinPollingTrigger',
			kind: 'listSearch',
			method: 'searchTracks',
			credentials: credentials(),
		});
		expect(all).toEqual({
			results: [
				{ name: 'Backend Engineer (6578)', value: '6578' },
				{ name: 'Data Analyst (6579)', value: '6579' },
			],
		});
		const found = await loadOptions({
			nodeType: 'xobinPollingTrigger',
			kind: 'listSearch',
			method: 'searchTracks',
			filter: 'DATA',
			credentials: credentials(),
		});
		expect(found).toEqual({ results: [{ name: 'Data Analyst (6579)', value: '6579' }] });
	});

	test("a failing list says Xobin's reason", async () => {
		await expect(
			loadOptions({
				nodeType: 'xobinPollingTrigger',
				kind: 'listSearch',
				method: 'searchTracks',
				credentials: { xobinApi: credentialFor(mock(), { apiKey: 'wrong-key' }) },
			}),
		).rejects.toThrow(/API key|401|rejected/i);
	});

	test('stages load from the chosen track (list or ID mode), valued by their stage_id as text', async () => {
		for (const mode of ['list', 'id']) {
			const stages = (await loadOptions({
				nodeType: 'xobinPollingTrigger',
				method: 'getStages',
				parameters: {
					watch: 'track',
					track: { __rl: true, mode, value: '6578' },
					event: 'applicantMoved',
				},
				credentials: credentials(),
			})) as Array<{ name: string; value: unknown; description?: string }>;
			expect(stages.map((stage) => [stage.name, stage.value])).toEqual([
				['Applied', 'stg_applied'],
				['Assessment', 'stg_assessment'],
				['Technical Interview', '0012'],
				['Hired', 'stg_hired'],
				['Rejected', 'stg_rejected'],
			]);
			expect(stages[2].description).toBe('Type: interview, ID: 0012');
		}
		const none = await loadOptions({
			nodeType: 'xobinPollingTrigger',
			method: 'getStages',
			parameters: { watch: 'track', track: { __rl: true, mode: 'list', value: '' } },
			credentials: credentials(),
		});
		expect(none).toEqual([]);
	});
});
