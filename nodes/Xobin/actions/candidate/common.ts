// What the Candidate operations share: showing a property for one of them.

import type { IDisplayOptions } from 'n8n-workflow';

/** Show a property only for one operation of the Candidate resource. */
export function forOperation(operation: string): IDisplayOptions {
	return { show: { resource: ['candidate'], operation: [operation] } };
}

/** Xobin keeps a candidate for this many days after a deletion request; Cancel Deletion works until then. */
export const DELETION_DELAY_DAYS = 7;
