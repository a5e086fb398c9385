// The execute() and the Options of the Invite Candidate operations that send one request per
// candidate with nothing but the shared options (XoForms, automated interviews): read and check
// every item first, send through inviteEach, then the two outputs (Invited, Invites Exhausted).

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Field } from './fields';
import { itemSources, readFields } from './fields';
import type { InviteTarget } from './inviteEach';
import { inviteEach } from './inviteEach';
import type { InviteWording } from './inviteOutputs';
import { stopOnInvalid, toInviteOutputs } from './inviteOutputs';
import type { PreparedInvite } from './invites';
import { inviteOptions, readInviteSettings } from './invites';

/** The Options collection: Concurrency, Re-Send Uncertain Invites, Retry on Rate Limit, When Invites Run Out. */
export function inviteOptionsCollection(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: inviteOptions('invites'),
	};
}

export interface OneByOneInvite {
	fields: Field[];
	target: InviteTarget;
	wording: InviteWording;
	/** The body as sent, from the checked field values (default: as read). */
	toBody?: (body: IDataObject) => IDataObject;
	/** The Invited item, from Xobin's answer (default: the answer as it is). */
	toOutput?: (answer: IDataObject) => IDataObject;
}

export async function inviteOneByOne(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	{ fields, target, wording, toBody = (body) => body, toOutput }: OneByOneInvite,
): Promise<INodeExecutionData[][]> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const sourceOf = itemSources(context);
	const prepared = items.map((_item, itemIndex): PreparedInvite => {
		try {
			return { itemIndex, body: toBody(readFields(sourceOf(itemIndex), fields).body) };
		} catch (error) {
			return { itemIndex, error };
		}
	});
	stopOnInvalid(context, prepared);
	const outcomes = await inviteEach(
		context,
		prepared,
		readInviteSettings(options, context.continueOnFail()),
		target,
	);
	const shaped = toOutput
		? outcomes.map((outcome) =>
				outcome?.kind === 'invited'
					? { ...outcome, response: toOutput(outcome.response) }
					: outcome,
			)
		: outcomes;
	return toInviteOutputs(context, items, prepared, shaped, wording);
}
