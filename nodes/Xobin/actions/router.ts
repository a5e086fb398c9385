// Reads the chosen resource and operation and hands the input items to that operation's execute().

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as aiInterview from './aiInterview/AiInterview.resource';
import * as assessment from './assessment/Assessment.resource';
import * as automatedInterview from './automatedInterview/AutomatedInterview.resource';
import * as candidate from './candidate/Candidate.resource';
import * as track from './track/Track.resource';
import * as xoForm from './xoForm/XoForm.resource';
import type { Operation } from './operation';

/** Each resource module re-exports its operation modules by operation value. */
const resources = {
	aiInterview,
	assessment,
	automatedInterview,
	candidate,
	track,
	xoForm,
} as unknown as Record<string, Record<string, Partial<Operation>>>;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = resources[resource]?.[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported by this version of the Xobin node`,
			{ description: 'Update the n8n-nodes-xobin package, or pick another operation.' },
		);
	}
	return await run.call(this, items);
}
