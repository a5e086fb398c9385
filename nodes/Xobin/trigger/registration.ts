// The Xobin Trigger's side of Xobin's webhook settings: for AI interviews PUT
// /ai-interviews/settings/webhooks/<id> (one interview) or POST /ai-interviews/settings/webhooks with
// updateAll (the account); for assessments POST /webhooks/<assessment_id> or POST /webhooks with
// updateAll. What the node's settings ask to register, the request that switches it on (with the
// secret Xobin must send back) or off, and the record of it kept in the node's static data.
//
// Lifecycle: activating the workflow registers (create) and stores { product, scope, id, events,
// urls, secret }; n8n restarting finds the same record (checkExists) and leaves Xobin alone;
// deactivating switches the stored registration off (delete) and forgets it. Xobin has no endpoint
// to read the settings back, so the stored record is the only memory of what was registered.

import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	aiInterviewIdField,
	aiInterviewNotFound,
	assessmentIdField,
	assessmentNotFound,
} from '../helpers/productIdFields';
import type { Field } from '../helpers/fields';
import { readFields, triggerSource } from '../helpers/fields';
import { xobinRequest } from '../transport';
import type { NotFound, XobinRequest } from '../transport/types';
import { WEBHOOK_SECRET_HEADER, WEBHOOK_SECRET_QUERY } from './auth';
import type { Product, TriggerEvent } from './events';
import { EVENTS, TRIGGER_EVENTS, webhookUrlOf } from './events';

/** Each product's own Events and Scope parameters (the AI-interview ones keep their first names). */
const PARAMETER_NAMES: Record<Product, { events: string; scope: string; oneScope: TriggerScope }> =
	{
		aiInterview: { events: 'events', scope: 'scope', oneScope: 'interview' },
		assessment: { events: 'assessmentEvents', scope: 'assessmentScope', oneScope: 'assessment' },
	};

export type TriggerScope = 'interview' | 'assessment' | 'account';

/** The trigger's settings that end up in Xobin's request. */
export const triggerFields: Field[] = [
	aiInterviewIdField({
		sendIn: 'path',
		show: { product: ['aiInterview'], scope: ['interview'] },
		note: 'Calls about other interviews are ignored.',
	}),
	assessmentIdField({
		sendIn: 'path',
		show: { product: ['assessment'], assessmentScope: ['assessment'] },
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
interface StoredRegistration extends Registration {
	secret: string;
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

export function readStored(staticData: IDataObject): StoredRegistration | undefined {
	const stored = staticData[STATIC_KEY] as StoredRegistration | undefined;
	return typeof stored?.secret === 'string' && typeof stored.urls === 'object' ? stored : undefined;
}

/** Keeps the registration Xobin accepted in the node's static data, or forgets it (undefined). */
export function remember(staticData: IDataObject, registration?: StoredRegistration): void {
	if (registration) staticData[STATIC_KEY] = registration as unknown as IDataObject;
	else delete staticData[STATIC_KEY];
}

/** The trigger's Product parameter. */
export function productOf(context: {
	getNodeParameter(name: string, fallback: unknown): unknown;
}): Product {
	return context.getNodeParameter('product', 'aiInterview') as Product;
}

/** The chosen product, scope and events, checked like any field: bad values stop activation. */
export function readSettings(context: IHookFunctions) {
	const { path } = readFields(triggerSource(context), triggerFields);
	const product = productOf(context);
	const parameters = PARAMETER_NAMES[product];
	const events = [
		...new Set(context.getNodeParameter(parameters.events, []) as TriggerEvent[]),
	].sort();
	if (events.length === 0) {
		const names = TRIGGER_EVENTS.filter((event) => EVENTS[event].product === product).map(
			(event) => EVENTS[event].name,
		);
		throw new NodeOperationError(context.getNode(), 'Trigger On is empty', {
			description: `Choose at least one event: ${names.slice(0, -1).join(', ')} and/or ${names[names.length - 1]}.`,
		});
	}
	const scope = context.getNodeParameter(parameters.scope, parameters.oneScope) as TriggerScope;
	if (scope !== 'account' && events.includes('assessmentUpdated')) {
		throw new NodeOperationError(
			context.getNode(),
			`${EVENTS.assessmentUpdated.name} needs 'Scope' All Assessments (Account-Wide)`,
			{
				description: `Xobin sends assessment created and updated events only from the account's webhook settings, not from one assessment's. Set 'Scope' to All Assessments (Account-Wide), or remove ${EVENTS.assessmentUpdated.name} from 'Trigger On'.`,
			},
		);
	}
	return { product, scope, events, path };
}

/** What the node's settings ask to register. */
export function wantedRegistration(context: IHookFunctions): Registration {
	const { product, scope, events, path } = readSettings(context);
	const defaultUrl = context.getNodeWebhookUrl('default');
	const urls: Registration['urls'] = {};
	for (const event of events) {
		const url = webhookUrlOf(defaultUrl, event);
		if (!url)
			throw new NodeOperationError(
				context.getNode(),
				'n8n did not provide a webhook URL for this node',
			);
		urls[event] = url;
	}
	if (product === 'assessment') {
		const registration: Registration = { product, scope, events, urls };
		if (scope !== 'account') registration.assessmentId = path.assessment_id as number;
		return registration;
	}
	const registration: Registration = { scope, events, urls };
	if (scope !== 'account') registration.aiInterviewId = path.ai_interview_id as number;
	return registration;
}

/**
 * Switches a stored registration's events off in Xobin and forgets it. A failure throws and keeps
 * the record, so the next try switches it off; a 404 means the interview is gone from Xobin, and
 * its webhooks with it.
 */
export async function switchOff(
	context: IHookFunctions,
	staticData: IDataObject,
	stored: Registration,
): Promise<void> {
	await xobinRequest(context, {
		...settingsRequest(stored, false),
		idempotent: true,
		notFound: notFoundOf(stored),
		passThrough: (response) => response.statusCode === 404,
	});
	remember(staticData);
}
