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
import type { Field } from '../helpers/fields';
import { WEBHOOK_SECRET_HEADER } from '../helpers/constants';
import type { XobinRequest } from '../transport/types';

export type TriggerEvent = 'started' | 'completed';

export type TriggerScope = 'interview' | 'account';

/**
 * Each event has its own webhook URL, so the event a call is comes from the URL Xobin was given,
 * never from the payload: 'default' receives Submissions, 'setup' Starts (n8n names webhooks
 * 'default' or 'setup'; the second name carries no other meaning here).
 */
export const WEBHOOK_OF_EVENT: Record<TriggerEvent, 'default' | 'setup'> = {
	completed: 'default',
	started: 'setup',
};

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
export const triggerFields: Field[] = [
	aiInterviewIdField({
		sendIn: 'path',
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
	/** The webhook URL of each chosen event. */
	urls: Partial<Record<TriggerEvent, string>>;
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
		webhooks[SETTINGS_KEYS[event]] = { status: on, url: registration.urls[event] };
	}
	if (on && secret !== undefined) {
		webhooks.auth = {
			type: 'apikey',
			status: true,
			// Xobin's docs spell this object key/value on one page and header/apikey on another:
			// both spellings are sent, so either reading delivers the secret header.
			apikey: {
				key: WEBHOOK_SECRET_HEADER,
				value: secret,
				header: WEBHOOK_SECRET_HEADER,
				apikey: secret,
			},
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

/** Same scope, interview, events and URLs: nothing to register again. */
export function sameRegistration(a: Registration, b: Registration): boolean {
	const identity = ({ scope, aiInterviewId, events, urls }: Registration) =>
		JSON.stringify([scope, scope === 'account' ? null : aiInterviewId, events, urls]);
	return identity(a) === identity(b);
}

export function readStored(staticData: IDataObject): StoredRegistration | undefined {
	const stored = staticData[STATIC_KEY] as StoredRegistration | undefined;
	return typeof stored?.secret === 'string' && typeof stored.urls === 'object' ? stored : undefined;
}

/** Keeps the registration Xobin accepted in the node's static data, or forgets it (undefined). */
export function remember(staticData: IDataObject, registration?: StoredRegistration): void {
	if (registration) staticData[STATIC_KEY] = registration as unknown as IDataObject;
	else delete staticData[STATIC_KEY];
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

const DELIVERIES_KEY = 'xobinDeliveries';

/** How long an identical delivery counts as a repeat, and how many recent deliveries are kept. */
const REPEAT_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 1000;

/** The same event about the same attempt in the same state: one delivery, however often it comes. */
export function deliveryKeyOf(event: TriggerEvent, payload: IDataObject): string {
	return `${event}:${String(payload.response_id)}:${String(payload.invite_status ?? '')}`;
}

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
