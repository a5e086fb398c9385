// The editor's track list from GET /tracks/stats, the only call in Xobin's v2 API that names tracks
// (so only its top and recently updated tracks). A failure shows in the editor; By ID still works.

import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { xobinRequest } from '../transport';

export async function searchTracks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const request = { method: 'GET', endpoint: '/tracks/stats', idempotent: true } as const;
	const { body } = await xobinRequest(this, request);
	const { top_tracks_by_applicants: top, recently_updated_tracks: recent } = body as IDataObject;
	const byId = new Map<string, string>();
	for (const entry of [top, recent].flatMap((list) => (Array.isArray(list) ? list : []))) {
		const { track_id: id, title } = (entry ?? {}) as IDataObject;
		const value = typeof id === 'number' || typeof id === 'string' ? String(id).trim() : '';
		if (value === '' || byId.has(value)) continue;
		byId.set(value, (typeof title === 'string' && title.trim()) || 'Untitled');
	}
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = [...byId]
		.map(([value, title]) => ({ name: `${title} (${value})`, value }))
		.filter((result) => wanted === '' || result.name.toLowerCase().includes(wanted))
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
	return { results };
}
