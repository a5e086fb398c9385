// What every Invite Candidate operation shares (AI interviews and assessments): the shapes of a
// prepared invite and of its outcome, Xobin's "Invites Exhausted" answer, the execution's record of
// who was invited, and the options that steer sending. The sending itself lives with each resource.

import type {
	IContextObject,
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { readXobinMessage } from '../transport/errors';
import type { XobinResponse } from '../transport/types';
import { INVITES_EXHAUSTED_CODE, INVITES_EXHAUSTED_MESSAGE_PATTERN } from './constants';

/** Why a candidate left on the Invites Exhausted output. */
export interface ExhaustedNotice {
	message: string;
	code: string;
}

/** One input item after reading and checking: the body to send, or why it cannot be sent. */
export type PreparedInvite =
	| { itemIndex: number; body: IDataObject }
	| { itemIndex: number; error: Error };

/** What happened to one candidate. */
export type InviteOutcome =
	| { kind: 'invited'; response: IDataObject }
	| { kind: 'exhausted'; notice: ExhaustedNotice; attempted: boolean }
	| { kind: 'failed'; error: NodeApiError | NodeOperationError };

/** The options both invite operations read, as the sending code needs them. */
export interface InviteSettings {
	concurrency: number;
	/** Keep sending after "Invites Exhausted" instead of parking the rest without a request. */
	keepTryingWhenExhausted: boolean;
	/** Wait and retry on 429 / 503 (the node's "Retry on Rate Limit" option). */
	retryBusy: boolean;
	/** Send an unconfirmed uncertain invite once more (a possible duplicate over a possible miss). */
	resendUncertain: boolean;
	/** After a failure, start nothing new (the node is about to stop the workflow). */
	stopOnFailure: boolean;
}

/** Thrown by the pacer to requests that had not started when the run stopped sending. */
export class StoppedSending extends Error {}

/**
 * What this execution knows about a candidate: Xobin's invite (and, where recorded, the item and
 * email it was made for), or that one may exist.
 */
export type LedgerEntry =
	| { invited: IDataObject; itemIndex?: number; email?: unknown }
	| { uncertain: string; email?: unknown };

/**
 * Another item's invite, for an item that was not sent because of it: it says so, and whose invite
 * it is (with Skip If Already Invited, rows sharing a Custom Field ID may name other people).
 */
export function alreadyInvited(invite: IDataObject, email: unknown): IDataObject {
	return { ...invite, alreadyInvited: true, existingInviteEmail: email ?? invite.email ?? null };
}

/**
 * The execution's record of invited and uncertain candidates, kept in the node's execution context:
 * it lives as long as the execution, across n8n's Retry On Fail, so neither is sent again.
 */
export function ledgerOf<Entry = LedgerEntry>(
	context: IExecuteFunctions,
	name: string,
): Record<string, Entry> {
	const nodeContext: IContextObject = context.getContext('node');
	return (nodeContext[name] ??= {}) as Record<string, Entry>;
}

/** The same candidate, whatever the letter case or spaces around the address. */
export function emailKey(email: unknown): string {
	return String(email).trim().toLowerCase();
}

/** Xobin's "no invites left" answer: 403 with error code limit_exceed, or only its message text. */
export function readExhaustion(response: XobinResponse): ExhaustedNotice | undefined {
	const { body } = response;
	if (response.statusCode !== 403 || body === null || typeof body !== 'object') return undefined;
	const message = readXobinMessage(body) ?? '';
	if (
		(body as IDataObject).error !== INVITES_EXHAUSTED_CODE &&
		!INVITES_EXHAUSTED_MESSAGE_PATTERN.test(message)
	) {
		return undefined;
	}
	return {
		message:
			message && message !== INVITES_EXHAUSTED_CODE
				? message
				: 'Invites Exhausted. Please contact support.',
		code: INVITES_EXHAUSTED_CODE,
	};
}

const WHEN_EXHAUSTED_PARK = 'parkRemaining';
const WHEN_EXHAUSTED_TRY_EACH = 'tryEach';
const DEFAULT_CONCURRENCY = 5;
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
export function readInviteSettings(options: IDataObject, continueOnFail: boolean): InviteSettings {
	return {
		concurrency: Math.min(
			MAX_CONCURRENCY,
			Math.max(1, Math.floor(Number(options.concurrency)) || DEFAULT_CONCURRENCY),
		),
		keepTryingWhenExhausted: options.whenInvitesRunOut === WHEN_EXHAUSTED_TRY_EACH,
		retryBusy: options.retryOnRateLimit !== false,
		resendUncertain: options.resendUncertain === true,
		stopOnFailure: !continueOnFail,
	};
}
