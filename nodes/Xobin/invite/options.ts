// The Options collection every Invite Candidate operation shows, and the settings it asks the
// invite engine for.

import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The options as the invite engine needs them. */
export interface InviteSettings {
	concurrency: number;
	/** Candidates per request where the product has a bulk endpoint (Batch Size); else 1. */
	batchSize: number;
	/** Keep sending after "Invites Exhausted" instead of parking the rest without a request. */
	keepTryingWhenExhausted: boolean;
	/** Wait and retry on 429 / 503 (the node's "Retry on Rate Limit" option). */
	retryBusy: boolean;
	/** Send an unconfirmed uncertain invite once more (a possible duplicate over a possible miss). */
	resendUncertain: boolean;
	/** Look each candidate up first (where the product has a lookup); skip those Xobin has. */
	skipIfInvited: boolean;
	/** After a failure, start nothing new (the node is about to stop the workflow). */
	stopOnFailure: boolean;
}

const WHEN_EXHAUSTED_PARK = 'parkRemaining';
const WHEN_EXHAUSTED_TRY_EACH = 'tryEach';
export const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 50;

/**
 * The Options collection of every Invite Candidate operation, worded for what one request carries,
 * with the operation's own options (`extra`) among the shared ones in alphabetical order.
 */
export function inviteOptionsCollection(
	displayOptions: IDisplayOptions,
	sending: 'invites' | 'requests' = 'invites',
	extra: INodeProperties[] = [],
): INodeProperties {
	const shared: INodeProperties[] = [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: DEFAULT_CONCURRENCY,
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
			description: `How many ${sending} are sent to Xobin at the same time (1 to ${MAX_CONCURRENCY}). Outputs keep the input order whatever the value. When Xobin answers that it is busy, the node slows down by itself.`,
		},
		{
			displayName: 'Re-Send Uncertain Invites',
			name: 'resendUncertain',
			type: 'boolean',
			default: false,
			description:
				"Whether to send an invite once more when Xobin's answer was lost (timeout, broken connection, server error) and the node could not confirm it. Turn on only if a possible duplicate invite is better than a possible missed candidate.",
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
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [...shared, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The settings the options ask for; a workflow that stops on errors stops sending at the first. */
export function readInviteSettings(
	options: IDataObject,
	continueOnFail: boolean,
	bulk?: { defaultSize: number; max: number },
): InviteSettings {
	return {
		concurrency: between(1, MAX_CONCURRENCY, options.concurrency, DEFAULT_CONCURRENCY),
		batchSize: bulk ? between(1, bulk.max, options.batchSize, bulk.defaultSize) : 1,
		keepTryingWhenExhausted: options.whenInvitesRunOut === WHEN_EXHAUSTED_TRY_EACH,
		retryBusy: options.retryOnRateLimit !== false,
		resendUncertain: options.resendUncertain === true,
		skipIfInvited: options.skipIfInvited === true,
		stopOnFailure: !continueOnFail,
	};
}

/** A whole number within the bounds, or the fallback when the value is not one. */
function between(min: number, max: number, value: unknown, fallback: number): number {
	return Math.min(max, Math.max(min, Math.floor(Number(value ?? fallback)) || fallback));
}
