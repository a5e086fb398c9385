// One benchmark case, run in its own process so its CPU time and peak memory are its own: loads
// the engine and the node under test, warms up, tells the parent it is ready, then on "go" runs
// the workflow once over N candidates against the parent's mock Xobin and reports figures.

'use strict';

const { runWorkflow } = require('../../test/harness/engine');
const { MOCK_API_KEY } = require('../../test/mock-xobin/server');

const XOBIN_NODE = 'Invite to AI Interview';
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

/** What a user builds by hand today: n8n's HTTP Request node posting each row, with our credential. */
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
					options: {},
				},
				credentials: { xobinApi: { id: 'harness-xobinApi', name: 'xobinApi' } },
				...(config.settings || {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function runOnce(config, count) {
	const isXobin = config.kind === 'xobin';
	const extraNodeTypes = {};
	if (!isXobin) {
		const { HttpRequest } = require(config.httpRequestNodePath);
		extraNodeTypes['n8n-nodes-base.httpRequest'] = new HttpRequest();
	}
	const run = await runWorkflow({
		workflow: isXobin ? xobinWorkflow(config) : httpRequestWorkflow(config),
		startNode: isXobin ? XOBIN_NODE : HTTP_NODE,
		items: candidates(count),
		credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: config.mockUrl } },
		extraNodeTypes,
	});
	const outputs = run.outputsOf(isXobin ? XOBIN_NODE : HTTP_NODE);
	return { outputs: outputs.map((items) => items.length), failed: run.error ? run.error.message : null };
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
