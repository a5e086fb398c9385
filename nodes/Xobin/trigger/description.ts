// What the Xobin Trigger declares: its webhooks (one URL per event) and the settings the editor
// shows (product, setup, scope, the events to trigger on, the ID, the secret for manual setup).

import type { INodeProperties, INodePropertyOptions, IWebhookDescription } from 'n8n-workflow';

import { toNodeProperties } from '../helpers/fields';
import { MIN_WEBHOOK_SECRET_LENGTH, WEBHOOK_SECRET_HEADER, WEBHOOK_SECRET_QUERY } from './auth';
import type { Product, TriggerEvent } from './events';
import { EVENTS, TRIGGER_EVENTS } from './events';
import { PARAMETER_NAMES, triggerFields } from './registration';

export const AUTOMATIC = 'automatic';
export const MANUAL = 'manual';

const forProduct = (product: Product) => ({ show: { product: [product] } });

// One URL per event, so the event comes from the URL called. n8n runs webhookMethods once per
// webhook of that name: only AI Interview Completed is 'default', so activation runs once.
// Each product's URLs are hidden in the node panel while the other product is chosen.
export const triggerWebhooks: IWebhookDescription[] = TRIGGER_EVENTS.map((event) => ({
	name: event === 'completed' ? 'default' : 'setup',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	path: EVENTS[event].path,
	ndvHideUrl:
		EVENTS[event].product === 'assessment'
			? '={{ $parameter["product"] !== "assessment" }}'
			: '={{ $parameter["product"] === "assessment" }}',
}));

export const triggerProperties: INodeProperties[] = [
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
			"Activating this workflow <b>replaces Xobin's webhook settings</b> for the chosen scope; deactivating switches them off. While the workflow is active, use its production URL to test.",
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: [AUTOMATIC] } },
	},
	{
		displayName: `In Xobin's Workflows tab of the interview, paste the Production URL ending in <b>/started</b> into "AI Interview Start" and the one ending in <b>/completed</b> into "AI Interview Submission". Choose API Key authentication, header <b>${WEBHOOK_SECRET_HEADER}</b>, value: the Webhook Secret below.`,
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: [MANUAL], product: ['aiInterview'] } },
	},
	{
		displayName: `In Xobin's Workflows (all assessments: Settings → Webhooks), paste the Production URLs ending in <b>/assessment-started</b>, <b>/assessment-submitted</b> and <b>/assessment-updated</b> into Start, Submission and updates, each followed by <b>?${WEBHOOK_SECRET_QUERY}=</b> and the Webhook Secret below.`,
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
	scopeProperty('aiInterview'),
	scopeProperty('assessment', ', and assessments being created or updated'),
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['completed'],
		options: [eventOption('completed'), eventOption('started')],
		description: 'Which events start the workflow',
		displayOptions: forProduct('aiInterview'),
	},
	// Created or Updated exists only account-wide, so it is offered only there.
	...(['account', 'assessment'] as const).map(
		(scope): INodeProperties => ({
			displayName: 'Trigger On',
			name: 'assessmentEvents',
			type: 'multiOptions',
			required: true,
			default: ['assessmentSubmitted'],
			displayOptions: { show: { product: ['assessment'], assessmentScope: [scope] } },
			options: [
				...(scope === 'account' ? [eventOption('assessmentUpdated')] : []),
				eventOption('assessmentStarted'),
				eventOption('assessmentSubmitted'),
			],
			description: 'Which events start the workflow',
		}),
	),
	...toNodeProperties(triggerFields, {}),
];

/** A product's Scope: account-wide, or one AI interview or assessment. */
function scopeProperty(product: Product, accountWideToo = ''): INodeProperties {
	const { scope, oneScope: one } = PARAMETER_NAMES[product];
	const [label, noun] =
		product === 'assessment' ? ['Assessment', 'assessment'] : ['AI Interview', 'AI interview'];
	return {
		displayName: 'Scope',
		name: scope,
		type: 'options',
		default: one,
		displayOptions: forProduct(product),
		options: [
			{
				name: `All ${label}s (Account-Wide)`,
				value: 'account',
				description: `Events from every ${noun} of the Xobin account${accountWideToo}`,
			},
			{ name: `One ${label}`, value: one, description: `Events from one ${noun} only` },
		],
		description: `Which ${noun}s the events come from`,
	};
}

/** An event as the Trigger On list offers it. */
function eventOption(event: TriggerEvent): INodePropertyOptions {
	return { name: EVENTS[event].name, value: event, description: EVENTS[event].happens };
}
