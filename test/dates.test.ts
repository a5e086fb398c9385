// Dates: every form n8n users pass is read in the workflow's timezone and sent to Xobin in GMT.

import { DateTime } from 'luxon';

import { toGmtMinutes } from '../nodes/Xobin/helpers/dates';
import { inviteParameters, runInvite, sentBodies, useMockXobin } from './support';

describe('toGmtMinutes', () => {
	test.each([
		['2025-07-18 10:00', 'UTC', '2025-07-18 10:00'],
		['2025-07-18T10:00:00', 'America/New_York', '2025-07-18 14:00'],
		['2025-01-18T10:00:00', 'America/New_York', '2025-01-18 15:00'],
		['2025-07-18T10:00:00', 'Asia/Kolkata', '2025-07-18 04:30'],
		['2025-07-18T10:00:00Z', 'Asia/Kolkata', '2025-07-18 10:00'],
		['2025-07-18T10:00:00+05:30', 'America/New_York', '2025-07-18 04:30'],
		['2025-07-18T10:00:00.000-0400', 'UTC', '2025-07-18 14:00'],
		['2025-07-18', 'Asia/Kolkata', '2025-07-17 18:30'],
		['2025-07-18 10:00:59', 'UTC', '2025-07-18 10:00'],
	])('reads %s in %s as %s GMT', (value, zone, expected) => {
		expect(toGmtMinutes(value, zone)).toBe(expected);
	});

	test('honours the zone of a Luxon date from an expression', () => {
		const value = DateTime.fromISO('2025-07-18T10:00:00', { zone: 'Europe/Berlin' });
		expect(toGmtMinutes(value, 'America/New_York')).toBe('2025-07-18 08:00');
	});

	test('reads JS dates and epoch numbers', () => {
		expect(toGmtMinutes(new Date(Date.UTC(2025, 6, 18, 10, 0)), 'Asia/Kolkata')).toBe('2025-07-18 10:00');
		expect(toGmtMinutes(Date.UTC(2025, 6, 18, 10, 0), 'UTC')).toBe('2025-07-18 10:00');
		expect(toGmtMinutes(Date.UTC(2025, 6, 18, 10, 0) / 1000, 'UTC')).toBe('2025-07-18 10:00');
	});

	describe('across daylight-saving changes in New York', () => {
		const zone = 'America/New_York';

		test('the hours around spring forward', () => {
			expect(toGmtMinutes('2025-03-09 01:30', zone)).toBe('2025-03-09 06:30');
			expect(toGmtMinutes('2025-03-09 03:30', zone)).toBe('2025-03-09 07:30');
		});

		test('a skipped time moves forward by the gap', () => {
			expect(toGmtMinutes('2025-03-09 02:30', zone)).toBe('2025-03-09 07:30');
		});

		test('a repeated time at fall back means its first occurrence', () => {
			expect(toGmtMinutes('2025-11-02 01:30', zone)).toBe('2025-11-02 05:30');
			expect(toGmtMinutes('2025-11-02 02:30', zone)).toBe('2025-11-02 07:30');
		});

		test('agrees with Luxon on every half hour of the change days outside the changing hour', () => {
			const changeDays = { '2025-03-09': 2, '2025-11-02': 1, '2026-03-08': 2, '2026-11-01': 1 };
			for (const [day, changingHour] of Object.entries(changeDays)) {
				for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
					const hour = Math.floor(minutes / 60);
					if (hour === changingHour) continue;
					const time = `${String(hour).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
					const expected = DateTime.fromISO(`${day}T${time}`, { zone }).toUTC().toFormat('yyyy-MM-dd HH:mm');
					expect(`${day} ${time} → ${toGmtMinutes(`${day} ${time}`, zone)}`).toBe(`${day} ${time} → ${expected}`);
				}
			}
		});
	});
});

describe('Invite Candidate dates in the workflow timezone', () => {
	const mock = useMockXobin();

	async function datesSent(timezone: string, startDate: unknown, expiryDate: unknown) {
		const result = await runInvite(mock(), {
			items: [{ name: 'Alex', email: 'alex@example.com' }],
			timezone,
			parameters: inviteParameters({ additionalFields: { startDate, expiryDate } }),
		});
		expect(result.error).toBeUndefined();
		const [body] = sentBodies(mock());
		return [body.start_date, body.expiry_date];
	}

	test('a picker value in America/New_York is sent in GMT', async () => {
		expect(await datesSent('America/New_York', '2025-07-18T10:00:00', '2025-07-20T20:30:00')).toEqual([
			'2025-07-18 14:00',
			'2025-07-21 00:30',
		]);
	});

	test('a picker value in Asia/Kolkata is sent in GMT', async () => {
		expect(await datesSent('Asia/Kolkata', '2025-07-18T10:00:00', '2025-07-20T20:30:00')).toEqual([
			'2025-07-18 04:30',
			'2025-07-20 15:00',
		]);
	});

	test('an invite spanning the New York spring-forward change uses each date\'s own offset', async () => {
		expect(await datesSent('America/New_York', '2025-03-08 12:00', '2025-03-10 12:00')).toEqual([
			'2025-03-08 17:00',
			'2025-03-10 16:00',
		]);
	});

	test('Luxon expressions are converted from their own zone', async () => {
		expect(
			await datesSent(
				'Asia/Kolkata',
				"={{ DateTime.fromISO('2025-07-18T10:00:00', { zone: 'America/New_York' }) }}",
				"={{ DateTime.fromISO('2025-07-18T10:00:00', { zone: 'America/New_York' }).plus({ days: 2 }) }}",
			),
		).toEqual(['2025-07-18 14:00', '2025-07-20 14:00']);
	});

	test('text in Xobin\'s own format is read in the workflow timezone', async () => {
		expect(await datesSent('Asia/Kolkata', '2025-07-18 10:00', '2025-07-19 10:00')).toEqual([
			'2025-07-18 04:30',
			'2025-07-19 04:30',
		]);
	});
});
