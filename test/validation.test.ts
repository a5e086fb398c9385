// Bad input is refused before any request leaves n8n, with a message naming the item and field.

import type { IDataObject } from 'n8n-workflow';

import { candidates, inviteParameters, inviteRequests, runInvite, useMockXobin } from './support';

describe('Invite Candidate input checks', () => {
	const mock = useMockXobin();

	const cases: Array<{ what: string; item: IDataObject; parameters?: IDataObject; message: string }> = [
		{
			what: 'an empty name',
			item: { name: '   ', email: 'a@example.com' },
			message: 'Candidate Name is empty [item 0]',
		},
		{
			what: 'a missing email column',
			item: { name: 'Alex' },
			message: 'Candidate Email is empty [item 0]',
		},
		{
			what: 'a malformed email',
			item: { name: 'Alex', email: 'alex@example' },
			message: 'Candidate Email "alex@example" is not a valid email address [item 0]',
		},
		{
			what: 'an interview ID of zero',
			item: { name: 'Alex', email: 'a@example.com' },
			parameters: { aiInterviewId: 0 },
			message: 'AI Interview ID must be a whole number above zero, got "0" [item 0]',
		},
		{
			what: 'a negative interview ID',
			item: { name: 'Alex', email: 'a@example.com', id: -5 },
			parameters: { aiInterviewId: '={{ $json.id }}' },
			message: 'AI Interview ID must be a whole number above zero, got "-5" [item 0]',
		},
		{
			what: 'a decimal interview ID',
			item: { name: 'Alex', email: 'a@example.com', id: 30.5 },
			parameters: { aiInterviewId: '={{ $json.id }}' },
			message: 'AI Interview ID must be a whole number above zero, got "30.5" [item 0]',
		},
		{
			what: 'text as interview ID',
			item: { name: 'Alex', email: 'a@example.com', id: 'interview 305' },
			parameters: { aiInterviewId: '={{ $json.id }}' },
			message: 'AI Interview ID must be a whole number above zero, got "interview 305" [item 0]',
		},
		{
			what: 'an unknown invite format',
			item: { name: 'Alex', email: 'a@example.com', format: 'email' },
			parameters: { inviteFormat: '={{ $json.format }}' },
			message: 'Invite Format "email" is not one of the allowed values [item 0]',
		},
		{
			what: 'an unreadable start date',
			item: { name: 'Alex', email: 'a@example.com' },
			parameters: { additionalFields: { startDate: 'next tuesday' } },
			message: 'Start Date could not be read as a date: "next tuesday" is not a date in a format the node reads [item 0]',
		},
		{
			what: 'an impossible calendar date',
			item: { name: 'Alex', email: 'a@example.com' },
			parameters: { additionalFields: { expiryDate: '2025-02-30 10:00' } },
			message: 'Expiry Date could not be read as a date: "2025-02-30 10:00" is not a real calendar date and time [item 0]',
		},
		{
			what: 'an expiry before the start',
			item: { name: 'Alex', email: 'a@example.com' },
			parameters: { additionalFields: { startDate: '2025-07-20 10:00', expiryDate: '2025-07-19 10:00' } },
			message: 'Expiry Date must be after Start Date [item 0]',
		},
	];

	test.each(cases)('refuses $what without sending anything', async ({ item, parameters, message }) => {
		const result = await runInvite(mock(), { items: [item], parameters: inviteParameters(parameters ?? {}) });

		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toEqual(expect.any(String));
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(inviteRequests(mock())).toHaveLength(0);
	});

	test('the description says how to fix the value', async () => {
		const result = await runInvite(mock(), { items: [{ name: 'Alex', email: 'alex@' }] });

		expect(result.error?.description).toBe(
			'Use a full address such as name@example.com. Check the column or expression that fills Candidate Email.',
		);
	});

	test('a bad row late in the list stops the run before anyone is invited', async () => {
		const items = [...candidates(4), { name: 'Broken Row', email: 'broken' }];
		const result = await runInvite(mock(), { items });

		expect(result.error?.message).toBe('Candidate Email "broken" is not a valid email address [item 4]');
		expect(inviteRequests(mock())).toHaveLength(0);
	});

	test('numeric text as interview ID is sent as a number', async () => {
		const result = await runInvite(mock(), {
			items: [{ name: 'Alex', email: 'a@example.com', id: ' 305 ' }],
			parameters: inviteParameters({ aiInterviewId: '={{ $json.id }}' }),
		});

		expect(result.error).toBeUndefined();
		expect(inviteRequests(mock())[0].body).toEqual(expect.objectContaining({ ai_interview_id: 305 }));
	});

	test('with "Continue" the invalid item becomes an error item and the others are invited', async () => {
		const items = [candidates(1)[0], { name: 'Alex', email: 'nope' }, candidates(1, 2)[0]];
		const result = await runInvite(mock(), { items, settings: { onError: 'continueRegularOutput' } });

		const [invited] = result.outputs;
		expect(invited.map((item) => item.json.email ?? item.json.error)).toEqual([
			'candidate1@example.com',
			'Candidate Email "nope" is not a valid email address [item 1]',
			'candidate2@example.com',
		]);
		expect(inviteRequests(mock())).toHaveLength(2);
	});
});
