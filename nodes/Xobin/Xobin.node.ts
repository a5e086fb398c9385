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
import { router } from './actions/router';

/**
 * Invite Candidate has two outputs ("Invited", "Invites Exhausted"); operations added later have
 * one. n8n evaluates this expression in the editor and the engine to draw and fill the outputs.
 */
const outputsExpression =
	`={{ $parameter.operation !== undefined && $parameter.operation !== 'invite' ? [{ type: '${NodeConnectionTypes.Main}' }] : [{ type: '${NodeConnectionTypes.Main}', displayName: 'Invited' }, { type: '${NodeConnectionTypes.Main}', displayName: 'Invites Exhausted' }] }}` as const;

/** The canvas shows the chosen operation by its name ("Invite Candidate"), not its internal value. */
const operationNames = Object.fromEntries(
	(aiInterview.description[0].options as INodePropertyOptions[]).map((option) => [
		option.value,
		option.name,
	]),
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
			'Invite candidates to Xobin AI interviews and get their reports, share links and PDFs',
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
				],
				default: 'aiInterview',
			},
			...aiInterview.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
