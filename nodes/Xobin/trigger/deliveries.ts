// Xobin documents no retry policy, so the same delivery may arrive more than once: each one is
// recorded by its delivery key (trigger/events.ts), and the same key within 10 minutes starts no
// second run.

import type { IDataObject } from 'n8n-workflow';

const DELIVERIES_KEY = 'xobinDeliveries';

/** How long an identical delivery counts as a repeat, and how many recent deliveries are kept. */
const REPEAT_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 1000;

/**
 * Deliveries this n8n process has seen, by workflow, node and delivery key. n8n keeps node modules
 * loaded for the life of the process, so this covers one instance and one webhook process.
 */
const seenInProcess = new Map<string, number>();

/**
 * Records a delivery and says whether the same one arrived within the window: in this process's
 * memory, and in the workflow's static data, which n8n saves after webhook calls (not reliably
 * in every set-up: n8n 2.x can overwrite it with the execution's copy), for other processes.
 */
export function isRepeat(
	staticData: IDataObject,
	scope: string,
	key: string,
	now = Date.now(),
): boolean {
	for (const [known, at] of seenInProcess)
		if (now - at >= REPEAT_WINDOW_MS) seenInProcess.delete(known);
	const seen = (staticData[DELIVERIES_KEY] ?? {}) as Record<string, number>;
	const recent = Object.entries(seen).filter(([, at]) => now - at < REPEAT_WINDOW_MS);
	const repeat = seenInProcess.has(`${scope}|${key}`) || recent.some(([known]) => known === key);
	if (!repeat) {
		recent.push([key, now]);
		if (seenInProcess.size < MAX_REMEMBERED * 10) seenInProcess.set(`${scope}|${key}`, now);
	}
	staticData[DELIVERIES_KEY] = Object.fromEntries(recent.slice(-MAX_REMEMBERED));
	return repeat;
}
