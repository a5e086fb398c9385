// What happened to one candidate of an Invite Candidate run, in one type that every product
// shares, and how Xobin says the account has no invites left. Each row of the outputs says
// truthfully which of these it is.

import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readXobinMessage } from '../transport/errors';
import type { XobinResponse } from '../transport/types';

/** Xobin's error code in the 403 body sent when the account has no invites left. */
const INVITES_EXHAUSTED_CODE = 'limit_exceed';

/** Xobin's message in that body; some answers carry only this text, so it is matched too. */
const INVITES_EXHAUSTED_MESSAGE_PATTERN = /invites?\s+exhausted/i;

/** Why a candidate left on the Invites Exhausted output. */
export interface ExhaustedNotice {
	message: string;
	code: string;
}

export type Outcome =
	/** Invited by this execution (this run, or an earlier try of it): Xobin's answer. */
	| { kind: 'invited'; invite: IDataObject }
	/** Not sent: Xobin already has an invite for this candidate (a lookup, or an earlier row). */
	| { kind: 'alreadyInvited'; invite: IDataObject }
	/** Sent, but Xobin's answer was lost or did not confirm it: never sent again without proof. */
	| { kind: 'uncertain'; error: NodeApiError | NodeOperationError }
	/** Xobin refused it, or it could not be sent: nobody was invited. */
	| { kind: 'refused'; error: NodeApiError | NodeOperationError }
	/** No invites left on the account; `attempted` says whether a request was made for them. */
	| { kind: 'exhausted'; notice: ExhaustedNotice; attempted: boolean }
	/** Not sent because the run stopped at an earlier failure. */
	| { kind: 'notSent' };

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
