// The Xobin Trigger's side of Xobin's webhook settings: for AI interviews PUT
// /ai-interviews/settings/webhooks/<id> (one interview) or POST /ai-interviews/settings/webhooks with
// updateAll (the account); for assessments POST /webhooks/<assessment_id> or POST /webhooks with
// updateAll. What the trigger asks Xobin to send where, the secret Xobin must send back, and the
// record of that registration kept in the node's static data.
//
// Lifecycle: activating the workflow registers (create) and stores { product, scope, id, events,
// urls, secret }; n8n restarting finds the same record (checkExists) and leaves Xobin alone;
// deactivating switches the stored registration off (delete) and forgets it. Xobin has no endpoint
// to read the settings back, so the stored record is the only memory of what was registered.
//
// "Listen for test event" runs the same methods on a copy of the workflow whose static data starts
// empty (n8n's TestWebhooks), so it cannot see that record: the production registrations this n8n
// process holds are also kept in memory (holdLive), and test listening stays off what they hold.

import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	aiInterviewIdField,
	aiInterviewNotFound,
	assessmentIdField,
	assessmentNotFound,
} from '../helpers/productIdFields';
import type { Field } from '../helpers/fields';
import { WEBHOOK_SECRET_HEADER, WEBHOOK_SECRET_QUERY } from '../helpers/constants';
import type { NotFound, XobinRequest } from '../transport/types';
import type { TriggerEvent } from './events';
import { EVENTS } from './events';

export type TriggerScope = 'interview' | 'assessment' | 'account';

/** The trigger's settings that end up in Xobin's request. */
export const triggerFields: Field[] = [
	aiInterviewIdField({
		sendIn: 'path',
		onlyWhen: { product: ['aiInterview'], scope: ['interview'] },
		note: 'Calls about other interviews are ignored.',
	}),
	assessmentIdField({
		sendIn: 'path',
		onlyWhen: { product: ['assessment'], assessmentScope: ['assessment'] },
		note: 'Calls about other assessments are ignored.',
	}),
];

/** What the trigger registers with Xobin. */
export interface Registration {
	/** Left out for AI interviews, as in the records stored before assessments existed. */
	product?: 'assessment';
	scope: TriggerScope;
	aiInterviewId?: number;
	assessmentId?: number;
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
	const assessment = registration.product === 'assessment';
	const withSecret = on && secret !== undefined;
	const webhooks: IDataObject = {};
	for (const event of registration.events) {
		let url = registration.urls[event] as string;
		// Xobin's docs do not show how assessment webhooks authenticate (A4.3: only an updateAuth
		// flag), so the secret also rides in the URL: should Xobin ignore the auth, calls still pass.
		if (assessment && withSecret) url = withQuery(url, WEBHOOK_SECRET_QUERY, secret);
		webhooks[EVENTS[event].settingsKey] = { status: on, url };
	}
	if (withSecret) {
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
	const account = registration.scope === 'account';
	if (assessment) {
		const body: IDataObject = { webhooks, updateAuth: withSecret };
		if (account) body.updateAll = true;
		return {
			method: 'POST',
			endpoint: account ? '/webhooks' : `/webhooks/${String(registration.assessmentId)}`,
			body,
		};
	}
	if (account) {
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

function withQuery(url: string, name: string, value: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/** What a 404 from the settings endpoint could not find: the interview or the assessment. */
export function notFoundOf(registration: Registration): NotFound | undefined {
	if (registration.scope === 'account') return undefined;
	return registration.product === 'assessment'
		? assessmentNotFound(registration.assessmentId)
		: aiInterviewNotFound(registration.aiInterviewId);
}

/** Same product, scope, interview or assessment, events and URLs: nothing to register again. */
export function sameRegistration(a: Registration, b: Registration): boolean {
	const identity = ({ product, scope, aiInterviewId, assessmentId, events, urls }: Registration) =>
		JSON.stringify([
			product ?? 'aiInterview',
			scope,
			scope === 'account' ? null : (aiInterviewId ?? assessmentId),
			events,
			urls,
		]);
	return identity(a) === identity(b);
}

/** Who holds a registration: a workflow's node, with the Xobin account it registered in. */
interface Owner {
	workflowId: string;
	workflowName: string;
	/** The node's webhookId (its name when it has none). */
	node: string;
	account: string;
}
/** The production registrations this n8n process made or found, by workflow and node. */
const live = new Map<string, Owner & { registration: Registration }>();

/** Which Xobin account a credential reaches, without keeping its key. */
export function accountOf(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${String(credentials.baseUrl)}\n${String(credentials.apiKey)}`)
		.digest('hex');
}

/** Records the production registration that workflow's node holds in Xobin, or forgets it. */
export function holdLive(owner: Owner, registration?: Registration): void {
	const key = `${owner.workflowId}|${owner.node}`;
	if (registration) live.set(key, { ...owner, registration });
	else live.delete(key);
}

/** Whether this is the production registration that workflow's node holds. */
export function isLive(owner: { workflowId: string; node: string }, registration: Registration) {
	const held = live.get(`${owner.workflowId}|${owner.node}`)?.registration;
	return held !== undefined && sameRegistration(held, registration);
}

/**
 * The production registrations that share Xobin settings with a registration: same account and
 * product, and the same interview or assessment or either account-wide. Xobin keeps one URL per
 * event and one webhook auth there, so registering anything in them changes what production gets.
 */
export function liveIn(account: string, registration: Registration) {
	const product = registration.product ?? 'aiInterview';
	const id = registration.aiInterviewId ?? registration.assessmentId;
	return [...live.values()]
		.filter(
			({ account: other, registration: held }) =>
				other === account &&
				(held.product ?? 'aiInterview') === product &&
				(held.scope === 'account' ||
					registration.scope === 'account' ||
					(held.aiInterviewId ?? held.assessmentId) === id),
		)
		.map(({ workflowId, workflowName, registration: held }) => ({
			workflowId,
			workflowName,
			events: held.events,
		}));
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
