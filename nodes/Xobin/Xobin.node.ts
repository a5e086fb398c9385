// The Xobin node: what n8n shows in the editor (resources, operations, outputs); the work of each
// operation lives in actions/<resource>/<operation>.operation.ts and is reached through the router.

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as aiInterview from './actions/aiInterview/AiInterview.resource';
import * as assessment from './actions/assessment/Assessment.resource';
import * as automatedInterview from './actions/automatedInterview/AutomatedInterview.resource';
import * as candidate from './actions/candidate/Candidate.resource';
import * as track from './actions/track/Track.resource';
import * as xoForm from './actions/xoForm/XoForm.resource';
import { router } from './actions/router';
import { searchTracks } from './methods/listSearch';
import { getStages } from './methods/loadOptions';

// Invite Candidate has two outputs ("Invited", "Invites Exhausted"); the others one (Add Applicant
// marks applicants already in the track with already_exists: true). Read by editor and engine.
const outputsExpression =
	`={{ $parameter.operation !== undefined && $parameter.operation !== 'invite' ? [{ type: '${NodeConnectionTypes.Main}' }] : [{ type: '${NodeConnectionTypes.Main}', displayName: 'Invited' }, { type: '${NodeConnectionTypes.Main}', displayName: 'Invites Exhausted' }] }}` as const;

// A constant: n8n's lint asks for a literal subtitle once it reads a number in defaultVersion.
const LATEST_VERSION = 3;

const resources = [aiInterview, assessment, automatedInterview, candidate, track, xoForm];

const resourceOptions: INodePropertyOptions[] = [
	{
		name: 'AI Interview',
		value: 'aiInterview',
		description:
			"Xobin's AI interviewer: invite, reports, share links, PDFs, and new interviews from a job description",
	},
	{
		name: 'Assessment',
		value: 'assessment',
		description: 'Skills tests: invite candidates, get reports, share links and PDFs',
	},
	{
		name: 'Automated Interview',
		value: 'automatedInterview',
		description:
			'One-way recorded video interviews with questions you set (no AI interviewer): invite candidates',
	},
	{
		name: 'Candidate',
		value: 'candidate',
		description: 'Parse a resume, delete a candidate or cancel a deletion',
	},
	{
		name: 'Track',
		value: 'track',
		description:
			'Hiring pipelines: add, move, reject and hire applicants, list them, get statistics',
	},
	{
		name: 'XoForm',
		value: 'xoForm',
		description: 'Application forms: invite candidates',
	},
];

// The canvas names the resource and operation ("AI Interview: Invite Candidate"), not their values,
// so four Invite Candidate nodes can be told apart. Operations that share a value share a name.
const namesOf = (options: INodeProperties['options']) =>
	Object.fromEntries((options as INodePropertyOptions[]).map(({ value, name }) => [value, name]));
const resourceNames = namesOf(resourceOptions);
const operationNames = Object.assign(
	{},
	...resources.map((resource) => namesOf(resource.description[0].options)),
);
const subtitleExpression = `={{ (${JSON.stringify(resourceNames)}[$parameter["resource"]] || $parameter["resource"]) + ": " + (${JSON.stringify(operationNames)}[$parameter["operation"]] || $parameter["operation"]) }}`;

export class Xobin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xobin',
		name: 'xobin',
		icon: { light: 'file:../../icons/xobin.svg', dark: 'file:../../icons/xobin.dark.svg' },
		group: ['transform'],
		// Version 3: the Track list and stage dropdowns (helpers/fields.ts BEFORE_PICKERS / WITH_PICKERS).
		version: [1, 2, 3],
		defaultVersion: LATEST_VERSION,
		subtitle: subtitleExpression,
		description:
			'Invite candidates to Xobin AI interviews, assessments, XoForms and automated interviews, get reports, share links and PDFs, manage applicants in hiring tracks, parse resumes and delete candidates',
		defaults: { name: 'Xobin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression,
		credentials: [{ name: 'xobinApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'aiInterview',
			},
			...resources.flatMap((resource) => resource.description),
		],
	};

	methods = { listSearch: { searchTracks }, loadOptions: { getStages } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
