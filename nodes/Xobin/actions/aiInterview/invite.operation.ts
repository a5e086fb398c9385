// AI Interview → Invite Candidate: POST /ai-interviews/invite for each item. Invited candidates
// leave on the first output with Xobin's answer (invite link included); when the account runs out
// of invites, the rest leave on the second output so the workflow can park them for later.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { aiInterviewIdField } from '../../helpers/aiInterviewIdField';
import type { Field, FieldSource } from '../../helpers/fields';
import { itemSources, readFields, toNodeProperties } from '../../helpers/fields';
import { asNodeError, isToolExecution, toErrorItem } from '../../helpers/outputs';
import type { InviteOutcome, PreparedInvite } from './inviteCandidates';
import { inviteCandidates } from './inviteCandidates';

const displayOptions: IDisplayOptions = {
	show: { resource: ['aiInterview'], operation: ['invite'] },
};

export const inviteFields: Field[] = [
	{
		send: { type: 'body', property: 'candidate_name' },
		check: 'text',
		property: {
			displayName: 'Candidate Name',
			name: 'candidateName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Alex Tanaka',
			description: 'Full name of the candidate, as it should appear in Xobin',
		},
	},
	{
		send: { type: 'body', property: 'candidate_email' },
		check: 'email',
		property: {
			displayName: 'Candidate Email',
			name: 'candidateEmail',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. alex.tanaka@example.com',
			description:
				"Email address of the candidate. Xobin sends the invite here when Invite Format is 'Send Email Invite'.",
		},
	},
	aiInterviewIdField(),
	{
		send: { type: 'body', property: 'invite_format' },
		check: 'option',
		property: {
			displayName: 'Invite Format',
			name: 'inviteFormat',
			type: 'options',
			required: true,
			default: 'getlink',
			options: [
				{
					name: 'Get Link Only',
					value: 'getlink',
					description:
						'Xobin creates the invite link and the node returns it; you send it yourself',
				},
				{
					name: 'Send Email Invite',
					value: 'sendlink',
					description: 'Xobin also emails the invite link to the candidate',
				},
			],
			description: 'Whether Xobin only creates the invite link or also emails it to the candidate',
		},
	},
	{
		send: { type: 'body', property: 'start_date' },
		check: 'gmtDate',
		optional: true,
		property: {
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description:
				"Earliest time the candidate can start the interview. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty to allow starting at once.",
		},
	},
	{
		send: { type: 'body', property: 'expiry_date' },
		check: 'gmtDate',
		optional: true,
		property: {
			displayName: 'Expiry Date',
			name: 'expiryDate',
			type: 'dateTime',
			default: '',
			description:
				"When the invite link stops working. Read in the workflow's timezone and sent to Xobin in GMT. Leave empty for a link that never expires.",
		},
	},
	{
		send: { type: 'body', property: 'custom_field_id' },
		check: 'text',
		optional: true,
		property: {
			displayName: 'Custom Field ID',
			name: 'customFieldId',
			type: 'string',
			default: '',
			placeholder: 'e.g. CAND-2025-001',
			description:
				'Your own ID for this candidate, such as a CRM or sheet row ID. Use it later to look up the interview report.',
		},
	},
];

const WHEN_EXHAUSTED_PARK = 'parkRemaining';
const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 50;
const WHEN_EXHAUSTED_TRY_EACH = 'tryEach';

export const description: INodeProperties[] = [
	...toNodeProperties(inviteFields, displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: DEFAULT_CONCURRENCY,
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
				description: `How many invites are sent to Xobin at the same time (1 to ${MAX_CONCURRENCY}). Outputs keep the input order whatever the value. When Xobin answers that it is busy, the node slows down by itself.`,
			},
			{
				displayName: 'Re-Send Uncertain Invites',
				name: 'resendUncertain',
				type: 'boolean',
				default: false,
				description:
					"Whether to send an invite once more when Xobin's answer was lost (timeout, broken connection, server error) and the node could not find the invite by Custom Field ID. Turn on only if a possible duplicate invite is better than a possible missed candidate.",
			},
			{
				displayName: 'Retry on Rate Limit',
				name: 'retryOnRateLimit',
				type: 'boolean',
				default: true,
				description:
					"Whether to wait and try again when Xobin answers 429 (too many requests) or 503 (busy), or cannot be reached at all. It honours Xobin's Retry-After and gives up after 6 tries or 2 minutes. Requests that may have reached Xobin are never repeated, so nobody is invited twice.",
			},
			{
				displayName: 'Skip If Already Invited',
				name: 'skipIfInvited',
				type: 'boolean',
				default: false,
				description:
					'Whether to look each candidate up in Xobin by Custom Field ID first and skip those already invited to this AI interview (they come out on Invited with alreadyInvited: true, no invite spent). Needs a Custom Field ID on every item; costs one extra request per candidate.',
			},
			{
				displayName: 'When Invites Run Out',
				name: 'whenInvitesRunOut',
				type: 'options',
				default: WHEN_EXHAUSTED_PARK,
				options: [
					{
						name: 'Park the Rest Without Calling Xobin',
						value: WHEN_EXHAUSTED_PARK,
						description:
							"After Xobin's first 'Invites Exhausted' answer, the remaining candidates go to the Invites Exhausted output without another request",
					},
					{
						name: 'Keep Trying Each Candidate',
						value: WHEN_EXHAUSTED_TRY_EACH,
						description:
							'Send every remaining candidate to Xobin anyway, in case invites are added during the run',
					},
				],
				description:
					'What happens to the remaining candidates once Xobin says the account has no invites left',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const continueOnFail = this.continueOnFail();

	// Every item is read and checked before the first request, so a bad row late in the list
	// stops the run before anyone is invited rather than halfway through it.
	const sourceOf = itemSources(this);
	const skipIfInvited = options.skipIfInvited === true;
	const prepared = items.map((_item, itemIndex) =>
		prepare(this, sourceOf(itemIndex), skipIfInvited),
	);
	if (!continueOnFail) {
		const firstInvalid = prepared.find((entry) => 'error' in entry);
		if (firstInvalid && 'error' in firstInvalid) {
			throw asNodeError(this, firstInvalid.error, firstInvalid.itemIndex);
		}
	}

	const outcomes = await inviteCandidates(this, prepared, {
		concurrency: Math.min(
			MAX_CONCURRENCY,
			Math.max(1, Math.floor(Number(options.concurrency)) || DEFAULT_CONCURRENCY),
		),
		keepTryingWhenExhausted: options.whenInvitesRunOut === WHEN_EXHAUSTED_TRY_EACH,
		retryBusy: options.retryOnRateLimit !== false,
		skipIfInvited,
		resendUncertain: options.resendUncertain === true,
		stopOnFailure: !continueOnFail,
	});

	if (!continueOnFail) {
		const firstFailure = outcomes.find((outcome) => outcome?.kind === 'failed');
		if (firstFailure?.kind === 'failed') throw withPartialRun(firstFailure.error, outcomes);
	}

	const invited: INodeExecutionData[] = [];
	const exhausted: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (!outcome) return;
		if (outcome.kind === 'invited') {
			invited.push({ json: outcome.response, pairedItem: { item: itemIndex } });
		} else if (outcome.kind === 'failed') {
			invited.push(toErrorItem(outcome.error, itemIndex));
		} else {
			// The candidate as it came in, plus what would have been sent and why it was not invited.
			// No top-level `error` key: "Continue (using error output)" must leave these items here.
			const { notice, attempted } = outcome;
			exhausted.push({
				json: {
					...items[itemIndex].json,
					...(prepared[itemIndex] as { body: IDataObject }).body,
					message: notice.message,
					code: notice.code,
					inviteAttempted: attempted,
				},
				pairedItem: { item: itemIndex },
			});
		}
	});

	if (exhausted.length > 0) {
		const unsent = exhausted.filter((item) => item.json.inviteAttempted === false).length;
		this.addExecutionHints({
			message: `${exhausted.length} of ${items.length} candidates were not invited because the Xobin account has no invites left (${unsent} of them without a request). They are on the Invites Exhausted output.`,
			location: 'outputPane',
		});
	}
	// An AI agent only sees the first output: tell it plainly instead of parking silently.
	if (isToolExecution(this) && exhausted.length > 0) {
		const told = exhausted.map((item) => toToolMessage(item, prepared));
		return [[...invited, ...told].sort(byInputOrder), []];
	}
	return [invited, exhausted];
}

function byInputOrder(a: INodeExecutionData, b: INodeExecutionData): number {
	return (a.pairedItem as IPairedItemData).item - (b.pairedItem as IPairedItemData).item;
}

/**
 * The workflow stops here: candidates of this run already invited appear on no output, so the
 * error says how many and how to run again without inviting them twice.
 */
function withPartialRun<T extends Error & { description?: string | null }>(
	error: T,
	outcomes: Array<InviteOutcome | undefined>,
): T {
	const invited = outcomes.filter((outcome) => outcome?.kind === 'invited').length;
	if (invited > 0) {
		error.description =
			`${error.description ?? ''} ${invited} candidate${invited === 1 ? ' was' : 's were'} invited in this run before it stopped; they are on no output because the workflow stopped. To run again without inviting them twice, turn on 'Retry On Fail' in the node settings (it remembers them within the execution) or 'Skip If Already Invited' with a Custom Field ID (it asks Xobin).`.trim();
	}
	return error;
}

function prepare(
	context: IExecuteFunctions,
	source: FieldSource,
	skipIfInvited: boolean,
): PreparedInvite {
	const itemIndex = source.itemIndex as number;
	try {
		const body = readFields(source, inviteFields).body;
		if (skipIfInvited && !body.custom_field_id) {
			throw new NodeOperationError(
				context.getNode(),
				`Custom Field ID is empty, but 'Skip If Already Invited' needs it [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						"Xobin is asked for each candidate by Custom Field ID. Fill in Additional Fields → Custom Field ID (e.g. a sheet row or CRM ID), or turn off 'Skip If Already Invited'.",
				},
			);
		}
		const { start_date: start, expiry_date: expiry } = body;
		if (typeof start === 'string' && typeof expiry === 'string' && expiry <= start) {
			throw new NodeOperationError(
				context.getNode(),
				`Expiry Date must be after Start Date [item ${itemIndex}]`,
				{
					itemIndex,
					description: `The invite would open at ${start} GMT and expire at ${expiry} GMT. Set the Expiry Date later than the Start Date, or leave one of them empty.`,
				},
			);
		}
		return { itemIndex, body };
	} catch (error) {
		return { itemIndex, error };
	}
}

/**
 * What an AI agent is told about a candidate not invited: the values sent and a plain message. Only
 * those: the input item (a webhook's headers, say) must not travel on to the model's provider.
 */
function toToolMessage(item: INodeExecutionData, prepared: PreparedInvite[]): INodeExecutionData {
	const { item: itemIndex } = item.pairedItem as IPairedItemData;
	return {
		json: {
			...(prepared[itemIndex] as { body: IDataObject }).body,
			invited: false,
			code: item.json.code,
			message: `Not invited: the Xobin account has no AI interview invites left (Xobin said "${String(item.json.message)}"). Ask Xobin support to add invites, then invite this candidate again.`,
		},
		pairedItem: item.pairedItem,
	};
}
