// The Xobin Polling Trigger: checks Xobin at n8n's Poll Times and starts the workflow for what changed
// in a track (polling/trackEvents.ts) or an AI interview (polling/interviewEvents.ts), where Xobin
// cannot call n8n (tracks have no webhooks, n8n behind a firewall, a plan without webhooks).

import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { invitedInterviewField } from './actions/aiInterview/common';
import { XOBIN_CREDENTIAL_TYPE } from './transport/constants';
import { trackLocator } from './helpers/trackLocator';
import { searchTracks } from './methods/listSearch';
import { getStages } from './methods/loadOptions';
import { pollInterview } from './polling/interviewEvents';
import { pollTrack } from './polling/trackEvents';

// The field Get Many Invited Candidates declares and the poll reads (in the editor's key order).
const interviewId = invitedInterviewField.property;
const forTrack = { show: { watch: ['track'] } };
const forInterview = { show: { watch: ['aiInterview'] } };

export class XobinPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xobin Polling Trigger',
		name: 'xobinPollingTrigger',
		icon: { light: 'file:../../icons/xobin.svg', dark: 'file:../../icons/xobin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["watch"] === "aiInterview" ? "AI interview completed" : {"newApplicant":"New applicant","applicantMoved":"Applicant moved","applicantHired":"Applicant hired","applicantRejected":"Applicant rejected"}[$parameter["event"]] }}',
		description:
			'Checks Xobin on a schedule and starts the workflow when an applicant joins a track, moves to a stage, is hired or rejected, or a candidate completes an AI interview',
		defaults: { name: 'Xobin Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: XOBIN_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				default: 'track',
				options: [
					{
						name: 'Track',
						value: 'track',
						description: 'Applicants of a hiring track joining, moving, hired or rejected',
					},
					{
						name: 'AI Interview',
						value: 'aiInterview',
						description: 'Candidates completing an AI interview',
					},
				],
				description: 'What the trigger checks in Xobin',
			},
			trackLocator(forTrack),
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				displayOptions: forTrack,
				default: 'newApplicant',
				options: [
					{
						name: 'Applicant Hired',
						value: 'applicantHired',
						description: 'An applicant reaches the hired stage (or the status Hired)',
					},
					{
						name: 'Applicant Moved to a Stage',
						value: 'applicantMoved',
						description:
							'An applicant is in another stage than at the previous check (hires and rejections included: they move to the Hired or Rejected stage)',
					},
					{
						name: 'Applicant Rejected',
						value: 'applicantRejected',
						description: 'An applicant reaches the rejected stage (or the status Rejected)',
					},
					{
						name: 'New Applicant',
						value: 'newApplicant',
						description: 'An applicant is added to the track',
					},
				],
				description: 'Which change starts the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { watch: ['track'], event: ['applicantMoved'] } },
				options: [
					{
						displayName: 'Only Into Stage Name or ID',
						name: 'toStageId',
						type: 'options',
						default: '',
						typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['track.value'] },
						description:
							'Only applicants moved into this stage. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
			{
				displayName: interviewId.displayName,
				name: interviewId.name,
				type: 'string',
				required: true,
				default: '',
				placeholder: interviewId.placeholder,
				displayOptions: forInterview,
				description: interviewId.description,
			},
			{
				displayName: 'Trigger On',
				name: 'interviewEvent',
				type: 'options',
				noDataExpression: true,
				displayOptions: forInterview,
				default: 'interviewCompleted',
				options: [
					{
						name: 'Interview Completed',
						value: 'interviewCompleted',
						description: "A candidate's invite turns Completed",
					},
				],
				description: 'Which change starts the workflow',
			},
			{
				displayName: 'Include Report',
				name: 'includeReport',
				type: 'boolean',
				default: false,
				displayOptions: forInterview,
				description:
					"Whether to add each candidate's report (name, email, score, summary, recommendation, report link), one more request per completed interview",
			},
			{
				displayName:
					'Checks Xobin at the Poll Times above. The first check after activation only notes what is there; later checks start the workflow once for each change.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = {
		listSearch: { searchTracks },
		loadOptions: { getStages },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return this.getNodeParameter('watch') === 'aiInterview'
			? await pollInterview.call(this)
			: await pollTrack.call(this);
	}
}
