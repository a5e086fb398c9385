// How the node recognises Xobin's "no invites left" answer (invite/outcome.ts), answer by answer:
// it decides whether a candidate is parked on the Invites Exhausted output or reported as an
// error, and the notice the parked item carries. Xobin's docs show a 403 with error limit_exceed;
// some answers carry only the "Invites Exhausted" text (docs/assumptions.md).

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readExhaustion } = require('../dist/nodes/Xobin/invite/outcome.js') as typeof import('../nodes/Xobin/invite/outcome');

const answer = (statusCode: number, body: unknown) => ({ statusCode, headers: {}, body });
const DEFAULT = 'Invites Exhausted. Please contact support.';

describe('Invites Exhausted: which answers mean the account has no invites left', () => {
	test.each([
		[{ error: 'limit_exceed', message: 'Invites Exhausted. Please contact support.' }, DEFAULT],
		[{ error: 'limit_exceed', message: 'No invites left on the Starter plan' }, 'No invites left on the Starter plan'],
		[{ error: 'limit_exceed' }, DEFAULT],
		[{ error: 'limit_exceed', message: '' }, DEFAULT],
		[{ error: 'limit_exceed', message: 'limit_exceed' }, DEFAULT],
		[{ message: 'Your invites exhausted for this month' }, 'Your invites exhausted for this month'],
		[{ message: 'Invite   Exhausted' }, 'Invite   Exhausted'],
		[{ error: { message: 'invites exhausted' } }, 'invites exhausted'],
		[{ error: 'forbidden', message: 'Invites exhausted' }, 'Invites exhausted'],
	])('a 403 with %j is parked, with the notice %j', (body, message) => {
		expect(readExhaustion(answer(403, body))).toEqual({ message, code: 'limit_exceed' });
	});

	test.each([
		[403, { error: 'forbidden', message: 'This key cannot invite' }],
		[403, { message: 'invites are exhaustive' }],
		[403, {}],
		[403, null],
		[403, 'Invites Exhausted'],
		[403, Buffer.from('{"error":"limit_exceed"}')],
		[429, { error: 'limit_exceed', message: 'Invites Exhausted' }],
		[200, { error: 'limit_exceed' }],
		[402, { message: 'Invites exhausted' }],
	])('HTTP %i with %j is not an exhaustion (the candidate is not parked)', (statusCode, body) => {
		expect(readExhaustion(answer(statusCode, body))).toBeUndefined();
	});
});
