// Declares operation fields as data (the UI property plus the Xobin key it fills, where that key
// goes: JSON body, query string or endpoint path, and how its value is checked) and turns them, per
// item, into a validated request. Adding a field to an operation is one declaration; nothing else
// in the node changes.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	IHookFunctions,
	INode,
	INodeProperties,
	INodePropertyOptions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACCEPTED_DATE_FORMATS, toGmtMinutes } from './dates';
import { quote } from './text';

/** How a field's value is checked and converted before it is sent. */
export type BodyFieldFormat =
	| 'text'
	| 'email'
	| 'positiveInteger'
	| 'option'
	| 'gmtDateTime'
	/** A number (decimals allowed) inside `range`. */
	| 'decimalInRange'
	/** An on/off switch: sent as `true` when on, left out when off. */
	| 'flag'
	/** A web address (http or https). */
	| 'url';

/** Where the value goes in Xobin's request. */
export type FieldDestination = 'body' | 'query' | 'path';

export interface FieldRange {
	min: number;
	max: number;
	/** The allowed range in words, completing "must be …", e.g. "between 1 minute (0.0167) and 24 hours". */
	text: string;
	/** How to pick a good value; becomes the error's description. */
	hint: string;
}

export interface BodyField {
	/** The key this field fills: a JSON body key, a query parameter, or the `{key}` of a path. */
	bodyKey: string;
	/** Default 'body'. */
	in?: FieldDestination;
	format: BodyFieldFormat;
	/** Optional fields sit in the "Additional Fields" collection and are left out when empty. */
	optional?: boolean;
	/**
	 * Shows the field, and sends it, only while other parameters have one of these values, e.g.
	 * `{ lookupBy: ['responseId'] }`. For fields at the top level (not optional ones).
	 */
	onlyWhen?: Record<string, Array<string | number | boolean>>;
	/** Bounds for 'decimalInRange'. */
	range?: FieldRange;
	/** The field as the n8n editor shows it. */
	property: INodeProperties;
}

/** The checked values of one item, by destination. */
export interface RequestParts {
	body: IDataObject;
	qs: IDataObject;
	path: IDataObject;
}

/**
 * Where field values are read from: one input item of an execution (errors name the item), or
 * the settings of a trigger node (no item).
 */
export interface FieldSource {
	node: INode;
	timeZone: string;
	itemIndex?: number;
	parameter(name: string, fallback: unknown): unknown;
}

export const ADDITIONAL_FIELDS = 'additionalFields';

// Deliberately simple: one "@", a dot in the domain, no spaces. Xobin has the final say.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The n8n properties for a list of fields: required ones at the top, optional ones collected. */
export function toNodeProperties(
	fields: BodyField[],
	displayOptions: IDisplayOptions,
): INodeProperties[] {
	const required = fields
		.filter((field) => !field.optional)
		.map((field) => ({
			...field.property,
			displayOptions: field.onlyWhen
				? { ...displayOptions, show: { ...displayOptions.show, ...field.onlyWhen } }
				: displayOptions,
		}));
	const optional = fields.filter((field) => field.optional).map((field) => field.property);
	if (optional.length === 0) return required;
	return [
		...required,
		{
			displayName: 'Additional Fields',
			name: ADDITIONAL_FIELDS,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: optional,
		},
	];
}

/** Field values of one input item of an execution. */
export function itemSource(context: IExecuteFunctions, itemIndex: number): FieldSource {
	return {
		node: context.getNode(),
		timeZone: context.getTimezone(),
		itemIndex,
		parameter: (name, fallback) => context.getNodeParameter(name, itemIndex, fallback),
	};
}

/**
 * Field values of every input item of an execution, for operations that read many items at once.
 * A parameter without an expression has the same value for every item, so it is read only once:
 * on thousands of rows that halves the time spent reading parameters.
 */
export function itemSources(context: IExecuteFunctions): (itemIndex: number) => FieldSource {
	const node = context.getNode();
	const timeZone = context.getTimezone();
	const fixed = new Map<string, unknown>();
	return (itemIndex) => ({
		node,
		timeZone,
		itemIndex,
		parameter: (name, fallback) => {
			if (fixed.has(name)) return fixed.get(name);
			const value = context.getNodeParameter(name, itemIndex, fallback);
			if (!hasExpression(node.parameters[name])) fixed.set(name, value);
			return value;
		},
	});
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** Field values of a trigger node, read while n8n registers its webhook or passes it a call. */
export function triggerSource(context: IHookFunctions | IWebhookFunctions): FieldSource {
	return {
		node: context.getNode(),
		timeZone: context.getTimezone(),
		parameter: (name, fallback) => context.getNodeParameter(name, fallback),
	};
}

/**
 * Reads every declared field and returns the checked values by destination. Throws a
 * NodeOperationError naming the field (and the item) with how to fix it, for the first bad value.
 */
export function readFields(source: FieldSource, fields: BodyField[]): RequestParts {
	const additional = fields.some((field) => field.optional)
		? (source.parameter(ADDITIONAL_FIELDS, {}) as IDataObject)
		: {};
	const parts: RequestParts = { body: {}, qs: {}, path: {} };
	for (const field of fields) {
		if (!isShown(source, field)) continue;
		const raw = field.optional
			? additional[field.property.name]
			: source.parameter(field.property.name, undefined);
		if (isEmpty(raw)) {
			if (field.optional) continue;
			throw invalidField(source, field, 'is empty', requiredHint(field));
		}
		const value = convert(source, field, raw);
		if (value === undefined) continue;
		parts[destinationOf(field)][field.bodyKey] = value;
	}
	return parts;
}

/** The JSON body of one item (fields that go to the query or path are left out). */
export function buildRequestBody(
	context: IExecuteFunctions,
	fields: BodyField[],
	itemIndex: number,
): IDataObject {
	return readFields(itemSource(context, itemIndex), fields).body;
}

/** Fills an endpoint template such as `/ai-interviews/report/{response_id}` from the path values. */
export function fillPath(template: string, path: IDataObject): string {
	return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
		if (path[key] === undefined) throw new Error(`No value for {${key}} in ${template}`);
		return encodeURIComponent(String(path[key]));
	});
}

export function invalidField(
	source: FieldSource,
	field: BodyField,
	problem: string,
	fix: string,
): NodeOperationError {
	const { itemIndex } = source;
	const item = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	return new NodeOperationError(source.node, `${field.property.displayName} ${problem}${item}`, {
		itemIndex,
		description: fix,
	});
}

function destinationOf(field: BodyField): keyof RequestParts {
	if (field.in === 'query') return 'qs';
	if (field.in === 'path') return 'path';
	return 'body';
}

function isShown(source: FieldSource, field: BodyField): boolean {
	if (!field.onlyWhen) return true;
	return Object.entries(field.onlyWhen).every(([name, values]) =>
		values.includes(source.parameter(name, undefined) as string | number | boolean),
	);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function requiredHint(field: BodyField): string {
	return `Fill in ${field.property.displayName}. When it comes from an expression, check that the input item has that column or field and that it is not blank.`;
}

/** The value to send, or undefined to leave the field out. */
function convert(
	source: FieldSource,
	field: BodyField,
	raw: unknown,
): string | number | boolean | undefined {
	const name = field.property.displayName;
	switch (field.format) {
		case 'text': {
			if (typeof raw === 'object') {
				throw invalidField(
					source,
					field,
					'must be text, not an object or list',
					requiredHint(field),
				);
			}
			return String(raw).trim();
		}
		case 'email': {
			const email = String(raw).trim();
			if (!EMAIL.test(email)) {
				throw invalidField(
					source,
					field,
					`${quote(email)} is not a valid email address`,
					`Use a full address such as name@example.com. Check the column or expression that fills ${name}.`,
				);
			}
			return email;
		}
		case 'positiveInteger': {
			const text = String(raw).trim();
			const number = typeof raw === 'number' ? raw : /^\d+(\.0+)?$/.test(text) ? Number(text) : NaN;
			if (!Number.isSafeInteger(number) || number <= 0) {
				throw invalidField(
					source,
					field,
					`must be a whole number above zero, got ${quote(text)}`,
					`Enter the number Xobin shows for it, e.g. ${field.property.placeholder?.replace(/^e\.g\.\s*/, '') ?? '305'}. Decimals, zero, negative numbers and text are not accepted.`,
				);
			}
			return number;
		}
		case 'decimalInRange': {
			const range = field.range as FieldRange;
			const text = String(raw).trim();
			const number = typeof raw === 'number' ? raw : /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
			if (!Number.isFinite(number) || number < range.min || number > range.max) {
				throw invalidField(source, field, `must be ${range.text}, got ${quote(text)}`, range.hint);
			}
			return number;
		}
		case 'flag': {
			if (raw === true || raw === 'true') return true;
			if (raw === false || raw === 'false') return undefined;
			throw invalidField(
				source,
				field,
				`must be on or off (true or false), got ${quote(raw)}`,
				`Use the switch, or an expression that gives true or false.`,
			);
		}
		case 'url': {
			const text = String(raw).trim();
			if (!isWebAddress(text)) {
				throw invalidField(
					source,
					field,
					`${quote(text)} is not a valid web address`,
					`Use a full address starting with https://, e.g. https://example.com/xobin-updates.`,
				);
			}
			return text;
		}
		case 'option': {
			const allowed = (field.property.options ?? []) as INodePropertyOptions[];
			const match = allowed.find((option) => option.value === raw);
			if (!match) {
				const choices = allowed
					.map((option) => `"${String(option.value)}" (${option.name})`)
					.join(' or ');
				throw invalidField(
					source,
					field,
					`${quote(raw)} is not one of the allowed values`,
					`Use ${choices}.`,
				);
			}
			return match.value as string;
		}
		case 'gmtDateTime': {
			try {
				return toGmtMinutes(raw, source.timeZone);
			} catch (error) {
				throw invalidField(
					source,
					field,
					`could not be read as a date: ${error.message}`,
					`Use the date picker or a value like ${ACCEPTED_DATE_FORMATS}. Times without an offset are read in the workflow's timezone (${source.timeZone}) and sent to Xobin in GMT.`,
				);
			}
		}
	}
}

function isWebAddress(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}
