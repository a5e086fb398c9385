// Xobin Trigger, repeated deliveries: a delivery key seen within 10 minutes is a repeat, remembered
// in the process's memory (up to 10,000 keys, all triggers of the process together) and in the
// trigger's static data (its 1,000 most recent keys), for other processes. With an injected clock:
// isRepeat() is the trigger's own check (XobinTrigger.node.ts calls it with the current time).

import type { IDataObject } from 'n8n-workflow';

import { isRepeat } from '../nodes/Xobin/trigger/deliveries';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);
let scopes = 0;
/** A trigger of its own, so the process-wide memory of other tests does not interfere. */
const newScope = () => `workflow-${++scopes}|trigger`;

describe('Xobin Trigger: repeated deliveries', () => {
	test('the same key within 10 minutes is a repeat; at 10 minutes it is new again', () => {
		const scope = newScope();
		const staticData: IDataObject = {};

		expect(isRepeat(staticData, scope, 'started:6726:Started', T0)).toBe(false);
		expect(isRepeat(staticData, scope, 'completed:6726:Completed', T0 + 1)).toBe(false);
		expect(isRepeat(staticData, scope, 'started:6726:Started', T0 + 10 * MINUTE - 1)).toBe(true);
		// The repeat did not extend the window: 10 minutes after the first delivery it is new.
		expect(isRepeat(staticData, scope, 'started:6726:Started', T0 + 10 * MINUTE)).toBe(false);
		expect(isRepeat(staticData, scope, 'started:6726:Started', T0 + 20 * MINUTE - 1)).toBe(true);
	});

	test("another process (empty memory) sees the repeat in the static data, within the same 10 minutes", () => {
		const staticData: IDataObject = {};
		expect(isRepeat(staticData, newScope(), 'started:6726:Started', T0)).toBe(false);

		expect(isRepeat(staticData, newScope(), 'started:6726:Started', T0 + 10 * MINUTE - 1)).toBe(true);
		expect(isRepeat(staticData, newScope(), 'started:6726:Started', T0 + 10 * MINUTE)).toBe(false);
	});

	test('the process memory alone catches a repeat when the static data was lost', () => {
		const scope = newScope();
		expect(isRepeat({}, scope, 'started:6726:Started', T0)).toBe(false);

		expect(isRepeat({}, scope, 'started:6726:Started', T0 + 10 * MINUTE - 1)).toBe(true);
		expect(isRepeat({}, scope, 'started:6726:Started', T0 + 10 * MINUTE)).toBe(false);
	});

	test('the static data keeps the 1,000 most recent keys, and drops those older than 10 minutes', () => {
		const staticData: IDataObject = {};
		const scope = newScope();
		for (let index = 0; index <= 1000; index++) isRepeat(staticData, scope, `key-${index}`, T0 + index);

		const kept = staticData.xobinDeliveries as Record<string, number>;
		expect(Object.keys(kept)).toHaveLength(1000);
		expect(kept['key-0']).toBeUndefined();
		expect(kept['key-1']).toBe(T0 + 1);
		// Seen from another process: the oldest key was dropped, the next one is still a repeat.
		expect(isRepeat(staticData, newScope(), 'key-1', T0 + 2000)).toBe(true);
		expect(isRepeat(staticData, newScope(), 'key-0', T0 + 2000)).toBe(false);

		isRepeat(staticData, newScope(), 'later', T0 + 2000 + 10 * MINUTE);
		expect(Object.keys(staticData.xobinDeliveries as IDataObject)).toEqual(['later']);
	});

	test('the process memory holds up to 10,000 keys; past that, new keys rely on the static data', () => {
		const scope = newScope();
		// Ten minutes later than every other test, so their keys have expired from the memory.
		const start = T0 + 60 * MINUTE;
		for (let index = 0; index < 10_000; index++) isRepeat({}, scope, `key-${index}`, start);

		expect(isRepeat({}, scope, 'key-0', start + 1)).toBe(true);
		expect(isRepeat({}, scope, 'key-9999', start + 1)).toBe(true);
		expect(isRepeat({}, scope, 'key-10000', start + 1)).toBe(false);
		expect(isRepeat({}, scope, 'key-10000', start + 2)).toBe(false);
		const staticData: IDataObject = {};
		expect(isRepeat(staticData, scope, 'key-10001', start + 3)).toBe(false);
		expect(isRepeat(staticData, scope, 'key-10001', start + 4)).toBe(true);
		// Once the first 10,000 expire, the memory takes new keys again.
		expect(isRepeat({}, scope, 'key-10002', start + 10 * MINUTE)).toBe(false);
		expect(isRepeat({}, scope, 'key-10002', start + 10 * MINUTE + 1)).toBe(true);
	});
});
