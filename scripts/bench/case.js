// One benchmark case, run in its own process so its CPU time and peak memory are its own: loads
// the engine and the node under test, warms up, tells the parent it is ready, then on "go" runs
// the workflow once over N candidates against the parent's mock Xobin and reports figures.
// Kinds: 'xobin' (AI Interview → Invite Candidate), 'assessment' (Assessment → Invite Candidate,
// in bulk up to config.batchSize) and 'http' (n8n's HTTP Request node).

'use strict';

const { runWorkflow } = require('../../test/harness/engine');
const { MOCK_API_KEY } = require('../../test/mock-xobin/server');

const XOBIN_NODE = 'Invite to AI Interview';
const ASSESSMENT_NODE = 'Invite to Assessment';
const HTTP_NODE = 'HTTP Request';

function candidates(count) {
	return Array.from({ length: count }, (_, i) => ({
		name: `Candidate ${i + 1}`,
		email: `candidate${i + 1}@example.com`,
		row: `ROW-${i + 1}`,
	}));
}

function xobinWorkflow(config) {
	return {
		nodes: [
			{
				name: XOBIN_NODE,
				type: 'n8n-nodes-xobin.xobin',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					resource: 'aiInterview',
					operation: 'invite',
					candidateName: '={{ $json.name }}',
					candidateEmail: '={{ $json.email }}',
					aiInterviewId: 305,
					inviteFormat: 'getlink',
					...(config.customFieldId ? { additionalFields: { customFieldId: '={{ $json.row }}' } } : {}),
					options: {
						...(config.concurrency ? { concurrency: config.concurrency } : {}),
						...(config.skipIfInvited ? { skipIfInvited: true } : {}),
					},
				},
				...(config.settings || {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

function assessmentWorkflow(config) {
	return {
		nodes: [
			{
				name: ASSESSMENT_NODE,
				type: 'n8n-nodes-xobin.xobin',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					resource: 'assessment',
					operation: 'invite',
					candidateName: '={{ $json.name }}',
					candidateEmail: '={{ $json.email }}',
					assessmentId: 53280,
					inviteFormat: 'getlink',
					options: {
						...(config.batchSize ? { batchSize: config.batchSize } : {}),
						...(config.concurrency ? { concurrency: config.concurrency } : {}),
					},
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Each input item on exactly one output, paired with its own item: an invited one with a link for
 * its own email, a parked one as it came in.
 */
function everyCandidateOnce(items, [invited = [], exhausted = []]) {
	const seen = new Array(items.length).fill(0);
	for (const [output, item] of [...invited.map((i) => [0, i]), ...exhausted.map((i) => [1, i])]) {
		const index = item.pairedItem?.item;
		if (!Number.isInteger(index) || index < 0 || index >= items.length) return false;
		if (item.json.email !== items[index].email) return false;
		if (output === 0 && !item.json.invite_link) return false;
		seen[index] += 1;
	}
	return seen.every((count) => count === 1);
}

/**
 * What a user builds by hand today: n8n's HTTP Request node posting each row, with our credential,
 * all at once or with its Batching option (config.batching: { batchSize, batchInterval }).
 */
function httpRequestWorkflow(config) {
	return {
		nodes: [
			{
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [0, 0],
				parameters: {
					method: 'POST',
					url: `${config.mockUrl}/ai-interviews/invite`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'xobinApi',
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ candidate_name: $json.name, candidate_email: $json.email, ai_interview_id: 305, invite_format: "getlink" }) }}',
					// Batching: n8n waits Batch Interval between batches of Items per Batch requests.
					options: config.batching ? { batching: { batch: config.batching } } : {},
				},
				credentials: { xobinApi: { id: 'harness-xobinApi', name: 'xobinApi' } },
				...(config.settings || {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const KINDS = {
	xobin: { node: XOBIN_NODE, workflow: xobinWorkflow },
	assessment: { node: ASSESSMENT_NODE, workflow: assessmentWorkflow },
	http: { node: HTTP_NODE, workflow: httpRequestWorkflow },
};

async function runOnce(config, count) {
	const kind = KINDS[config.kind];
	const extraNodeTypes = {};
	if (config.kind === 'http') {
		const { HttpRequest } = require(config.httpRequestNodePath);
		extraNodeTypes['n8n-nodes-base.httpRequest'] = new HttpRequest();
	}
	const items = candidates(count);
	const run = await runWorkflow({
		packageDir: config.packageDir,
		workflow: kind.workflow(config),
		startNode: kind.node,
		items,
		credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: config.mockUrl } },
		extraNodeTypes,
	});
	const outputs = run.outputsOf(kind.node);
	return {
		outputs: outputs.map((output) => output.length),
		failed: run.error ? run.error.message : null,
		...(config.kind === 'assessment' ? { everyCandidateOnce: everyCandidateOnce(items, outputs) } : {}),
	};
}

function usage() {
	const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
	return { cpuMicros: userCPUTime + systemCPUTime, maxRssKb: maxRSS };
}

process.on('message', async (message) => {
	const config = message.config;
	try {
		if (message.type === 'warmup') {
			await runOnce(config, 2);
			process.send({ type: 'ready' });
			return;
		}
		// "Already invited" cases: invite everyone first (untimed, without lookups), then measure.
		if (config.prime) await runOnce({ ...config, skipIfInvited: false }, config.n);
		const before = usage();
		const started = process.hrtime.bigint();
		const result = await runOnce(config, config.n);
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const after = usage();
		process.send({
			type: 'done',
			wallMs,
			cpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
			maxRssMb: after.maxRssKb / 1024,
			...result,
		});
	} catch (error) {
		process.send({ type: 'error', message: error.stack || String(error) });
	}
});

// Leave when the parent is done with this case (also lets --cpu-prof write its profile).
process.on('disconnect', () => process.exit(0));
