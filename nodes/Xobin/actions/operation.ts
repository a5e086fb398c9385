// Builds an operation from its declaration: its fields, the request one input item makes and what
// the output holds. The per-item loop, the field checks, the Simplify switch and the "show only for
// this operation" conditions live here once; an operation file declares only what is its own.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../helpers/fields';
import { oncePerExecution } from '../helpers/once';
import { runPerItem } from '../helpers/outputs';
import { xobinRequest } from '../transport';
import type { XobinRequest, XobinResponse } from '../transport/types';

/** One input item: its checked field values, by where they go, and Simplify's value. */
export interface Item {
	itemIndex: number;
	body: IDataObject;
	qs: IDataObject;
	path: IDataObject;
	simplify: boolean;
}

type Json = IDataObject | IDataObject[];

export interface Operation {
	/** The declared fields (the field tables in docs/operations.md are generated from them). */
	fields: Field[];
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
}

/** One request per item: `{name}` in its endpoint is filled from the item's path fields. */
interface OneRequest {
	request(this: IExecuteFunctions, item: Item): Omit<XobinRequest, 'itemIndex'>;
	/** The output from Xobin's answer; by default the answer's body as it is. */
	output?(this: IExecuteFunctions, response: XobinResponse, item: Item): Json | Promise<Json>;
	/** For a request that spends or starts something: sent at most once per execution. */
	once?(item: Item): Omit<Parameters<typeof oncePerExecution>[1], 'itemIndex'>;
}

/** Any other work for one item (paging, look-ups): the output of that item. */
interface OwnWork {
	run(this: IExecuteFunctions, item: Item): Promise<Json>;
}

type Declaration = (OneRequest | OwnWork) & {
	resource: string;
	operation: string;
	fields: Field[];
	/** What Simplify keeps, said after "…instead of the raw data: ". */
	simplify?: string;
	/** The properties in the editor's order, when not the fields' followed by Simplify. */
	properties?(parts: {
		fields: INodeProperties[];
		simplify: INodeProperties[];
		displayOptions: IDisplayOptions;
	}): INodeProperties[];
};

/** Show a property only for one operation of one resource. */
export function forOperation(resource: string, operation: string): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

/** A resource's Operation dropdown. */
export function operationDropdown(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

export function operation(declaration: Declaration): Operation {
	const { fields, simplify } = declaration;
	const displayOptions = forOperation(declaration.resource, declaration.operation);
	const parts = {
		fields: toNodeProperties(fields, displayOptions),
		simplify: simplify ? [simplifyProperty(displayOptions, simplify)] : [],
		displayOptions,
	};
	const run = 'run' in declaration ? declaration.run : oneRequest(declaration);
	return {
		fields,
		description: declaration.properties?.(parts) ?? [...parts.fields, ...parts.simplify],
		async execute(items) {
			return await runPerItem(this, items, async (itemIndex, source) => {
				const item: Item = {
					itemIndex,
					...readFields(source, fields),
					simplify: simplify
						? (this.getNodeParameter('simplify', itemIndex, true) as boolean)
						: false,
				};
				const json = await run.call(this, item);
				return [json].flat().map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
			});
		},
	};
}

function oneRequest({ request, output, once }: OneRequest): OwnWork['run'] {
	return async function (item) {
		const send = async () => {
			const asked = request.call(this, item);
			const response = await xobinRequest(this, {
				...asked,
				endpoint: fillPath(asked.endpoint, item.path),
				itemIndex: item.itemIndex,
			});
			return output ? await output.call(this, response, item) : (response.body as IDataObject);
		};
		if (!once) return await send();
		const ledger = { ...once(item), itemIndex: item.itemIndex };
		return await oncePerExecution(this, ledger, async () => (await send()) as IDataObject);
	};
}

function simplifyProperty(displayOptions: IDisplayOptions, keeps: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description: `Whether to return a simplified version of the response instead of the raw data: ${keeps}`,
	};
}
