// Turns the date values n8n users pass (picker strings, ISO text, Luxon or JS dates, epoch numbers,
// "YYYY-MM-DD HH:MM") into the "YYYY-MM-DD HH:MM" GMT text Xobin expects. Values without an offset
// are read as wall-clock time in the workflow's timezone, with Luxon (which n8n ships): a repeated
// hour means its first occurrence, a skipped hour moves forward. Xobin's HTTP-dates go out as ISO.

import { DateTime } from 'luxon';

import { quote } from '../transport/text';

/** Calendar date, optional time, optional "Z" or numeric offset: what the node reads as text. */
const DATE_TEXT =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export const ACCEPTED_DATE_FORMATS =
	'2025-07-18 10:00, 2025-07-18T10:00:00, 2025-07-18T10:00:00+05:30 or a date from an expression such as {{ $now.plus({ days: 2 }) }}';

export function toGmtMinutes(value: unknown, timeZone: string): string {
	return readDate(value, timeZone).toUTC().toFormat('yyyy-MM-dd HH:mm');
}

/** A calendar day, "YYYY-MM-DD", as it is in `timeZone` (for Xobin's from_date / to_date filters). */
export function toDay(value: unknown, timeZone: string): string {
	return readDate(value, timeZone).setZone(timeZone).toFormat('yyyy-MM-dd');
}

function readDate(value: unknown, zone: string): DateTime {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error('it is not a finite number');
		// Sheets and APIs hand over epoch seconds or milliseconds; tell them apart by size.
		return DateTime.fromMillis(Math.abs(value) >= 1e11 ? value : value * 1000);
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') throw new Error('it is empty');
		const match = DATE_TEXT.exec(text);
		if (!match) throw new Error(`${quote(text)} is not a date in a format the node reads`);
		const [, day, time = '00:00', offset = ''] = match;
		const date = DateTime.fromISO(`${day}T${time}${offset}`, { zone });
		if (!date.isValid) throw new Error(`${quote(text)} is not a real calendar date and time`);
		if (offset) return date;
		// Luxon reads a repeated (fall-back) hour as its second occurrence; calendars mean the first.
		const first = date.minus({ minutes: date.minus({ days: 1 }).offset - date.offset });
		const wall = (time: DateTime) => time.toISO({ includeOffset: false });
		return first < date && wall(first) === wall(date) ? first : date;
	}
	// Luxon DateTime (from $now, $today, DateTime.fromISO …) carries its own zone; JS dates too.
	const date = value as { toMillis?(): number; getTime?(): number; isValid?: boolean } | null;
	const millis = date?.toMillis?.() ?? date?.getTime?.();
	if (date?.isValid === false || (millis !== undefined && !Number.isFinite(millis)))
		throw new Error('it is an invalid date');
	if (millis === undefined)
		throw new Error(`a ${value === null ? 'null' : typeof value} is not a date`);
	return DateTime.fromMillis(millis);
}

// An HTTP-date as Xobin writes `last_updated_at`: "Thu, 10 Jul 2025 11:52:57 GMT".
const HTTP_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** An HTTP-date as ISO 8601 in UTC; anything else comes back unchanged. */
export function httpDateToIso(value: unknown): unknown {
	if (typeof value !== 'string' || !HTTP_DATE.test(value.trim())) return value;
	const instant = Date.parse(value);
	return Number.isNaN(instant) ? value : new Date(instant).toISOString();
}
