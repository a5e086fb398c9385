// The Xobin Trigger: starts a workflow when a candidate starts or completes a Xobin AI interview or
// assessment, or an assessment is created or updated. Automatic setup registers this node's URLs and
// a random secret with Xobin on activation and switches them off on deactivation; manual setup
// leaves Xobin to the user. Every call must carry the secret. The parts live in trigger/.

import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readFields, triggerSource } from './helpers/fields';
import { XOBIN_CREDENTIAL_TYPE } from './transport/constants';
import { checkManualSecret, missingSecret } from './trigger/auth';
import { isRepeat } from './trigger/deliveries';
import { AUTOMATIC, MANUAL, triggerProperties, triggerWebhooks } from './trigger/description';
import { eventOfPath, EVENTS } from './trigger/events';
import { holdLive, isLive, liveIn, ownerOf, refuseWhileLive } from './trigger/liveRegistrations';
import {
	chosenEvents,
	readStored,
	remember,
	sameRegistration,
	switchWebhooks,
	triggerFields,
	wantedRegistration,
} from './trigger/registration';

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
		defaults: { name: 'Xobin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: XOBIN_CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { setup: [AUTOMATIC] } },
			},
		],
		webhooks: triggerWebhooks,
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			// Xobin cannot be asked what it has registered: this answers from the record create() stored.
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
					wantedRegistration(this);
					checkManualSecret(this);
					return true;
				}
				const registration = wantedRegistration(this);
				const owner = await ownerOf(this);
				if (listeningForTest(this)) refuseWhileLive(this, owner.account, registration);
				else holdLive(owner); // until Xobin accepts the new registration
				const staticData = this.getWorkflowStaticData('node');
				// A registration left from other settings would keep Xobin calling with an old secret.
				const stale = readStored(staticData);
				if (stale !== undefined) await switchWebhooks(this, staticData, stale, false);
				await switchWebhooks(this, staticData, registration, true);
				if (!listeningForTest(this)) holdLive(owner, registration);
				return true;
			},

			// A test registration leaves alone the events a production registration took over meanwhile.
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const stored = readStored(staticData);
				if (stored === undefined) return true;
				const owner = await ownerOf(this);
				const live = isLive(owner, stored);
				const held = live
					? []
					: liveIn(owner.account, stored).flatMap((other) => other.registration.events);
				const free = stored.events.filter((event) => !held.includes(event));
				if (free.length > 0)
					await switchWebhooks(this, staticData, { ...stored, events: free }, false);
				else remember(staticData);
				if (live) holdLive(owner);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const event = eventOfPath(String(request.originalUrl ?? request.url ?? ''));
		const expected =
			setupOf(this) === MANUAL
				? String(this.getNodeParameter('webhookSecret', ''))
				: (readStored(this.getWorkflowStaticData('node'))?.secret ?? '');
		const spec = event && EVENTS[event];
		const refused = missingSecret(this, expected, spec?.product === 'assessment');
		if (refused) return respond(this, 401, refused);
		if (!event || !spec) return respond(this, 404, 'Not a Xobin Trigger URL');

		const payload = this.getBodyData() as unknown;
		const delivery =
			typeof payload === 'object' && payload !== null && !Array.isArray(payload)
				? spec.read(event, payload as IDataObject)
				: undefined;
		if (delivery === undefined)
			return respond(this, 400, `Expected a JSON object from Xobin with ${spec.expects}`);
		const { product, events } = chosenEvents(this);
		if (spec.product !== product || !events.includes(event))
			return ignored(`this trigger does not listen for ${spec.name}`);
		// Only the chosen product's ID field is shown, so at most one of them is read.
		const { path } = readFields(triggerSource(this), triggerFields);
		const only = path.assessment_id ?? path.ai_interview_id;
		if (only !== undefined && Number(delivery.about) !== only) {
			const what = product === 'assessment' ? 'assessment' : 'AI interview';
			return ignored(`this trigger listens to ${what} ${String(only)} only`);
		}
		const { deliveryKey, extras } = delivery;
		const node = this.getNode();
		const scope = `${this.getWorkflow().id}|${node.webhookId ?? node.name}`;
		if (isRepeat(this.getWorkflowStaticData('node'), scope, deliveryKey))
			return ignored(`${deliveryKey} was already delivered`);
		const json = { ...(payload as IDataObject), ...extras, event: spec.name, deliveryKey };
		return { workflowData: [this.helpers.returnJsonArray(json)] };
	}
}

function setupOf(context: IHookFunctions | IWebhookFunctions): string {
	return context.getNodeParameter('setup', AUTOMATIC) as string;
}

// "Listen for test event" runs the webhook methods in mode 'manual' (n8n's TestWebhooks).
function listeningForTest(context: IHookFunctions): boolean {
	return context.getMode() === 'manual';
}

/** A 200 that starts nothing, saying why. */
function ignored(why: string): IWebhookResponseData {
	return { webhookResponse: { message: `Ignored: ${why}` } };
}

function respond(context: IWebhookFunctions, status: number, message: string) {
	const response = context.getResponseObject();
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}
