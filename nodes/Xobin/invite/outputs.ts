// Reads and checks every item of an Invite Candidate run before the first request, and turns the
// outcomes into the node's two outputs (Invited, Invites Exhausted), in input order and paired
// with the input items, for every product. A workflow set to stop on errors stops before the first
// request for a bad row, and after a failed invite with a message that says how many candidates
// this run already invited.

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { itemSources, readFields } from '../helpers/fields';
import { asNodeError, isToolExecution, toErrorItem } from '../helpers/outputs';
import type { PreparedInvite } from './engine';
import type { Outcome } from './outcome';
import type { InviteProduct } from './product';

/**
 * Every item read and checked before the first request, so a bad row late in the list stops the
 * run before anyone is invited. `toBody` shapes the checked values and may refuse them (throw).
 */
export function prepareInvites(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	fields: Field[],
	toBody: (body: IDataObject, itemIndex: number) => IDataObject = (body) => body,
): PreparedInvite[] {
	const sourceOf = itemSources(context);
	const prepared = items.map((_item, itemIndex): PreparedInvite => {
		try {
			return { itemIndex, body: toBody(readFields(sourceOf(itemIndex), fields).body, itemIndex) };
		} catch (error) {
			return { itemIndex, error };
		}
	});
	if (!context.continueOnFail()) {
		const firstInvalid = prepared.find((entry) => 'error' in entry);
		if (firstInvalid && 'error' in firstInvalid) {
			throw asNodeError(context, firstInvalid.error, firstInvalid.itemIndex);
		}
	}
	return prepared;
}

/** How to re-run safely where Xobin offers no way to look an invite up. */
const RETRY_ON_FAIL =
	"turn on 'Retry On Fail' in the node settings: it remembers them within the execution. In a new execution, leave out the rows already invited.";

/** Invited candidates (and error items) on the first output, exhausted ones on the second. */
export function toInviteOutputs(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	prepared: PreparedInvite[],
	outcomes: Outcome[],
	{ name: product, rerun = RETRY_ON_FAIL, toOutput = (answer) => answer }: InviteProduct,
): INodeExecutionData[][] {
	if (!context.continueOnFail()) {
		const firstFailure = outcomes.find(
			(outcome) => outcome.kind === 'uncertain' || outcome.kind === 'refused',
		);
		if (firstFailure && 'error' in firstFailure)
			throw withPartialRun(firstFailure.error, outcomes, rerun);
	}
	const bodyOf = (itemIndex: number) => (prepared[itemIndex] as { body: IDataObject }).body;

	const invited: INodeExecutionData[] = [];
	const exhausted: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome.kind === 'notSent') return;
		if (outcome.kind === 'invited' || outcome.kind === 'alreadyInvited') {
			invited.push({ json: toOutput(outcome.invite), pairedItem: { item: itemIndex } });
		} else if (outcome.kind === 'uncertain' || outcome.kind === 'refused') {
			invited.push(toErrorItem(outcome.error, itemIndex));
		} else {
			// The candidate as it came in, plus what would have been sent and why it was not invited.
			// No top-level `error` key: "Continue (using error output)" must leave these items here.
			const { notice, attempted } = outcome;
			exhausted.push({
				json: {
					...items[itemIndex].json,
					...bodyOf(itemIndex),
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
		context.addExecutionHints({
			message: `${exhausted.length} of ${items.length} candidates were not invited because the Xobin account has no ${product} invites left (${unsent} of them without a request). They are on the Invites Exhausted output.`,
			location: 'outputPane',
		});
	}
	// An AI agent only sees the first output: tell it plainly instead of parking silently. Only the
	// values sent go with it: the input item (a webhook's headers, say) must not reach the model.
	if (isToolExecution(context) && exhausted.length > 0) {
		const told = exhausted.map((item) => {
			const { item: itemIndex } = item.pairedItem as IPairedItemData;
			return {
				json: {
					...bodyOf(itemIndex),
					invited: false,
					code: item.json.code,
					message: `Not invited: the Xobin account has no ${product} invites left (Xobin said "${String(item.json.message)}"). Ask Xobin support to add invites, then invite this candidate again.`,
				},
				pairedItem: item.pairedItem,
			};
		});
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
	outcomes: Outcome[],
	rerun: string,
): T {
	const invited = outcomes.filter((outcome) => outcome.kind === 'invited').length;
	if (invited > 0) {
		error.description =
			`${error.description ?? ''} ${invited} candidate${invited === 1 ? ' was' : 's were'} invited in this run before it stopped; they are on no output because the workflow stopped. To run again without inviting them twice, ${rerun}`.trim();
	}
	return error;
}
