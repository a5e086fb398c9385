// The Xobin node: what n8n shows in the editor (resources, operations, outputs); the work of each
// operation lives in actions/<resource>/<operation>.operation.ts and is reached through the router.

import type {
	IExecuteFunctions,
	INodeExecutionData,
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

/**
 * Invite Candidate (AI Interview, Assessment) has two outputs ("Invited", "Invites Exhausted"); the
 * other operations have one (Track → Add Applicant marks applicants already in the track with
 * already_exists: true on its one output). n8n evaluates this expression in the editor and the engine to draw and fill the outputs.
 */
const outputsExpression =
	`={{ $parameter.operation !== undefined && $parameter.operation !== 'invite' ? [{ type: '${NodeConnectionTypes.Main}' }] : [{ type: '${NodeConnectionTypes.Main}', displayName: 'Invited' }, { type: '${NodeConnectionTypes.Main}', displayName: 'Invites Exhausted' }] }}` as const;

/**
 * The canvas shows the chosen operation by its name ("Invite Candidate"), not its internal value.
 * Operations that share a value share a name across resources.
 */
const operationNames = Object.fromEntries(
	[aiInterview, assessment, automatedInterview, candidate, track, xoForm].flatMap((resource) =>
		(resource.description[0].options as INodePropertyOptions[]).map((option) => [
			option.value,
			option.name,
		]),
	),
);
const subtitleExpression = `={{ ${JSON.stringify(operationNames)}[$parameter["operation"]] || $parameter["operation"] }}`;

export class Xobin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xobin',
		name: 'xobin',
		icon: { light: 'file:../../icons/xobin.svg', dark: 'file:../../icons/xobin.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		subtitle: subtitleExpression,
		description:
			'Invite candidates to Xobin AI interviews, assessments, XoForms and automated interviews, get reports, share links and PDFs, manage applicants in hiring tracks, parse resumes and delete candidates',
		defaults: {
			name: 'Xobin',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression,
		credentials: [
			{
				name: 'xobinApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'AI Interview',
						value: 'aiInterview',
					},
					{
						name: 'Assessment',
						value: 'assessment',
					},
					{
						name: 'Automated Interview',
						value: 'automatedInterview',
					},
					{
						name: 'Candidate',
						value: 'candidate',
					},
					{
						name: 'Track',
						value: 'track',
					},
					{
						name: 'XoForm',
						value: 'xoForm',
					},
				],
				default: 'aiInterview',
			},
			...aiInterview.description,
			...assessment.description,
			...automatedInterview.description,
			...candidate.description,
			...track.description,
			...xoForm.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
