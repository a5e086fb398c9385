// Declares operation fields as data (the UI property plus the Xobin body key it fills and how its
// value is checked) and turns them, per item, into a validated request body. Adding a field to an
// operation is one declaration; nothing else in the node changes.

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACCEPTED_DATE_FORMATS, toGmtMinutes } from './dates';

/** How a field's value is checked and converted before it goes into the body. */
export type BodyFieldFormat = 'text' | 'email' | 'positiveInteger' | 'option' | 'gmtDateTime';

export interface BodyField {
	/** The key this field fills in Xobin's JSON body. */
	bodyKey: string;
	format: BodyFieldFormat;
	/** Optional fields sit in the "Additional Fields" collection and are left out when empty. */
	optional?: boolean;
	/** The field as the n8n editor shows it. */
	property: INodeProperties;
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
		.map((field) => ({ ...field.property, displayOptions }));
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

/**
 * Reads every declared field of one item and returns the request body. Throws a
 * NodeOperationError naming the item and the field, with how to fix it, for the first bad value.
 */
export function buildRequestBody(
	context: IExecuteFunctions,
	fields: BodyField[],
	itemIndex: number,
): IDataObject {
	const timeZone = context.getTimezone();
	const additional = fields.some((field) => field.optional)
		? (context.getNodeParameter(ADDITIONAL_FIELDS, itemIndex, {}) as IDataObject)
		: {};
	const body: IDataObject = {};
	for (const field of fields) {
		const raw = field.optional
			? additional[field.property.name]
			: context.getNodeParameter(field.property.name, itemIndex, undefined);
		if (isEmpty(raw)) {
			if (field.optional) continue;
			throw invalidField(context, field, itemIndex, 'is empty', requiredHint(field));
		}
		body[field.bodyKey] = convert(context, field, raw, itemIndex, timeZone);
	}
	return body;
}

export function invalidField(
	context: IExecuteFunctions,
	field: BodyField,
	itemIndex: number,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`${field.property.displayName} ${problem} [item ${itemIndex}]`,
		{ itemIndex, description: fix },
	);
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function requiredHint(field: BodyField): string {
	return `Fill in ${field.property.displayName}. When it comes from an expression, check that the input item has that column or field and that it is not blank.`;
}

function convert(
	context: IExecuteFunctions,
	field: BodyField,
	raw: unknown,
	itemIndex: number,
	timeZone: string,
): string | number {
	const name = field.property.displayName;
	switch (field.format) {
		case 'text': {
			if (typeof raw === 'object') {
				throw invalidField(context, field, itemIndex, 'must be text, not an object or list', requiredHint(field));
			}
			return String(raw).trim();
		}
		case 'email': {
			const email = String(raw).trim();
			if (!EMAIL.test(email)) {
				throw invalidField(
					context,
					field,
					itemIndex,
					`"${email}" is not a valid email address`,
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
					context,
					field,
					itemIndex,
					`must be a whole number above zero, got "${text}"`,
					`Enter the number Xobin shows for it, e.g. 305. Decimals, zero, negative numbers and text are not accepted.`,
				);
			}
			return number;
		}
		case 'option': {
			const allowed = (field.property.options ?? []) as INodePropertyOptions[];
			const match = allowed.find((option) => option.value === raw);
			if (!match) {
				const choices = allowed.map((option) => `"${String(option.value)}" (${option.name})`).join(' or ');
				throw invalidField(
					context,
					field,
					itemIndex,
					`"${String(raw)}" is not one of the allowed values`,
					`Use ${choices}.`,
				);
			}
			return match.value as string;
		}
		case 'gmtDateTime': {
			try {
				return toGmtMinutes(raw, timeZone);
			} catch (error) {
				throw invalidField(
					context,
					field,
					itemIndex,
					`could not be read as a date: ${error.message}`,
					`Use the date picker or a value like ${ACCEPTED_DATE_FORMATS}. Times without an offset are read in the workflow's timezone (${timeZone}) and sent to Xobin in GMT.`,
				);
			}
		}
	}
}
