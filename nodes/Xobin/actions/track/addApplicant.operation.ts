// Track → Add Applicant: POST /tracks/<track_id>/applicants, invite mode (a pending invitation) or
// direct (plus the track's own fields, placed in a stage). Xobin's 409 is any "state conflict", so
// the node looks the email up in the track: found, the item is already_exists: true (a sheet sent
// again runs through); not found, the 409 is the error.

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { BEFORE_PICKERS, inVersions, shownWhen, WITH_PICKERS } from '../../helpers/fields';
import { emailKey } from '../../helpers/ledger';
import { asNodeError } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import { quote } from '../../transport/text';
import { operation } from '../operation';
import {
	emailMessageField,
	readApplicantsPage,
	sendEmailField,
	stageFields,
	trackFields,
	trackNotFound,
} from './common';
import { textField } from '../commonFields';

const nameAndEmailFields: Field[] = [
	textField({ type: 'body', property: 'name' }, 'text', {
		displayName: 'Name',
		name: 'applicantName',
		placeholder: 'e.g. Priya Raman',
		description: "The applicant's full name",
	}),
	textField({ type: 'body', property: 'email' }, 'email', {
		displayName: 'Email',
		name: 'applicantEmail',
		placeholder: 'e.g. name@email.com',
		description: "The applicant's email address. Xobin keeps one application per email in a track.",
	}),
];

// Versions 1 and 2 asked for Name and Email in invite mode only (direct mode: in Track Fields).
const nameAndEmail: Field[] = nameAndEmailFields.flatMap((field) => [
	inVersions(WITH_PICKERS, field),
	inVersions(BEFORE_PICKERS, shownWhen(field, { mode: ['invite'] })),
]);

// Optional fields in the order the collection shows them (alphabetical).
const addApplicantFields: Field[] = [
	...trackFields,
	{
		send: { type: 'body', property: 'invite_applicant' },
		check: 'option',
		property: {
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'invite',
			options: [
				{
					name: 'Direct',
					value: 'direct',
					description:
						"Add the applicant with their name, email and the track's other required fields, and place them in a stage (the first one unless Destination Stage ID says otherwise)",
				},
				{
					name: 'Invite',
					value: 'invite',
					description:
						'Create a pending invitation from a name and email; Xobin returns an invite link',
				},
			],
			description: 'How Xobin adds the applicant to the track',
		},
	},
	...nameAndEmail,
	{
		send: { type: 'body', property: 'fields' },
		check: 'pairs',
		property: {
			displayName: 'Track Fields',
			name: 'trackFields',
			displayOptions: { show: { mode: ['direct'] } },
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Field',
			typeOptions: { multipleValues: true },
			description:
				"The track's other application fields (Name and Email go above), at least its other required ones, keyed as Xobin names them. Leave empty when the track asks for nothing else.",
			options: [
				{
					displayName: 'Field',
					name: 'pair',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							placeholder: 'e.g. email',
							description: 'The field key as the track names it',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. name@email.com',
							description: 'The value, sent as it is',
						},
					],
				},
			],
		},
	},
	...stageFields(
		{
			send: { type: 'body', property: 'destination_stage_id' },
			check: 'text',
			optional: true,
			property: {
				displayName: 'Destination Stage ID',
				name: 'destinationStageId',
				// Inside Additional Fields: '/mode' is the operation's Mode, not a field of the collection.
				displayOptions: { show: { '/mode': ['direct'] } },
				type: 'string',
				default: '',
				placeholder: 'e.g. stg_assessment',
				description:
					'Direct mode only: the stage to place the applicant in; left out, the first stage. Stage IDs are text, sent exactly as typed.',
			},
		},
		'Direct mode only: the stage of the chosen track to place the applicant in; left out, the first stage.',
	),
	emailMessageField,
	sendEmailField,
];

export const { fields, description, execute } = operation({
	resource: 'track',
	operation: 'addApplicant',
	fields: addApplicantFields,
	async run({ path, body, itemIndex }) {
		body.invite_applicant = body.invite_applicant === 'invite';
		if (!body.invite_applicant) fromTrackFields(this, body, itemIndex);
		const track = String(path.track_id);
		const { name, email } = body;
		const who = String(email);
		try {
			const response = await xobinRequest(this, {
				method: 'POST',
				endpoint: `/tracks/${track}/applicants`,
				body,
				itemIndex,
				requires: ['application_id'],
				notFound: trackNotFound(track),
				refusals: [
					{
						status: 409,
						message: `Xobin refused to add ${who} to track ${track}`,
						fix: 'Nothing was added. Check the applicant in Xobin (or with Get Many Applicants, filtered by email) and run the item again once the clash is resolved.',
					},
				],
				lostAnswer: `Xobin may have added ${who}. Running the item again is safe: if they were added, the node finds them in the track and returns already_exists: true. Get Many Applicants (filtered by email) shows them too.`,
			});
			return { ...(response.body as IDataObject), already_exists: false };
		} catch (error) {
			const refused = asNodeError(this, error as Error, itemIndex);
			if (!(refused instanceof NodeApiError) || refused.httpCode !== '409') throw refused;
			// A state conflict: "already in the track" only if the track has this exact email (Xobin's
			// email filter also matches parts of addresses).
			const lookup = { email: who.trim(), per_page: 200 };
			const found = await readApplicantsPage(this, track, lookup, itemIndex)
				.then(({ entries }) => entries.find((entry) => emailKey(entry.email) === emailKey(email)))
				.catch((lookupError: Error) => {
					refused.description = `${refused.description ?? ''} The node could not check whether ${who} is already in the track: ${lookupError.message}`;
					return undefined;
				});
			if (!found) throw refused;
			const said = (refused.errorResponse as IDataObject | undefined)?.xobinMessage;
			return {
				already_exists: true,
				track_id: path.track_id,
				application_id: found.application_id,
				candidate_id: found.candidate_id,
				name: found.name ?? name,
				email: found.email,
				stage_id: found.stage_id ?? null,
				stage_name: found.stage_name ?? null,
				message: `${who} is already an applicant in track ${track}${found.stage_name ? ` (stage ${quote(found.stage_name)})` : ''}; nothing was added.${typeof said === 'string' ? ` Xobin said: ${quote(said)}` : ''}`,
			};
		}
	},
	after(output, items) {
		const alreadyThere = output.filter(({ json }) => json.already_exists === true).length;
		if (alreadyThere > 0) {
			this.addExecutionHints({
				message: `${alreadyThere} of ${items.length} applicants were already in the track: their items have already_exists: true and nothing was added for them.`,
				location: 'outputPane',
			});
		}
	},
});

/** Direct mode of versions 1 and 2: name and email from Track Fields go at the top level too. */
function fromTrackFields(context: IExecuteFunctions, body: IDataObject, itemIndex: number): void {
	const fields = (body.fields ?? {}) as IDataObject;
	for (const key of ['name', 'email']) {
		if (body[key] !== undefined) continue;
		const label = key === 'name' ? 'Name' : 'Email';
		const value = fields[key];
		if (value === undefined || value === null || String(value).trim() === '') {
			throw new NodeOperationError(
				context.getNode(),
				`The applicant's ${key} is missing [item ${itemIndex}]`,
				{
					itemIndex,
					description: `In this node version, direct mode takes it from Track Fields: add a row with the key ${key} and the applicant's ${label.toLowerCase()}. (The node's current version asks for ${label} directly.)`,
				},
			);
		}
		body[key] = typeof value === 'string' ? value.trim() : value;
	}
}
