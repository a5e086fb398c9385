// Builds an operation from its declaration: its fields, the request one input item makes and what
// the output holds. The per-item loop, the field checks, Simplify, Return All / Limit, the
// Operation dropdown and the "show only for this operation" conditions live here once.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { Field } from '../helpers/fields';
import { fillPath, readFields, returnAllProperties, toNodeProperties } from '../helpers/fields';
import { oncePerExecution } from '../helpers/once';
import { runPerItem } from '../helpers/outputs';
import { xobinRequest } from '../transport';
import type { XobinRequest, XobinResponse } from '../transport/types';

/** One input item: its checked field values by where they go, Simplify's value and a list's Limit. */
type Item = ReturnType<typeof readFields> & {
	itemIndex: number;
	simplify: boolean;
	/** Infinity with Return All. */
	limit: number;
};

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
	/** A list: Return All and Limit follow the required fields. */
	list?: true;
	/** Filters and options the node applies itself (nothing of them goes to Xobin). */
	own?: { filters?: INodeProperties[]; options?: INodeProperties[] };
	/** Once after all items, e.g. for one execution hint about them all. */
	after?(this: IExecuteFunctions, output: INodeExecutionData[], items: INodeExecutionData[]): void;
	/** The properties in the editor's order, when not as the parts are listed here. */
	properties?(parts: {
		fields: INodeProperties[];
		list: INodeProperties[];
		collections: INodeProperties[];
		simplify: INodeProperties[];
		displayOptions: IDisplayOptions;
	}): INodeProperties[];
};

/** A part of Xobin's answer as an object; {} when it is missing or not an object. */
export function asObject(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

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
	const { fields, simplify, list } = declaration;
	const displayOptions = forOperation(declaration.resource, declaration.operation);
	const properties = toNodeProperties(fields, displayOptions);
	const parts = {
		fields: properties.filter((property) => property.type !== 'collection'),
		list: list ? returnAllProperties(displayOptions) : [],
		collections: [
			...properties.filter((property) => property.type === 'collection'),
			...Object.entries(declaration.own ?? {}).map(
				([name, options]): INodeProperties => ({
					displayName: name === 'filters' ? 'Filters' : 'Options',
					name,
					type: 'collection',
					placeholder: name === 'filters' ? 'Add Filter' : 'Add Option',
					default: {},
					displayOptions,
					options,
				}),
			),
		],
		simplify: simplify ? [simplifyProperty(displayOptions, simplify)] : [],
		displayOptions,
	};
	const run = 'run' in declaration ? declaration.run : oneRequest(declaration);
	return {
		fields,
		description: declaration.properties?.(parts) ?? [
			...parts.fields,
			...parts.list,
			...parts.collections,
			...parts.simplify,
		],
		async execute(items) {
			const output = await runPerItem(this, items, async (itemIndex, source) => {
				const parameter = (name: string, fallback: unknown) =>
					this.getNodeParameter(name, itemIndex, fallback);
				const item: Item = {
					itemIndex,
					...readFields(source, fields),
					simplify: simplify ? (parameter('simplify', true) as boolean) : false,
					limit:
						list && !parameter('returnAll', false) ? (parameter('limit', 50) as number) : Infinity,
				};
				const json = await run.call(this, item);
				return [json].flat().map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
			});
			declaration.after?.call(this, output[0], items);
			return output;
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
