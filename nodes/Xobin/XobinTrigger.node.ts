// The Xobin Trigger: starts a workflow when a candidate starts or completes a Xobin AI interview or
// assessment, or when an assessment is created or updated. Automatic setup registers this node's
// webhook URLs and a random secret with Xobin's webhook settings when the workflow is activated and
// switches them off when it is deactivated (the bookkeeping lives in trigger/registration.ts, the
// events in trigger/events.ts); manual setup leaves Xobin to the user. Either way every call must
// carry the secret in the X-Xobin-Webhook-Secret header (assessments: or in the URL's `secret`
// query parameter), or it gets a 401.

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
	WEBHOOK_SECRET_QUERY,
} from './helpers/constants';
import { xobinRequest } from './transport';
import { XOBIN_CREDENTIAL_TYPE } from './transport/constants';
import type { Product, TriggerEvent } from './trigger/events';
import { eventOfPath, EVENTS, TRIGGER_EVENTS, webhookUrlOf } from './trigger/events';
import type { Registration, TriggerScope } from './trigger/registration';
import {
	accountOf,
	holdLive,
	isLive,
	isRepeat,
	liveIn,
	newSecret,
	notFoundOf,
	readStored,
	remember,
	sameRegistration,
	secretsMatch,
	settingsRequest,
	triggerFields,
} from './trigger/registration';

const AUTOMATIC = 'automatic';
const MANUAL = 'manual';

/** Each product's own Events and Scope parameters (the AI-interview ones keep their first names). */
const PARAMETERS: Record<Product, { events: string; scope: string; oneScope: TriggerScope }> = {
	aiInterview: { events: 'events', scope: 'scope', oneScope: 'interview' },
	assessment: { events: 'assessmentEvents', scope: 'assessmentScope', oneScope: 'assessment' },
};

const forProduct = (product: Product) => ({ show: { product: [product] } });

export class XobinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xobin Trigger',
		name: 'xobinTrigger',
		icon: { light: 'file:../../icons/xobin.svg', dark: 'file:../../icons/xobin.dark.svg' },
		group: ['trigger'],
		version: [1],
		subtitle:
			'={{ $parameter["product"] === "assessment" ? "Assessment " + ($parameter["assessmentEvents"] || []).map(e => e.replace("assessment", "").toLowerCase()).join(" / ") : "AI interview " + ($parameter["events"] || []).join(" / ") }}',
		description:
			'Starts the workflow when a candidate starts or completes a Xobin AI interview or assessment, or an assessment is created or updated',
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
		// One URL per event, so the event comes from the URL called. n8n runs webhookMethods once per
		// webhook of that name: only AI Interview Completed is 'default', so activation runs once.
		// Each product's URLs are hidden in the node panel while the other product is chosen.
		webhooks: TRIGGER_EVENTS.map((event) => ({
			name: event === 'completed' ? 'default' : 'setup',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			path: EVENTS[event].path,
			ndvHideUrl:
				EVENTS[event].product === 'assessment'
					? '={{ $parameter["product"] !== "assessment" }}'
					: '={{ $parameter["product"] === "assessment" }}',
		})),
		properties: [
			{
				displayName: 'Product',
				name: 'product',
				type: 'options',
				noDataExpression: true,
				default: 'aiInterview',
				options: [
					{
						name: 'AI Interview',
						value: 'aiInterview',
						description: 'Events about candidates taking an AI interview',
					},
					{
						name: 'Assessment',
						value: 'assessment',
						description:
							'Events about candidates taking an assessment, and assessments being created or updated',
					},
				],
				description: 'Which Xobin product the events come from',
			},
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
						description: "You paste this node's URLs and secret into Xobin's webhook settings",
					},
				],
				description: 'How Xobin learns where to send the events',
			},
			{
				displayName:
					"Activating this workflow <b>replaces the webhook settings in Xobin</b> of the chosen AI interview (account-wide: of every AI interview): the URLs of the chosen events and the webhook authentication. Deactivating switches those events off again. 'Listen for test event' does the same with the test URL while the workflow is inactive; while it is active, it is refused and the active registration stays.",
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [AUTOMATIC], product: ['aiInterview'] } },
			},
			{
				displayName: `Activating this workflow <b>replaces the webhook settings in Xobin</b> of the chosen assessment (account-wide: of the account and every assessment): the URLs of the chosen events and the webhook authentication. The URLs carry the secret in a <b>${WEBHOOK_SECRET_QUERY}</b> query parameter too, since Xobin's docs do not show how assessment webhooks authenticate. Deactivating switches those events off again. 'Listen for test event' does the same with the test URL while the workflow is inactive; while it is active, it is refused and the active registration stays.`,
				name: 'automaticAssessmentNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [AUTOMATIC], product: ['assessment'] } },
			},
			{
				displayName: `In Xobin, open AI Interviews, choose ⋯ on the interview, then the Workflows tab. Paste this node's Production URL ending in <b>/started</b> (under Webhook URLs above) into "AI Interview Start" and the one ending in <b>/completed</b> into "AI Interview Submission". Under authentication choose API Key, header name <b>${WEBHOOK_SECRET_HEADER}</b>, and paste the Webhook Secret below as its value.`,
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [MANUAL], product: ['aiInterview'] } },
			},
			{
				displayName: `In Xobin, open the assessment, then Workflows (for all assessments: Settings → Webhooks). Paste this node's Production URL ending in <b>/assessment-started</b> (under Webhook URLs above) into "Assessment Start" and the one ending in <b>/assessment-submitted</b> into "Assessment Submission"; the one ending in <b>/assessment-updated</b> goes into "Assessment updates" under Settings → Webhooks. Add <b>?${WEBHOOK_SECRET_QUERY}=</b> and the Webhook Secret below to the end of each URL. If Xobin offers webhook authentication there, also choose API Key, header name <b>${WEBHOOK_SECRET_HEADER}</b>, with the Webhook Secret as its value.`,
				name: 'manualAssessmentNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setup: [MANUAL], product: ['assessment'] } },
			},
			{
				displayName: 'Webhook Secret',
				name: 'webhookSecret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				displayOptions: { show: { setup: [MANUAL] } },
				description: `A long random value (at least ${MIN_WEBHOOK_SECRET_LENGTH} characters, e.g. from a password generator; letters and digits only if it goes into a URL) that you also paste into Xobin. Calls without it in the ${WEBHOOK_SECRET_HEADER} header (assessments: or in the ${WEBHOOK_SECRET_QUERY} query parameter) are refused.`,
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
				displayOptions: forProduct('aiInterview'),
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				default: 'interview',
				displayOptions: forProduct('aiInterview'),
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
			{
				displayName: 'Events',
				name: 'assessmentEvents',
				type: 'multiOptions',
				required: true,
				default: ['assessmentSubmitted'],
				displayOptions: forProduct('assessment'),
				options: [
					{
						name: EVENTS.assessmentUpdated.name,
						value: 'assessmentUpdated',
						description:
							"A recruiter created, edited, archived or deleted an assessment (Xobin's \"updates\" workflow). Account-wide only: needs 'Scope' All Assessments.",
					},
					{
						name: EVENTS.assessmentStarted.name,
						value: 'assessmentStarted',
						description: 'A candidate began the assessment (Xobin\'s "Start" workflow)',
					},
					{
						name: EVENTS.assessmentSubmitted.name,
						value: 'assessmentSubmitted',
						description:
							'A candidate submitted the assessment and Xobin\'s evaluation is done (Xobin\'s "Submission" workflow)',
					},
				],
				description: 'Which events start the workflow',
			},
			{
				displayName: 'Scope',
				name: 'assessmentScope',
				type: 'options',
				default: 'assessment',
				displayOptions: forProduct('assessment'),
				options: [
					{
						name: 'All Assessments (Account-Wide)',
						value: 'account',
						description:
							'Events from every assessment of the Xobin account, and assessments being created or updated',
					},
					{
						name: 'One Assessment',
						value: 'assessment',
						description: 'Events from one assessment only',
					},
				],
				description: 'Which assessments the events come from',
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
				const exists = stored !== undefined && sameRegistration(stored, wantedRegistration(this));
				if (exists && !listeningForTest(this)) {
					// A credential deleted meanwhile does not stop deliveries; it only goes unrecorded.
					const owner = await ownerOf(this).catch(() => undefined);
					if (owner) holdLive(owner, stored);
				}
				return exists;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (setupOf(this) === MANUAL) {
					checkManualSetup(this);
					return true;
				}
				const registration = wantedRegistration(this);
				const owner = await ownerOf(this);
				if (listeningForTest(this)) refuseWhileLive(this, owner.account, registration);
				else holdLive(owner); // until Xobin accepts the new registration
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
				if (!listeningForTest(this)) holdLive(owner, registration);
				return true;
			},

			/**
			 * Switches off what create() registered (whatever the settings say now) and forgets it. A
			 * test registration leaves alone the events a production registration took over meanwhile.
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const stored = readStored(staticData);
				if (stored === undefined) return true;
				const owner = await ownerOf(this);
				if (isLive(owner, stored)) {
					await switchOff(this, staticData, stored);
					holdLive(owner);
					return true;
				}
				const held = liveIn(owner.account, stored).flatMap(({ events }) => events);
				const free = stored.events.filter((event) => !held.includes(event));
				if (free.length > 0) await switchOff(this, staticData, { ...stored, events: free });
				else remember(staticData);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const event = eventOfPath(String(request.originalUrl ?? request.url ?? ''));
		const byQuery = event !== undefined && EVENTS[event].product === 'assessment';
		const expected =
			setupOf(this) === MANUAL
				? String(this.getNodeParameter('webhookSecret', ''))
				: (readStored(this.getWorkflowStaticData('node'))?.secret ?? '');
		const given = this.getHeaderData()[WEBHOOK_SECRET_HEADER.toLowerCase()];
		if (
			!secretsMatch(given, expected) &&
			!(
				byQuery &&
				secretsMatch((this.getQueryData() as IDataObject)[WEBHOOK_SECRET_QUERY], expected)
			)
		) {
			const where = byQuery
				? `${WEBHOOK_SECRET_HEADER} header or ${WEBHOOK_SECRET_QUERY} query parameter`
				: `${WEBHOOK_SECRET_HEADER} header`;
			return respond(this, 401, `Missing or wrong ${where}`);
		}
		if (event === undefined) return respond(this, 404, 'Not a Xobin Trigger URL');

		const spec = EVENTS[event];
		const payload = this.getBodyData() as unknown;
		const delivery =
			typeof payload === 'object' && payload !== null && !Array.isArray(payload)
				? spec.read(payload as IDataObject)
				: undefined;
		if (delivery === undefined) {
			return respond(this, 400, `Expected a JSON object from Xobin with ${spec.expects}`);
		}
		const product = productOf(this);
		const wanted =
			spec.product === product
				? (this.getNodeParameter(PARAMETERS[product].events, []) as TriggerEvent[])
				: [];
		if (!wanted.includes(event)) {
			return {
				webhookResponse: { message: `Ignored: this trigger does not listen for ${spec.name}` },
			};
		}
		const { path } = readFields(triggerSource(this), triggerFields);
		const only = product === 'assessment' ? path.assessment_id : path.ai_interview_id;
		if (only !== undefined && Number(delivery.about) !== only) {
			const what = product === 'assessment' ? 'assessment' : 'AI interview';
			return {
				webhookResponse: {
					message: `Ignored: this trigger listens to ${what} ${String(only)} only`,
				},
			};
		}
		const { deliveryKey } = delivery;
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
				this.helpers.returnJsonArray({
					...(payload as IDataObject),
					...delivery.extras,
					event: spec.name,
					deliveryKey,
				}),
			],
		};
	}
}

function setupOf(context: IHookFunctions | IWebhookFunctions): string {
	return context.getNodeParameter('setup', AUTOMATIC) as string;
}

function productOf(context: IHookFunctions | IWebhookFunctions): Product {
	return context.getNodeParameter('product', 'aiInterview') as Product;
}

/**
 * "Listen for test event": n8n runs checkExists and create in mode 'manual' (its TestWebhooks), on
 * a copy of the workflow with empty static data; production activation runs them in mode 'trigger'.
 */
function listeningForTest(context: IHookFunctions): boolean {
	return context.getMode() === 'manual';
}

/** The workflow, node and Xobin account a registration belongs to. */
async function ownerOf(context: IHookFunctions) {
	const node = context.getNode();
	const workflow = context.getWorkflow();
	return {
		workflowId: String(workflow.id),
		workflowName: workflow.name ?? '',
		node: node.webhookId ?? node.name,
		account: accountOf(await context.getCredentials(XOBIN_CREDENTIAL_TYPE)),
	};
}

/**
 * Xobin keeps one URL per event and one webhook auth per interview or assessment (and account-wide):
 * registering the test URL and its secret where a production registration is would take the
 * events away from the active workflow, during the test and after it (n8n's own single-webhook
 * triggers refuse test listening on an active workflow the same way).
 */
function refuseWhileLive(context: IHookFunctions, account: string, registration: Registration) {
	const holders = liveIn(account, registration);
	if (holders.length === 0) return;
	const here = String(context.getWorkflow().id);
	const whose = holders.some(({ workflowId }) => workflowId === here)
		? 'this workflow'
		: `the active workflow ${[...new Set(holders.map(({ workflowId, workflowName }) => `"${workflowName}" (ID ${workflowId})`))].join(', ')}`;
	const events = [...new Set(holders.flatMap((holder) => holder.events))];
	const names = events.map((event) => EVENTS[event].name).join(' and ');
	throw new NodeOperationError(
		context.getNode(),
		`Can't listen for a test event while ${whose} receives ${names} from Xobin: deactivate it first, or send a test delivery to its production URL`,
		{
			description: `Xobin keeps one URL per event and one webhook secret for each interview or assessment (and account-wide), and ${whose} is registered there: listening for a test event would take its webhooks away, so nothing was changed in Xobin. Either deactivate (in n8n 2.x: unpublish) ${whose} and listen again, or keep it active and let a test candidate start or complete the interview or assessment: the delivery goes to the production URL and shows up under Executions.`,
		},
	);
}

/** The chosen product, scope and events, checked like any field: bad values stop activation. */
function chosen(context: IHookFunctions) {
	const { path } = readFields(triggerSource(context), triggerFields);
	const product = productOf(context);
	const parameters = PARAMETERS[product];
	const events = [
		...new Set(context.getNodeParameter(parameters.events, []) as TriggerEvent[]),
	].sort();
	if (events.length === 0) {
		const names = TRIGGER_EVENTS.filter((event) => EVENTS[event].product === product).map(
			(event) => EVENTS[event].name,
		);
		throw new NodeOperationError(context.getNode(), 'Events is empty', {
			description: `Choose at least one event: ${names.slice(0, -1).join(', ')} and/or ${names[names.length - 1]}.`,
		});
	}
	const scope = context.getNodeParameter(parameters.scope, parameters.oneScope) as TriggerScope;
	if (scope !== 'account' && events.includes('assessmentUpdated')) {
		throw new NodeOperationError(
			context.getNode(),
			`${EVENTS.assessmentUpdated.name} needs 'Scope' All Assessments (Account-Wide)`,
			{
				description: `Xobin sends assessment created and updated events only from the account's webhook settings, not from one assessment's. Set 'Scope' to All Assessments (Account-Wide), or remove ${EVENTS.assessmentUpdated.name} from 'Events'.`,
			},
		);
	}
	return { product, scope, events, path };
}

/** What the node's settings ask to register. */
function wantedRegistration(context: IHookFunctions): Registration {
	const { product, scope, events, path } = chosen(context);
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
	chosen(context);
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
