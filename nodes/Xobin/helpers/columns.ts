// Flat column names for rows a sheet takes: Xobin's section, skill, stage and status names turned
// into header-friendly keys, never overwriting one another.

import type { IDataObject } from 'n8n-workflow';

/** "Logical Reasoning" → "logical_reasoning": a column name that reads well in a sheet header. */
export function columnName(name: unknown): string {
	const slug = String(name ?? '')
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '_')
		.replace(/^_+|_+$/g, '');
	return slug === '' ? 'unnamed' : slug;
}

/** Two names that read the same get `_2`, `_3`… rather than overwriting each other. */
export function setOnce(row: IDataObject, key: string, value: unknown): void {
	let name = key;
	for (let n = 2; name in row; n++) name = `${key}_${n}`;
	row[name] = value as IDataObject[string];
}
