// Builds an Invite Candidate operation from its declaration: the product (invite/product.ts), its
// fields and its own options. Every item is read and checked first, then the invite engine sends,
// then the two outputs (Invited, Invites Exhausted).

import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IDataObject,
} from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { toNodeProperties } from '../helpers/fields';
import { sendInvites } from './engine';
import { inviteOptionsCollection, readInviteSettings } from './options';
import { prepareInvites, toInviteOutputs } from './outputs';
import type { InviteProduct } from './product';

interface InviteOperation {
	/** The resource value, e.g. 'xoForm'. */
	resource: string;
	product: InviteProduct;
	fields: Field[];
	/** Options of this operation only, shown among the shared ones. */
	options?: INodeProperties[];
}

export function inviteOperation({ resource, product, fields, options = [] }: InviteOperation): {
	fields: Field[];
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
} {
	const displayOptions: IDisplayOptions = { show: { resource: [resource], operation: ['invite'] } };
	return {
		fields,
		description: [
			...toNodeProperties(fields, displayOptions),
			inviteOptionsCollection(displayOptions, product.bulk ? 'requests' : 'invites', options),
		],
		async execute(items) {
			const chosen = this.getNodeParameter('options', 0, {}) as IDataObject;
			const settings = readInviteSettings(chosen, this.continueOnFail(), product.bulk);
			const { toBody } = product;
			const prepared = prepareInvites(
				this,
				items,
				fields,
				toBody && ((body, itemIndex) => toBody(body, itemIndex, this, settings)),
			);
			const outcomes = await sendInvites(this, prepared, settings, product);
			return toInviteOutputs(this, items, prepared, outcomes, product);
		},
	};
}
