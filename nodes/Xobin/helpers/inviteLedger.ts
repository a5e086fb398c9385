// Remembers, for one execution, which candidates this node already invited. n8n's "Retry On Fail"
// re-runs the whole node with the same input: without this, everyone invited before the failure
// would be invited again. Kept in the node's execution context, which lives exactly as long as the
// execution (it is not workflow static data, so nothing carries over to the next run).

import type { IContextObject, IDataObject } from 'n8n-workflow';

const LEDGER_KEY = 'xobinInvitedCandidates';

export class InviteLedger {
	private readonly invited: Record<string, IDataObject>;

	constructor(nodeContext: IContextObject) {
		nodeContext[LEDGER_KEY] ??= {};
		this.invited = nodeContext[LEDGER_KEY] as Record<string, IDataObject>;
	}

	/** One candidate per AI interview: same interview, same email (case does not matter). */
	static keyOf(body: IDataObject): string {
		return `${String(body.ai_interview_id)}|${String(body.candidate_email).trim().toLowerCase()}`;
	}

	/** Xobin's answer from the earlier invite of this candidate in this execution, if any. */
	find(key: string): IDataObject | undefined {
		return this.invited[key];
	}

	record(key: string, response: IDataObject): void {
		this.invited[key] = response;
	}
}
