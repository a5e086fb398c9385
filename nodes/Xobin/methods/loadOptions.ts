// The editor's stage dropdowns: the chosen track's stages from GET /tracks/<id>/stats, each valued
// by its stage_id exactly as Xobin sends it (text such as "0012", never turned into a number).

import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readTrackId } from '../helpers/trackLocator';
import { xobinRequest } from '../transport';
import { trackNotFound } from '../actions/track/common';

export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = this.getCurrentNodeParameter('track', { extractValue: true });
	if (chosen === undefined || chosen === null || chosen === '') return [];
	const trackId = readTrackId(this.getNode(), chosen);
	const response = await xobinRequest(this, {
		method: 'GET',
		endpoint: `/tracks/${trackId}/stats`,
		idempotent: true,
		notFound: trackNotFound(trackId),
	});
	const stages = (response.body as IDataObject).stages;
	return (Array.isArray(stages) ? (stages as unknown[]) : []).flatMap((entry) => {
		const { stage_id: id, name, type } = (entry ?? {}) as IDataObject;
		if (typeof id !== 'string' && typeof id !== 'number') return [];
		const value = String(id);
		const label = (typeof name === 'string' && name) || value;
		const kind = typeof type === 'string' && type !== '' ? `Type: ${type}, ` : '';
		return [{ name: label, value, description: `${kind}ID: ${value}` }];
	});
}
