// The Xobin Trigger's side of Xobin's AI-interview webhook settings (PUT
// /ai-interviews/settings/webhooks/<id> for one interview, POST /ai-interviews/settings/webhooks
// with updateAll for the whole account): what the trigger asks Xobin to send where, the secret Xobin
// must send back, and the record of that registration kept in the node's static data.
//
// Lifecycle: activating the workflow registers (create) and stores { scope, interview, events, url,
// secret }; n8n restarting finds the same record (checkExists) and leaves Xobin alone; deactivating
// switches the stored registration off (delete) and forgets it. Xobin has no endpoint to read the
// settings back, so the stored record is the only memory of what was registered.

import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { aiInterviewIdField } from '../helpers/aiInterviewIdField';
import type { BodyField } from '../helpers/bodyFields';
import { WEBHOOK_SECRET_HEADER } from '../helpers/constants';
import type { XobinRequest } from '../transport';

export type TriggerEvent = 'started' | 'completed';

export type TriggerScope = 'interview' | 'account';

/** The event name each output item carries. */
export const EVENT_NAMES: Record<TriggerEvent, string> = {
	started: 'AI Interview Started',
	completed: 'AI Interview Completed',
};

/** Xobin's key for each event in the webhook settings ("Start" and "Submission" workflows). */
const SETTINGS_KEYS: Record<TriggerEvent, string> = {
	started: 'start',
	completed: 'submission',
};

/** The trigger's settings that end up in Xobin's request. */
export const triggerFields: BodyField[] = [
	aiInterviewIdField({
		in: 'path',
		onlyWhen: { scope: ['interview'] },
		note: 'Calls about other interviews are ignored.',
	}),
];

/** What the trigger registers with Xobin. */
export interface Registration {
	scope: TriggerScope;
	aiInterviewId?: number;
	/** Sorted, so two registrations compare equal whatever order the events were picked in. */
	events: TriggerEvent[];
	url: string;
}

/** A registration Xobin accepted, with the secret it will send back. */
export interface StoredRegistration extends Registration {
	secret: string;
	registeredAt: string;
}

const STATIC_KEY = 'xobinRegistration';

/** The request that switches the registration's webhooks on (with the secret) or off. */
export function settingsRequest(
	registration: Registration,
	on: boolean,
	secret?: string,
): XobinRequest {
	const webhooks: IDataObject = {};
	for (const event of registration.events) {
		webhooks[SETTINGS_KEYS[event]] = { status: on, url: registration.url };
	}
	if (on && secret !== undefined) {
		webhooks.auth = {
			type: 'apikey',
			status: true,
			apikey: { key: WEBHOOK_SECRET_HEADER, value: secret },
		};
	}
	if (registration.scope === 'account') {
		return {
			method: 'POST',
			endpoint: '/ai-interviews/settings/webhooks',
			body: { webhooks, updateAll: true },
		};
	}
	return {
		method: 'PUT',
		endpoint: `/ai-interviews/settings/webhooks/${String(registration.aiInterviewId)}`,
		body: { webhooks },
	};
}

export function sameRegistration(a: Registration, b: Registration): boolean {
	return (
		a.scope === b.scope &&
		a.url === b.url &&
		(a.scope === 'account' || a.aiInterviewId === b.aiInterviewId) &&
		a.events.join(',') === b.events.join(',')
	);
}

export function readStored(staticData: IDataObject): StoredRegistration | undefined {
	const stored = staticData[STATIC_KEY] as StoredRegistration | undefined;
	return stored && typeof stored.secret === 'string' && typeof stored.url === 'string'
		? stored
		: undefined;
}

export function store(staticData: IDataObject, registration: StoredRegistration): void {
	staticData[STATIC_KEY] = {
		...registration,
		events: [...registration.events],
	} as unknown as IDataObject;
}

export function forget(staticData: IDataObject): void {
	delete staticData[STATIC_KEY];
}

/** A fresh secret for one registration: 256 bits from the operating system's CSPRNG, as hex. */
export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Whether the header value Xobin sent is the expected secret, compared in constant time (both
 * sides hashed first, so neither the content nor the length leaks through timing).
 */
export function secretsMatch(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Which event a call is. Xobin's payloads carry no event name: a Submission has invite_status
 * "Completed" (and the scores), a Start has "Started". A payload without a status counts as a
 * Submission when it carries a completion date or a score, else as a Start.
 */
export function eventOf(payload: IDataObject): TriggerEvent {
	const status =
		typeof payload.invite_status === 'string' ? payload.invite_status.trim().toLowerCase() : '';
	if (status === 'completed') return 'completed';
	if (status === 'started') return 'started';
	const finished =
		Boolean(payload.completed_date) || (payload.score !== undefined && payload.score !== null);
	return finished ? 'completed' : 'started';
}
