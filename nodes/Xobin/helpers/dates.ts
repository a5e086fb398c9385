// Turns the date values n8n users pass (picker strings, ISO text, Luxon or JS dates, epoch numbers,
// "YYYY-MM-DD HH:MM") into the "YYYY-MM-DD HH:MM" GMT text Xobin expects. Values without an offset
// are read as wall-clock time in the workflow's timezone; Xobin's HTTP-dates go back out as ISO.
// No dependencies: the Intl API knows zones.

import { quote } from './text';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Calendar date and time, optional seconds, optional "Z" or numeric offset. */
const DATE_TEXT =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export const ACCEPTED_DATE_FORMATS =
	'2025-07-18 10:00, 2025-07-18T10:00:00, 2025-07-18T10:00:00+05:30 or a date from an expression such as {{ $now.plus({ days: 2 }) }}';

export class DateReadError extends Error {}

interface DateLike {
	toMillis?: () => number;
	getTime?: () => number;
	isValid?: boolean;
}

/** Reads a date value and returns the instant it names, in epoch milliseconds. */
export function readInstant(value: unknown, timeZone: string): number {
	if (typeof value === 'number') return fromEpochNumber(value);
	if (typeof value === 'string') return fromText(value.trim(), timeZone);
	if (value !== null && typeof value === 'object') {
		const date = value as DateLike;
		if (date.isValid === false) throw new DateReadError('it is an invalid date');
		// Luxon DateTime (from $now, $today, DateTime.fromISO …) carries its own zone: honour it.
		if (typeof date.toMillis === 'function') return checked(date.toMillis());
		if (typeof date.getTime === 'function') return checked(date.getTime());
	}
	throw new DateReadError(`a ${value === null ? 'null' : typeof value} is not a date`);
}

/** Formats an instant as Xobin's GMT text, "YYYY-MM-DD HH:MM" (seconds are dropped). */
export function formatGmtMinutes(instant: number): string {
	return new Date(instant).toISOString().slice(0, 16).replace('T', ' ');
}

export function toGmtMinutes(value: unknown, timeZone: string): string {
	return formatGmtMinutes(readInstant(value, timeZone));
}

/** Whether the runtime knows this IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

function checked(instant: number): number {
	if (!Number.isFinite(instant)) throw new DateReadError('it is an invalid date');
	return instant;
}

/** Sheets and APIs hand over epoch seconds or milliseconds; tell them apart by size. */
function fromEpochNumber(value: number): number {
	if (!Number.isFinite(value)) throw new DateReadError('it is not a finite number');
	return Math.abs(value) >= 1e11 ? value : value * 1000;
}

function fromText(text: string, timeZone: string): number {
	if (text === '') throw new DateReadError('it is empty');
	const match = DATE_TEXT.exec(text);
	if (!match) throw new DateReadError(`${quote(text)} is not a date in a format the node reads`);

	const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = match;
	const wallClock = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	const roundTrip = new Date(wallClock);
	if (
		roundTrip.getUTCFullYear() !== +year ||
		roundTrip.getUTCMonth() !== +month - 1 ||
		roundTrip.getUTCDate() !== +day ||
		+hour > 23 ||
		+minute > 59 ||
		+second > 59
	) {
		throw new DateReadError(`${quote(text)} is not a real calendar date and time`);
	}

	if (offset === undefined) return wallClockToInstant(wallClock, timeZone);
	if (offset.toUpperCase() === 'Z') return wallClock;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
	return wallClock - offsetMinutes * MINUTE_MS;
}

/** Offset of a zone from GMT at an instant, in minutes (New York in winter: -300). */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(instant));
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value ?? 0);
	const asIfGmt = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return Math.round((asIfGmt - Math.floor(instant / 1000) * 1000) / MINUTE_MS);
}

/**
 * Finds the instant at which a zone's clocks show the given wall-clock time. Around daylight-saving
 * changes this follows the rule most calendars use: a repeated hour means its first occurrence, a
 * skipped hour is moved forward by the length of the gap (02:30 on a spring-forward day → 03:30).
 */
function wallClockToInstant(wallClock: number, timeZone: string): number {
	const offsetBefore = zoneOffsetMinutes(wallClock - DAY_MS, timeZone);
	const offsetAfter = zoneOffsetMinutes(wallClock + DAY_MS, timeZone);
	const candidates = [...new Set([offsetBefore, offsetAfter])]
		.map((offset) => wallClock - offset * MINUTE_MS)
		.filter((instant) => wallClock - zoneOffsetMinutes(instant, timeZone) * MINUTE_MS === instant)
		.sort((a, b) => a - b);
	if (candidates.length > 0) return candidates[0];
	return wallClock - offsetBefore * MINUTE_MS;
}

/** An HTTP-date as Xobin writes `last_updated_at`: "Thu, 10 Jul 2025 11:52:57 GMT". */
const HTTP_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Turns an HTTP-date into ISO 8601 in UTC; anything else comes back unchanged. */
export function httpDateToIso(value: unknown): unknown {
	if (typeof value !== 'string' || !HTTP_DATE.test(value.trim())) return value;
	const instant = Date.parse(value);
	return Number.isNaN(instant) ? value : new Date(instant).toISOString();
}
