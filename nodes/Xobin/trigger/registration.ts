// The Xobin Trigger's side of Xobin's webhook settings (per AI interview or assessment, or
// account-wide with updateAll): what the node's settings ask to register, the request that switches
// it on (with the secret Xobin must send back) or off, and the record of it in the node's static
// data. Xobin cannot be asked what it has registered, so that record is the only memory of it.

import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
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
import type { XobinRequest } from '../transport/types';
import { newSecret, WEBHOOK_SECRET_HEADER, WEBHOOK_SECRET_QUERY } from './auth';
import type { Product, TriggerEvent } from './events';
import { EVENTS, TRIGGER_EVENTS } from './events';

type TriggerScope = 'interview' | 'assessment' | 'account';

/** Each product's own Events and Scope parameters (the AI-interview ones keep their first names). */
export const PARAMETER_NAMES = {
	aiInterview: { events: 'events', scope: 'scope', oneScope: 'interview' },
	assessment: { events: 'assessmentEvents', scope: 'assessmentScope', oneScope: 'assessment' },
} as const;

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

/** What the trigger registers with Xobin; what it stored is the same with the secret. */
export interface Registration {
	/** Left out for AI interviews, as in the records stored before assessments existed. */
	product?: 'assessment';
	scope: TriggerScope;
	aiInterviewId?: number;
	assessmentId?: number;
	events: TriggerEvent[]; // sorted, so the order they were picked in does not matter
	urls: Partial<Record<TriggerEvent, string>>;
}

type StoredRegistration = Registration & { secret: string };

const STATIC_KEY = 'xobinRegistration';

/** The request that switches the registration's webhooks on (given the secret) or off. */
function settingsRequest(registration: Registration, secret?: string): XobinRequest {
	const assessment = registration.product === 'assessment';
	const on = secret !== undefined;
	// Xobin's docs do not show how assessment webhooks authenticate (A4.3: only an updateAuth
	// flag), so the secret also rides in the URL: should Xobin ignore the auth, calls still pass.
	const query = assessment && on ? `?${WEBHOOK_SECRET_QUERY}=${secret}` : '';
	const webhooks: IDataObject = Object.fromEntries(
		registration.events.map((event) => [
			EVENTS[event].settingsKey,
			{ status: on, url: `${registration.urls[event]}${query}` },
		]),
	);
	if (on) {
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
	const body: IDataObject = { webhooks };
	if (assessment) body.updateAuth = on;
	const endpoint = assessment ? '/webhooks' : '/ai-interviews/settings/webhooks';
	const [, id] = targetOf(registration);
	if (id === undefined) return { method: 'POST', endpoint, body: { ...body, updateAll: true } };
	return { method: assessment ? 'POST' : 'PUT', endpoint: `${endpoint}/${String(id)}`, body };
}

/** The product, and the interview or assessment (undefined: account-wide) a registration is for. */
export function targetOf(registration: Registration): [Product, number | undefined] {
	const { product = 'aiInterview', scope, aiInterviewId, assessmentId } = registration;
	return [product, scope === 'account' ? undefined : (aiInterviewId ?? assessmentId)];
}

/** Same product, scope, interview or assessment, events and URLs: nothing to register again. */
export function sameRegistration(a: Registration, b: Registration): boolean {
	const identity = (r: Registration) => JSON.stringify([...targetOf(r), r.scope, r.events, r.urls]);
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

/** The product the trigger listens to, and the events chosen for it (as given). */
export function chosenEvents(context: IHookFunctions | IWebhookFunctions) {
	const product = context.getNodeParameter('product', 'aiInterview') as Product;
	const events = context.getNodeParameter(PARAMETER_NAMES[product].events, []) as TriggerEvent[];
	return { product, events };
}

/** What the node's settings ask to register, checked like any field: bad values stop activation. */
export function wantedRegistration(context: IHookFunctions): Registration {
	const { path } = readFields(triggerSource(context), triggerFields);
	const { product, events: chosen } = chosenEvents(context);
	const parameters = PARAMETER_NAMES[product];
	const events = [...new Set(chosen)].sort();
	if (events.length === 0) {
		const names = TRIGGER_EVENTS.filter((event) => EVENTS[event].product === product).map(
			(event) => EVENTS[event].name,
		);
		throw new NodeOperationError(context.getNode(), 'Trigger On is empty', {
			description: `Choose at least one event: ${names.slice(0, -1).join(', ')} and/or ${names[names.length - 1]}.`,
		});
	}
	const scope = context.getNodeParameter(parameters.scope, parameters.oneScope) as TriggerScope;
	if (scope !== 'account' && events.includes('assessmentUpdated'))
		throw new NodeOperationError(
			context.getNode(),
			`${EVENTS.assessmentUpdated.name} needs 'Scope' All Assessments (Account-Wide)`,
			{
				description: `Xobin sends assessment created and updated events only from the account's webhook settings, not from one assessment's. Set 'Scope' to All Assessments (Account-Wide), or remove ${EVENTS.assessmentUpdated.name} from 'Trigger On'.`,
			},
		);
	// n8n names webhooks only 'default' and 'setup', so getNodeWebhookUrl cannot name five URLs; but
	// a node's webhooks share one prefix (NodeHelpers.getNodeWebhookUrl: <base>/<webhookId>/<path>),
	// so each event's URL is that of 'default' (AI Interview Completed) with its own path.
	const completedUrl = context.getNodeWebhookUrl('default');
	const anchor = `/${EVENTS.completed.path}`;
	if (!completedUrl?.endsWith(anchor))
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node',
		);
	const prefix = completedUrl.slice(0, -anchor.length);
	const urls = Object.fromEntries(events.map((e) => [e, `${prefix}/${EVENTS[e].path}`]));
	const registration: Registration =
		product === 'assessment' ? { product, scope, events, urls } : { scope, events, urls };
	if (scope !== 'account')
		registration[product === 'assessment' ? 'assessmentId' : 'aiInterviewId'] =
			(path.assessment_id ?? path.ai_interview_id) as number;
	return registration;
}

/**
 * Switches the registration's events on in Xobin with a fresh secret and records it, or off and
 * forgets it. A failure throws and keeps the record, so the next try switches it off; a 404 when
 * switching off means the interview or assessment is gone from Xobin, and its webhooks with it.
 */
export async function switchWebhooks(
	context: IHookFunctions,
	staticData: IDataObject,
	registration: Registration,
	on: boolean,
): Promise<void> {
	const secret = on ? newSecret() : undefined;
	const [product, id] = targetOf(registration);
	const notFound = product === 'assessment' ? assessmentNotFound : aiInterviewNotFound;
	await xobinRequest(context, {
		...settingsRequest(registration, secret),
		idempotent: true,
		notFound: id === undefined ? undefined : notFound(id),
		passThrough: on ? undefined : (response) => response.statusCode === 404,
	});
	remember(staticData, secret === undefined ? undefined : { ...registration, secret });
}
