// Node version 3 of the Xobin node: the Track list (From List / By ID) and the stage dropdowns of
// the Track operations, in the editor (list search, stage loading) and in the engine (both locator
// modes, stage IDs kept as text); Get Stats for the whole account without an ID; the editor's
// field types per node version. Versions 1 and 2 (typed IDs) are covered in track.test.ts.

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { loadOptions } from './harness/engine';
import { credentialFor, requestsTo, runOperation, useMockXobin } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Xobin } = require('../dist/nodes/Xobin/Xobin.node.js') as {
	Xobin: new () => { description: { properties: INodeProperties[]; subtitle: string; defaultVersion: number } };
};

type Mock = ReturnType<ReturnType<typeof useMockXobin>>;

const APPLICANTS = /\/tracks\/\d+\/applicants/;
const STATS = /stats$/;

function run(mock: Mock, operation: string, parameters: IDataObject, items?: IDataObject[]) {
	return runOperation(mock, { resource: 'track', operation, parameters, items, typeVersion: 3 });
}

describe('Track list and stage dropdowns in the editor (Xobin node)', () => {
	const mock = useMockXobin();
	const credentials = () => ({ xobinApi: credentialFor(mock(), {}) });

	test('the list is the union of the account statistics\' two track lists, each track once, by title with its id, searchable in any case', async () => {
		const all = await loadOptions({ nodeType: 'xobin', kind: 'listSearch', method: 'searchTracks', credentials: credentials() });
		expect(all).toEqual({
			results: [
				{ name: 'Backend Engineer (6578)', value: '6578' },
				{ name: 'Data Analyst (6579)', value: '6579' },
			],
		});
		expect(requestsTo(mock(), STATS).map((request) => request.path)).toEqual(['/api/v2/tracks/stats']);
		const found = await loadOptions({
			nodeType: 'xobin',
			kind: 'listSearch',
			method: 'searchTracks',
			filter: 'backend',
			credentials: credentials(),
		});
		expect(found).toEqual({ results: [{ name: 'Backend Engineer (6578)', value: '6578' }] });
	});

	test("when the list cannot load, the editor gets Xobin's reason", async () => {
		await expect(
			loadOptions({
				nodeType: 'xobin',
				kind: 'listSearch',
				method: 'searchTracks',
				credentials: { xobinApi: credentialFor(mock(), { apiKey: 'wrong-key' }) },
			}),
		).rejects.toThrow(/API key|401|rejected/i);
	});

	test("the stage dropdown lists the chosen track's stages, valued by stage_id as text ('0012' stays '0012')", async () => {
		for (const mode of ['list', 'id']) {
			const stages = (await loadOptions({
				nodeType: 'xobin',
				typeVersion: 3,
				method: 'getStages',
				parameters: { resource: 'track', operation: 'moveApplicant', track: { __rl: true, mode, value: '6578' } },
				credentials: credentials(),
			})) as Array<{ name: string; value: unknown }>;
			expect(stages.map((stage) => stage.value)).toEqual(['stg_applied', 'stg_assessment', '0012', 'stg_hired', 'stg_rejected']);
			expect(stages[2].name).toBe('Technical Interview');
		}
	});

	test('version 3 shows the Track list and stage dropdowns on every Track operation; versions 1 and 2 keep typed IDs', () => {
		const { properties, defaultVersion } = new Xobin().description;
		expect(defaultVersion).toBe(3);
		const shown = (operation: string, version: number) =>
			properties.filter((property) => {
				const show = (property.displayOptions?.show ?? {}) as Record<string, unknown[]>;
				return show.resource?.includes('track') && show.operation?.includes(operation) && (!show['@version'] || show['@version'].includes(version));
			});
		const inside = (list: INodeProperties[]) =>
			list.flatMap((property) => (property.type === 'collection' ? (property.options as INodeProperties[]) : [property]));
		const stagePickers: Record<string, string[]> = {
			addApplicant: ['destinationStageId'],
			getApplicant: [],
			getManyApplicants: ['stageId'],
			getStats: [],
			hireApplicant: ['sourceStageId'],
			moveApplicant: ['destinationStageId', 'sourceStageId'],
			rejectApplicant: ['sourceStageId'],
		};
		for (const [operation, stages] of Object.entries(stagePickers)) {
			const v3 = inside(shown(operation, 3));
			expect(v3.filter((p) => p.type === 'resourceLocator').map((p) => p.name)).toEqual(['track']);
			expect(v3.some((p) => p.name === 'trackId')).toBe(false);
			const dropdowns = v3.filter((p) => p.typeOptions?.loadOptionsMethod === 'getStages');
			expect(dropdowns.map((p) => p.name).sort()).toEqual([...stages].sort());
			for (const dropdown of dropdowns) expect(dropdown.typeOptions?.loadOptionsDependsOn).toEqual(['track.value']);
			for (const version of [1, 2]) {
				const old = inside(shown(operation, version));
				expect(old.find((p) => p.name === 'trackId')?.type).toBe('number');
				expect(old.some((p) => p.type === 'resourceLocator' || p.typeOptions?.loadOptionsMethod)).toBe(false);
				for (const stage of stages) expect(old.find((p) => p.name === stage)?.type).toBe('string');
			}
		}
	});

	test('the canvas subtitle names the resource and the operation', () => {
		const { subtitle } = new Xobin().description;
		// "={{ (resourceNames[$parameter["resource"]] || …) + ": " + (operationNames[$parameter["operation"]] || …) }}"
		expect(subtitle).toMatch(/^=\{\{ \(\{.*\}\[\$parameter\["resource"\]\] \|\| \$parameter\["resource"\]\) \+ ": " \+ \(\{.*\}\[\$parameter\["operation"\]\] \|\| \$parameter\["operation"\]\) \}\}$/);
		const [resourceNames, operationNames] = (subtitle.match(/\{[^{}]*\}/g) ?? []).map((text) => JSON.parse(text) as Record<string, string>);
		const evaluate = (resource: string, operation: string) => `${resourceNames[resource]}: ${operationNames[operation]}`;
		expect(evaluate('aiInterview', 'invite')).toBe('AI Interview: Invite Candidate');
		expect(evaluate('track', 'moveApplicant')).toBe('Track: Move Applicant');
	});
});

describe('Track operations with the Track list (node version 3)', () => {
	const mock = useMockXobin();

	test('Move takes the track from either locator mode and sends the chosen stage ids as text', async () => {
		for (const mode of ['list', 'id']) {
			const result = await run(mock(), 'moveApplicant', {
				track: { __rl: true, mode, value: '6578', cachedResultName: 'Backend Engineer (6578)' },
				applicationId: '67865',
				destinationStageId: mode === 'list' ? '0012' : 'stg_assessment',
				additionalFields: { sourceStageId: mode === 'list' ? 'stg_assessment' : '0012' },
			});
			expect(result.error).toBeUndefined();
		}
		expect(requestsTo(mock(), APPLICANTS).map((request) => [request.path, request.body])).toEqual([
			['/api/v2/tracks/6578/applicants/67865/move', { destination_stage_id: '0012', source_stage_id: 'stg_assessment' }],
			['/api/v2/tracks/6578/applicants/67865/move', { destination_stage_id: 'stg_assessment', source_stage_id: '0012' }],
		]);
	});

	test('a track and stage from expressions work too; a track that is not a number is refused before sending', async () => {
		const result = await run(
			mock(),
			'getManyApplicants',
			{ track: { __rl: true, mode: 'id', value: '={{ $json.track }}' }, returnAll: true, filters: { stageId: '={{ $json.stage }}' }, options: { sortBy: 'score', sortOrder: 'asc' } },
			[{ track: 6578, stage: '0012' }],
		);
		expect(result.error).toBeUndefined();
		expect(requestsTo(mock(), APPLICANTS).map((request) => [request.path, request.query])).toEqual([
			['/api/v2/tracks/6578/applicants', { stage_id: '0012', sort_by: 'score', sort_order: 'asc', page: '1', per_page: '200' }],
		]);

		// n8n checks the By ID pattern and the required Track before the node runs; the node checks an expression's value.
		await expect(run(mock(), 'getApplicant', { track: { __rl: true, mode: 'id', value: 'backend' }, applicationId: '67865' })).rejects.toThrow(
			/A track ID is a whole number/,
		);
		await expect(run(mock(), 'getApplicant', { track: { __rl: true, mode: 'list', value: '' }, applicationId: '67865' })).rejects.toThrow(
			/Parameter "Track" is required/,
		);
		const refused = await run(mock(), 'getApplicant', { track: { __rl: true, mode: 'id', value: '={{ $json.track }}' }, applicationId: '67865' }, [{ track: 'backend' }]);
		expect(refused.error?.message).toBe('Track must be a whole number above zero, got "backend" [item 0]');
		expect(requestsTo(mock(), APPLICANTS)).toHaveLength(1);
	});

	test('Get Stats without any setting gives the whole account (no ID needed); version 2 keeps One Track', async () => {
		const result = await run(mock(), 'getStats', {});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toEqual(expect.objectContaining({ tracks: 2, active_tracks: 1 }));

		const old = await runOperation(mock(), { resource: 'track', operation: 'getStats', parameters: { trackId: 6578 }, typeVersion: 2 });
		expect(old.error).toBeUndefined();
		expect(old.outputs[0][0].json).toEqual(expect.objectContaining({ track_id: 6578, title: 'Backend Engineer' }));
		expect(requestsTo(mock(), STATS).map((request) => request.path)).toEqual(['/api/v2/tracks/stats', '/api/v2/tracks/6578/stats']);

		const oneTrack = await run(mock(), 'getStats', { scope: 'track', track: { __rl: true, mode: 'list', value: '6579' } });
		expect(oneTrack.outputs[0][0].json).toEqual(expect.objectContaining({ track_id: 6579, title: 'Data Analyst' }));
	});
});
