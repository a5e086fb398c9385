// Operation fields as data: the UI property, where its value goes in Xobin's request (`send`) and
// how it is checked. Per item, readFields() turns them into a checked request, naming the field and
// item in every refusal, with how to fix it. A field that differs between node versions is declared
// once per version (inVersions()).

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	IHookFunctions,
	INode,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { isExpression, NodeOperationError } from 'n8n-workflow';

import { ACCEPTED_DATE_FORMATS, toDay, toGmtMinutes } from './dates';
import { quote } from '../transport/text';

export interface Field {
	/** Where the value goes: JSON body, query string or the `{property}` of the endpoint path. */
	send: { type: 'body' | 'query' | 'path'; property: string };
	check: keyof typeof CHECKS;
	/** Optional fields sit in a collection (Additional Fields unless named); left out when empty. */
	optional?: boolean;
	collection?: 'filters' | 'options';
	/** For 'hours': the bounds, the range in words ("between … and …") and how to pick a value. */
	range?: { min: number; max: number; text: string; hint: string };
	property: INodeProperties;
}

/** A field's UI as an operation declares it: a label and a name, the rest as needed. */
export type Declared = Pick<INodeProperties, 'displayName' | 'name'> & Partial<INodeProperties>;

type RequestParts = Record<'body' | 'qs' | 'path', IDataObject>;

/** Where values are read from: an input item of an execution, or a trigger's settings (no item). */
export interface FieldSource {
	node: INode;
	timeZone: string;
	itemIndex?: number;
	parameter(name: string, fallback: unknown): unknown;
}

const COLLECTIONS: Record<string, { displayName: string; placeholder: string }> = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
};

const collectionOf = (field: Field) => field.collection ?? 'additionalFields';

// Node versions before the pickers (typed track and stage IDs) and with them (Track list, stage
// dropdowns); a new node version joins WITH_PICKERS.
export const BEFORE_PICKERS = [1, 2];
export const WITH_PICKERS = [3];

const VERSION = '@version';

/** The field only in these node versions (same parameter name, another declaration per version). */
export function inVersions(versions: number[], field: Field): Field {
	return shownWhen(field, { [VERSION]: versions });
}

/** The field, shown (and sent) only while other parameters have one of these values. */
export function shownWhen(field: Field, show: IDisplayOptions['show']): Field {
	const displayOptions = withShow(field.property.displayOptions ?? {}, show);
	return { ...field, property: { ...field.property, displayOptions } };
}

function withShow(options: IDisplayOptions, show: IDisplayOptions['show']): IDisplayOptions {
	return { ...options, show: { ...options.show, ...show } };
}

/** The n8n properties: required fields first, then the collections (one per node version list). */
export function toNodeProperties(
	fields: Field[],
	displayOptions: IDisplayOptions,
): INodeProperties[] {
	const properties: INodeProperties[] = fields
		.filter((field) => !field.optional)
		.map((field) => ({
			...field.property,
			displayOptions: withShow(displayOptions, field.property.displayOptions?.show),
		}));
	for (const [name, { displayName, placeholder }] of Object.entries(COLLECTIONS)) {
		const optional = fields.filter((field) => field.optional && collectionOf(field) === name);
		const versionsOf = (field: Field) =>
			field.property.displayOptions?.show?.[VERSION] as number[] | undefined;
		// One collection per version list its fields name; fields without one join each.
		const lists = new Map(optional.map((field) => [String(versionsOf(field)), versionsOf(field)]));
		if (lists.size > 1) lists.delete('undefined');
		for (const [list, versions] of lists) {
			const options = optional
				.filter((field) => [list, 'undefined'].includes(String(versionsOf(field))))
				.map(({ property }) => {
					const show = { ...property.displayOptions?.show };
					delete show[VERSION];
					return { ...property, displayOptions: Object.keys(show).length ? { show } : undefined };
				});
			properties.push({
				displayName,
				name,
				type: 'collection',
				placeholder,
				default: {},
				displayOptions: withShow(displayOptions, versions && { [VERSION]: versions }),
				options,
			});
		}
	}
	return properties;
}

/** An ID as text with an example placeholder (a number field would show 0), sent as a number. */
export function idField(send: Field['send'], declared: Declared): Field {
	const property = { ...declared, type: 'string' as const, required: true, default: '' };
	return { send, check: 'id', property };
}

/** Return All and Limit, as n8n's own list operations word them; Limit shows while Return All is off. */
export function returnAllProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: withShow(displayOptions, { returnAll: [false] }),
			description: 'Max number of results to return',
		},
	];
}

/** Field values per item; a parameter without an expression is read once (it halves reading time). */
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
	if (isExpression(value)) return true;
	return value !== null && typeof value === 'object' && Object.values(value).some(hasExpression);
}

/** Field values of a trigger node: registering its webhook, passed a call, or polling. */
export function triggerSource(
	context: IHookFunctions | IWebhookFunctions | IPollFunctions,
): FieldSource {
	return {
		node: context.getNode(),
		timeZone: context.getTimezone(),
		parameter: (name, fallback) => context.getNodeParameter(name, fallback),
	};
}

/** Reads and checks every field shown for this item; throws for the first bad value. */
export function readFields(source: FieldSource, fields: Field[]): RequestParts {
	const collections: Record<string, IDataObject> = {};
	for (const name of new Set(fields.filter((field) => field.optional).map(collectionOf)))
		collections[name] = (source.parameter(name, {}) as IDataObject | undefined) ?? {};
	const parts: RequestParts = { body: {}, qs: {}, path: {} };
	for (const field of fields) {
		const { property } = field;
		// Shown only while the parameters its displayOptions name have those values ('/x': node's x).
		const shown = Object.entries(property.displayOptions?.show ?? {}).every(([name, values]) =>
			(values as unknown[]).includes(
				name === VERSION
					? source.node.typeVersion
					: source.parameter(name.replace(/^\//, ''), undefined),
			),
		);
		if (!shown) continue;
		const given = field.optional
			? collections[collectionOf(field)][property.name]
			: source.parameter(property.name, undefined);
		// A resource locator ({ mode, value }) is checked by its value, whichever mode chose it.
		const raw =
			property.type === 'resourceLocator' && given !== null && typeof given === 'object'
				? (given as IDataObject).value
				: given;
		const refuse = (problem: string, fix: string) => {
			const item = source.itemIndex === undefined ? '' : ` [item ${source.itemIndex}]`;
			return new NodeOperationError(source.node, `${property.displayName} ${problem}${item}`, {
				itemIndex: source.itemIndex,
				description: fix,
			});
		};
		if ((typeof raw === 'string' ? raw.trim() : (raw ?? '')) === '') {
			if (field.optional) continue;
			throw refuse(
				'is empty',
				`Fill in ${property.displayName}. When it comes from an expression, check that the input item has that column or field and that it is not blank.`,
			);
		}
		const text = typeof raw === 'object' ? '' : String(raw).trim();
		const value = CHECKS[field.check]({ source, property, range: field.range, raw, text, refuse });
		if (value !== undefined)
			parts[field.send.type === 'query' ? 'qs' : field.send.type][field.send.property] = value;
	}
	return parts;
}

/** Fills an endpoint template such as `/ai-interviews/report/{response_id}` from the path values. */
export const fillPath = (template: string, path: IDataObject): string =>
	template.replace(/\{(\w+)\}/g, (_match, key: string) => encodeURIComponent(String(path[key])));

interface Checking {
	source: FieldSource;
	property: INodeProperties;
	range?: Field['range'];
	raw: unknown;
	text: string;
	refuse(problem: string, fix: string): NodeOperationError;
}

// Deliberately simple: one "@", a dot in the domain, no spaces. Xobin has the final say.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const exampleIn = (property: INodeProperties, fallback: string) =>
	property.placeholder?.replace(/^e\.g\.\s*/, '') ?? fallback;

/** A date check: `convert` reads the value in the workflow's timezone; the refusal says how. */
const dated =
	(convert: typeof toDay, like: string, zoned: string, sent: string) =>
	({ raw, source, refuse }: Checking) => {
		try {
			return convert(raw, source.timeZone);
		} catch (error) {
			throw refuse(
				`could not be read as a date: ${error.message}`,
				`Use the date picker or a value like ${like}. ${zoned} are read in the workflow's timezone (${source.timeZone}) and sent ${sent}.`,
			);
		}
	};

/** Each check: the value to send, or undefined to leave the field out ('flag' off), or throws. */
const CHECKS = {
	text: ({ raw, text, property, refuse }: Checking) => {
		if (typeof raw === 'object')
			throw refuse(
				'must be text, not an object or list',
				`Map ${property.displayName} to a single column or field.`,
			);
		return text;
	},
	email: ({ text, property, refuse }: Checking) => {
		if (EMAIL.test(text)) return text;
		throw refuse(
			`${quote(text)} is not a valid email address`,
			`Use a full address such as name@example.com. Check the column or expression that fills ${property.displayName}.`,
		);
	},
	id: ({ raw, text, property, refuse }: Checking) => {
		const number = typeof raw === 'number' ? raw : /^\d+(\.0+)?$/.test(text) ? Number(text) : NaN;
		if (Number.isSafeInteger(number) && number > 0) return number;
		throw refuse(
			`must be a whole number above zero, got ${quote(text)}`,
			`Enter the number Xobin shows for it, e.g. ${exampleIn(property, '305')}. Decimals, zero, negative numbers and text are not accepted.`,
		);
	},
	hours: ({ raw, text, range, refuse }: Checking) => {
		const { min, max, text: inWords, hint } = range as NonNullable<Field['range']>;
		const number = typeof raw === 'number' ? raw : /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
		if (number >= min && number <= max) return number;
		throw refuse(`must be ${inWords}, got ${quote(text)}`, hint);
	},
	flag: ({ raw }: Checking) => (raw === true || raw === 'true' ? true : undefined),
	boolean: ({ raw, text, property, refuse }: Checking) => {
		if (raw === true || raw === 'true') return true;
		if (raw === false || raw === 'false') return false;
		throw refuse(
			`must be true or false, got ${quote(text)}`,
			`Switch ${property.displayName} on or off, or map it to a true/false value.`,
		);
	},
	day: dated(toDay, '2025-07-18 (YYYY-MM-DD)', 'Dates with a time', 'as that day'),
	gmtDate: dated(toGmtMinutes, ACCEPTED_DATE_FORMATS, 'Times without an offset', 'to Xobin in GMT'),
	url: ({ text, property, refuse }: Checking) => {
		if (/^https?:\/\/[^\s/]+/i.test(text)) return text;
		throw refuse(
			`${quote(text)} is not a valid web address`,
			`Use a full address starting with https://, e.g. ${exampleIn(property, 'https://example.com/xobin-updates')}.`,
		);
	},
	option: ({ raw, property, refuse }: Checking) => {
		const allowed = (property.options ?? []) as INodePropertyOptions[];
		const match = allowed.find((option) => option.value === raw);
		if (match) return match.value as string;
		const choices = allowed.map(({ value, name }) => `"${String(value)}" (${name})`).join(' or ');
		throw refuse(`${quote(raw)} is not one of the allowed values`, `Use ${choices}.`);
	},
	// Key/value rows (`{ pair: [{ key, value }] }`) as one object, for bodies whose keys the user
	// knows and the node does not (a track's own fields). Values go as they are.
	pairs: ({ raw, property, refuse }: Checking) => {
		const rows = (raw as { pair?: unknown } | null)?.pair;
		const list = Array.isArray(rows) ? (rows as Array<{ key?: unknown; value?: unknown }>) : [];
		const fix = `In ${property.displayName}, give each row the field's key as Xobin names it (e.g. name, email, phone) and its value.`;
		const result: IDataObject = {};
		for (const [index, row] of list.entries()) {
			const key = typeof row?.key === 'string' ? row.key.trim() : '';
			if (key === '') throw refuse(`row ${index + 1} has no key`, fix);
			if (key in result) throw refuse(`has the key ${quote(key)} twice`, fix);
			const value = row.value;
			if (value !== null && typeof value === 'object')
				throw refuse(
					`${quote(key)} must be a single value, not an object or list`,
					'Map the value to one column or field.',
				);
			result[key] = value === undefined ? '' : (value as string | number | boolean | null);
		}
		return result;
	},
};
