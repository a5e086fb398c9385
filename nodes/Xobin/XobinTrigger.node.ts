// The Xobin Trigger: starts a workflow when a candidate starts or completes a Xobin AI interview.
// Automatic setup registers this node's webhook URL and a random secret with Xobin's webhook
// settings when the workflow is activated and switches them off when it is deactivated (the
// bookkeeping lives in trigger/registration.ts); manual setup leaves Xobin to the user. Either
// way every call must carry the secret in the X-Xobin-Webhook-Secret header, or it gets a 401.

import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readFields, toNodeProperties, triggerSource } from './helpers/fields';
import {
	MIN_WEBHOOK_SECRET_LENGTH,
	WEBHOOK_SECRET_HEADER,
	XOBIN_CREDENTIAL_TYPE,
} from './helpers/constants';
import { aiInterviewNotFound } from './helpers/aiInterviewIdField';
import { xobinRequest } from './transport';
import type { Registration, TriggerEvent, TriggerScope } from './trigger/registration';
import {
	deliveryKeyOf,
	EVENT_NAMES,
	isRepeat,
	newSecret,
	readStored,
	sameRegistration,
	secretsMatch,
	remember,
	settingsRequest,
	triggerFields,
	WEBHOOK_OF_EVENT,
} from './trigger/registration';

const AUTOMATIC = 'automatic';
const MANUAL = 'manual';

export class XobinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xobin Trigger',
		name: 'xobinTrigger',
		icon: { light: 'file:../../icons/xobin.svg', dark: 'file:../../icons/xobin.dark.svg' },
		group: ['trigger'],
		version: [1],
		subtitle: '={{ "AI interview " + ($parameter["events"] || []).join(" / ") }}',
		description: 'Starts the workflow when a candidate starts or completes a Xobin AI interview',
		defaults: {
			name: 'Xobin Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: XOBIN_CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { setup: [AUTOMATIC] } },
			},
		],
		webhooks: [
			{
				name: WEBHOOK_OF_EVENT.completed,
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'completed',
			},
			{
				name: WEBHOOK_OF_EVENT.started,
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'started',
			},
		],
		properties: [
			{
				displayName: 'Setup',
				name: 'setup',
				type: 'options',
				noDataExpression: true,
				default: AUTOMATIC,
				options: [
					{
						name: 'Automatic',
						value: AUTOMATIC,
						description:
							"Activating the workflow registers this node's URL and a secret with Xobin; deactivating switches them off",
					},
					{
						name: 'Manual',
						value: MANUAL,
						description:
							"You paste this node's URL and secret into the Workflows tab of the interview in Xobin",
					},
				],
				description: 'How Xobin learns where to send the events',
			},
			{
				displayName:
					"Activating this workflow <b>replaces the webhook settings in Xobin</b> of the chosen AI interview (account-wide: of every AI interview): the URLs of the chosen events and the webhook authentication. Deactivating switches those events off again. 'Listen for test event' does the same with the test URL, so re-activate the workflow after testing.",
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [AUTOMATIC] } },
			},
			{
				displayName: `In Xobin, open AI Interviews, choose ⋯ on the interview, then the Workflows tab. Paste this node's Production URL ending in <b>/started</b> (under Webhook URLs above) into "AI Interview Start" and the one ending in <b>/completed</b> into "AI Interview Submission". Under authentication choose API Key, header name <b>${WEBHOOK_SECRET_HEADER}</b>, and paste the Webhook Secret below as its value.`,
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [MANUAL] } },
			},
			{
				displayName: 'Webhook Secret',
				name: 'webhookSecret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				displayOptions: { show: { setup: [MANUAL] } },
				description: `A long random value (at least ${MIN_WEBHOOK_SECRET_LENGTH} characters, e.g. from a password generator) that you also paste into Xobin. Calls without it in the ${WEBHOOK_SECRET_HEADER} header are refused.`,
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['completed'],
				options: [
					{
						name: 'AI Interview Completed',
						value: 'completed',
						description:
							'A candidate finished the interview and Xobin\'s evaluation is done (Xobin\'s "Submission" workflow)',
					},
					{
						name: 'AI Interview Started',
						value: 'started',
						description: 'A candidate began the interview (Xobin\'s "Start" workflow)',
					},
				],
				description: 'Which events start the workflow',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				default: 'interview',
				options: [
					{
						name: 'All AI Interviews (Account-Wide)',
						value: 'account',
						description: 'Events from every AI interview of the Xobin account',
					},
					{
						name: 'One AI Interview',
						value: 'interview',
						description: 'Events from one AI interview only',
					},
				],
				description: 'Which AI interviews the events come from',
			},
			...toNodeProperties(triggerFields, {}),
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Xobin cannot be asked what it has registered, so this answers from the record create()
			 * stored: registered already when the record matches the node's current settings and URL.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (setupOf(this) === MANUAL) return false;
				const stored = readStored(this.getWorkflowStaticData('node'));
				return stored !== undefined && sameRegistration(stored, wantedRegistration(this));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (setupOf(this) === MANUAL) {
					checkManualSetup(this);
					return true;
				}
				const registration = wantedRegistration(this);
				const staticData = this.getWorkflowStaticData('node');
				// A registration left from other settings would keep Xobin calling with an old secret.
				const stale = readStored(staticData);
				if (stale !== undefined) await switchOff(this, staticData, stale);
				const secret = newSecret();
				await xobinRequest(this, {
					...settingsRequest(registration, true, secret),
					idempotent: true,
					notFound: notFoundOf(registration),
				});
				remember(staticData, { ...registration, secret, registeredAt: new Date().toISOString() });
				return true;
			},

			/** Switches off what create() registered (whatever the settings say now) and forgets it. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const stored = readStored(staticData);
				if (stored !== undefined) await switchOff(this, staticData, stored);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const expected =
			setupOf(this) === MANUAL
				? String(this.getNodeParameter('webhookSecret', ''))
				: (readStored(this.getWorkflowStaticData('node'))?.secret ?? '');
		const given = this.getHeaderData()[WEBHOOK_SECRET_HEADER.toLowerCase()];
		if (!secretsMatch(given, expected)) {
			return respond(this, 401, `Missing or wrong ${WEBHOOK_SECRET_HEADER} header`);
		}

		const event = (Object.keys(WEBHOOK_OF_EVENT) as TriggerEvent[]).find(
			(name) => WEBHOOK_OF_EVENT[name] === this.getWebhookName(),
		) as TriggerEvent;
		const payload = this.getBodyData() as unknown;
		const body = (payload ?? {}) as IDataObject;
		if (
			typeof payload !== 'object' ||
			Array.isArray(payload) ||
			body.ai_interview_id == null ||
			body.response_id == null
		) {
			return respond(
				this,
				400,
				'Expected a JSON object from Xobin with ai_interview_id and response_id',
			);
		}
		const wanted = this.getNodeParameter('events', []) as TriggerEvent[];
		if (!wanted.includes(event)) {
			return {
				webhookResponse: {
					message: `Ignored: this trigger does not listen for ${EVENT_NAMES[event]}`,
				},
			};
		}
		const interviewId = readFields(triggerSource(this), triggerFields).path.ai_interview_id;
		if (interviewId !== undefined && Number(body.ai_interview_id) !== interviewId) {
			return {
				webhookResponse: {
					message: `Ignored: this trigger listens to AI interview ${String(interviewId)} only`,
				},
			};
		}
		const deliveryKey = deliveryKeyOf(event, body);
		if (
			isRepeat(
				this.getWorkflowStaticData('node'),
				`${this.getWorkflow().id}|${this.getNode().webhookId ?? this.getNode().name}`,
				deliveryKey,
			)
		) {
			return { webhookResponse: { message: `Ignored: ${deliveryKey} was already delivered` } };
		}
		return {
			workflowData: [
				this.helpers.returnJsonArray({ ...body, event: EVENT_NAMES[event], deliveryKey }),
			],
		};
	}
}

function setupOf(context: IHookFunctions | IWebhookFunctions): string {
	return context.getNodeParameter('setup', AUTOMATIC) as string;
}

/** What the node's settings ask to register: checked like any field, so bad values stop activation. */
function wantedRegistration(context: IHookFunctions): Registration {
	const { path } = readFields(triggerSource(context), triggerFields);
	const events = [...new Set(context.getNodeParameter('events', []) as TriggerEvent[])].sort();
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Events is empty', {
			description: 'Choose at least one event: AI Interview Completed and/or AI Interview Started.',
		});
	}
	const urls: Registration['urls'] = {};
	for (const event of events) {
		const url = context.getNodeWebhookUrl(WEBHOOK_OF_EVENT[event]);
		if (!url)
			throw new NodeOperationError(
				context.getNode(),
				'n8n did not provide a webhook URL for this node',
			);
		urls[event] = url;
	}
	const scope = context.getNodeParameter('scope', 'interview') as TriggerScope;
	const registration: Registration = { scope, events, urls };
	if (scope === 'interview') registration.aiInterviewId = path.ai_interview_id as number;
	return registration;
}

/**
 * Switches a stored registration's events off in Xobin and forgets it. A failure throws and keeps
 * the record, so the next try switches it off; a 404 means the interview is gone from Xobin, and
 * its webhooks with it.
 */
async function switchOff(
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

function checkManualSetup(context: IHookFunctions): void {
	readFields(triggerSource(context), triggerFields);
	const secret = String(context.getNodeParameter('webhookSecret', ''));
	if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
		throw new NodeOperationError(
			context.getNode(),
			`Webhook Secret must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long`,
			{
				description: `It is ${secret.length}. Use a long random value, e.g. from a password generator, and paste the same value into the ${WEBHOOK_SECRET_HEADER} header setting in Xobin's Workflows tab.`,
			},
		);
	}
}

function notFoundOf(registration: Registration) {
	return registration.scope === 'account'
		? undefined
		: aiInterviewNotFound(registration.aiInterviewId);
}

function respond(
	context: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}
