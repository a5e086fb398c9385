// Shared set-up for the specs: a mock Xobin server per suite, a one-call way to run the Xobin node
// in n8n's engine against it, and small readers for what the mock received.

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { NodeSettings, RunNodeResult } from './harness/engine';
import { runNode } from './harness/engine';
import type { MockXobin, RecordedRequest } from './mock-xobin/server';
import { MOCK_API_KEY, startMockXobin } from './mock-xobin/server';

export { MOCK_API_KEY };

export const INVITE_PATH = '/api/v2/ai-interviews/invite';

/** Xobin's two assessment invite endpoints: one candidate (plural path) and bulk (singular path). */
export const ASSESSMENT_INVITE_PATH = '/api/v2/assessments/invite';
export const BULK_INVITE_PATH = '/api/v2/assessment/invite';

/** Starts a fresh mock before each test of the calling suite and closes it afterwards. */
export function useMockXobin(options: Parameters<typeof startMockXobin>[0] = {}): () => MockXobin {
	let mock: MockXobin | undefined;
	beforeEach(async () => {
		mock = await startMockXobin(options);
	});
	afterEach(async () => {
		await mock?.close();
		mock = undefined;
	});
	return () => {
		if (!mock) throw new Error('The mock Xobin server is only available inside a test');
		return mock;
	};
}

export function candidates(count: number, first = 1): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		name: `Candidate ${first + index}`,
		email: `candidate${first + index}@example.com`,
	}));
}

/** Invite Candidate reading name and email from the input item, interview 305, link only. */
export function inviteParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'aiInterview',
		operation: 'invite',
		candidateName: '={{ $json.name }}',
		candidateEmail: '={{ $json.email }}',
		aiInterviewId: 305,
		inviteFormat: 'getlink',
		...overrides,
	};
}

/** Assessment → Invite Candidate reading name and email from the input item, assessment 53280. */
export function assessmentInviteParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'assessment',
		operation: 'invite',
		candidateName: '={{ $json.name }}',
		candidateEmail: '={{ $json.email }}',
		assessmentId: 53280,
		inviteFormat: 'getlink',
		...overrides,
	};
}

export interface InviteRun {
	items: IDataObject[];
	parameters?: IDataObject;
	settings?: NodeSettings;
	timezone?: string;
	apiKey?: string;
	baseUrl?: string;
	/** The credential's Timeout (Seconds); its default when left out. */
	timeoutSeconds?: number;
	nodeType?: string;
}

export async function runInvite(mock: MockXobin, run: InviteRun): Promise<RunNodeResult> {
	return await runNode({
		nodeType: run.nodeType ?? 'xobin',
		parameters: run.parameters ?? inviteParameters(),
		items: run.items,
		settings: run.settings,
		timezone: run.timezone,
		credentials: { xobinApi: credentialFor(mock, run) },
	});
}

/** The Xobin API credential pointing at the mock, with the run's key, Base URL and timeout if given. */
export function credentialFor(mock: MockXobin, run: { apiKey?: string; baseUrl?: string; timeoutSeconds?: number }): ICredentialDataDecryptedObject {
	const credential: ICredentialDataDecryptedObject = { apiKey: run.apiKey ?? MOCK_API_KEY, baseUrl: run.baseUrl ?? mock.url };
	if (run.timeoutSeconds !== undefined) credential.timeoutSeconds = run.timeoutSeconds;
	return credential;
}

export function inviteRequests(mock: MockXobin): RecordedRequest[] {
	return mock.requests.filter((request) => request.path === INVITE_PATH);
}

export function sentBodies(mock: MockXobin): IDataObject[] {
	return inviteRequests(mock).map((request) => request.body as IDataObject);
}

/** The input item index each output item points back to. */
export function pairedIndexes(items: Array<{ pairedItem?: unknown }>): number[] {
	return items.map((item) => {
		const paired = item.pairedItem as { item: number } | Array<{ item: number }> | undefined;
		if (paired === undefined) return -1;
		return Array.isArray(paired) ? paired[0].item : paired.item;
	});
}

export interface OperationRun {
	/** The operation, e.g. 'getReport'. */
	operation: string;
	/** The resource; 'aiInterview' when left out. */
	resource?: string;
	parameters?: IDataObject;
	/** Input items; one empty item when left out. */
	items?: IDataObject[];
	settings?: NodeSettings;
	apiKey?: string;
	baseUrl?: string;
	timeoutSeconds?: number;
	/** The node version the workflow was built with; the latest when left out. */
	typeVersion?: number;
}

/** Runs one operation of the Xobin node in n8n's engine against the mock. */
export async function runOperation(mock: MockXobin, run: OperationRun): Promise<RunNodeResult> {
	return await runNode({
		nodeType: 'xobin',
		typeVersion: run.typeVersion,
		parameters: { resource: run.resource ?? 'aiInterview', operation: run.operation, ...run.parameters },
		items: run.items ?? [{}],
		settings: run.settings,
		credentials: { xobinApi: credentialFor(mock, run) },
	});
}

/** Requests the mock received on paths under /api/v2 matching `path` (e.g. /\/report\//). */
export function requestsTo(mock: MockXobin, path: RegExp): RecordedRequest[] {
	return mock.requests.filter((request) => path.test(request.path));
}
