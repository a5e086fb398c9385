// "Listen for test event" against an active Xobin Trigger, in real n8n (issue 17 part 5). Xobin
// keeps one URL per event per AI interview, so test listening must never take the production
// registration away. The editor starts listening with POST /rest/workflows/<id>/run
// {triggerToStartFrom: {name}} (1.x also sends workflowData; 2.x reads the workflow from the
// database and drops the extra key) and stops with DELETE /rest/test-webhook/<id> (both versions).
// Three checks on one Xobin Trigger -> NoOp workflow (AI interview 211, Start and Submission):
//   1. inactive: listening registers the /webhook-test/ URLs in Xobin, stopping switches them off;
//   2. active: listening is refused with the node's message and nothing reaches Xobin; after
//      stopping, the mock's Start call to the production URL still starts an execution;
//   3. activated while listening: stopping the test leaves the production URLs on; the mock's
//      Submission call still starts an execution.
//
//   run-e2e.js calls checkTestListening with its own test(); by hand, for one version:
//   node scripts/e2e/test-listening.js [--version 2.40.7] [--no-build]
'use strict';

const crypto = require('node:crypto');
const { startN8n } = require('./n8n-instance');
const stack = require('./xobin-stack');

const INTERVIEW = 211; // seeded responses 6734 and 6735
const NODE = 'Xobin Trigger';
const SETTINGS = `/api/v2/ai-interviews/settings/webhooks/${INTERVIEW}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function check(condition, message, detail) {
	if (!condition)
		throw new Error(
			detail === undefined ? message : `${message}\n    got: ${JSON.stringify(detail)}`,
		);
}

async function until(fn, message, timeoutMs = 20000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const got = await fn();
		if (got) return got;
		if (Date.now() > end) throw new Error(`${message} (waited ${timeoutMs / 1000} s)`);
		await sleep(200);
	}
}

/** Runs the three checks through `test(name, fn, {onFail, skipReason})` (run-e2e.js's). */
async function checkTestListening({ n8n, mock, credential, tag, test, skip, onFail }) {
	const webhookId = crypto.randomUUID();
	const url = (kind, event) => `${n8n.baseUrl}/${kind}/${webhookId}/${event}`;
	let workflow;
	const settings = () => mock.webhookSettings(INTERVIEW) ?? {};
	const settingsCalls = () => mock.requests.filter((r) => r.path === SETTINGS).length;
	const listen = async () =>
		await n8n.api.post(`/workflows/${workflow.id}/run`, {
			workflowData: await n8n.getWorkflow(workflow.id),
			triggerToStartFrom: { name: NODE },
		});
	const stopListening = async () => {
		const res = await n8n.api.delete(`/test-webhook/${workflow.id}`);
		check(res.status === 200, `DELETE /rest/test-webhook answered ${res.status}`, res.data);
	};
	/** 2.x unpublishes in the background: wait for the switch-off before the next check. */
	const deactivate = async () => {
		await n8n.deactivateWorkflow(workflow.id);
		await until(() => settings().start?.status === false, 'deactivating did not switch Xobin off');
	};
	const executionIds = async () =>
		new Set((await n8n.getExecutions({ workflowId: workflow.id })).map((e) => String(e.id)));
	/** Xobin's call to the production URL starts a successful execution. */
	const deliveredToProduction = async (deliver, event) => {
		const before = await executionIds();
		const since = Date.now();
		const answer = await deliver();
		const delivery = mock.deliveries[mock.deliveries.length - 1];
		check(
			answer?.status === 200 && delivery.url === url('webhook', event),
			`the mock's ${event} call did not reach the production URL with 200`,
			{ answer, url: delivery?.url },
		);
		const ex = await n8n.waitForExecution({ workflowId: workflow.id, exclude: [...before], since });
		check(
			ex.status === 'success' && ex.mode !== 'manual',
			`execution ${ex.id}: ${ex.mode} ${ex.status}`,
		);
		return ex;
	};
	const run = async (name, fn) =>
		await test(`${tag} Listen for test event: ${name}`, fn, {
			onFail,
			skipReason: skip || (credential ? undefined : 'no credential'),
		});

	await run(
		'on an inactive workflow it registers the /webhook-test/ URLs in Xobin, and stopping switches them off',
		async () => {
			workflow = await n8n.importWorkflow({
				name: 'E2E: Xobin Trigger, test listening',
				nodes: [
					{
						id: crypto.randomUUID(),
						name: NODE,
						type: `${stack.PACKAGE_NAME}.xobinTrigger`,
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: {
							setup: 'automatic',
							events: ['completed', 'started'],
							scope: 'interview',
							aiInterviewId: INTERVIEW,
						},
						credentials: {
							[stack.CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name },
						},
					},
					{
						id: crypto.randomUUID(),
						name: 'No Operation',
						type: 'n8n-nodes-base.noOp',
						typeVersion: 1,
						position: [220, 0],
						parameters: {},
					},
				],
				connections: { [NODE]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			});
			const res = await listen();
			check(
				res.status === 200 && res.data?.data?.waitingForWebhook === true,
				`POST /run answered ${res.status}`,
				res.data,
			);
			check(
				settings().start?.url === url('webhook-test', 'started'),
				'Xobin did not get the test URL',
				settings(),
			);
			await stopListening();
			await until(
				() => settings().start?.status === false,
				'stopping did not switch the test URLs off',
			);
		},
	);

	await run(
		"on an active workflow it is refused before any request, and after stopping Xobin's Start call to the production URL still starts an execution",
		async () => {
			await n8n.activateWorkflow(workflow.id);
			check(
				settings().start?.url === url('webhook', 'started'),
				'activation did not register the production URL',
				settings(),
			);
			const calls = settingsCalls();
			const res = await listen();
			const message = JSON.stringify(res.data);
			check(
				res.status >= 400 &&
					message.includes("Can't listen for a test event while this workflow receives"),
				`POST /run answered ${res.status}, not the refusal`,
				res.data,
			);
			await stopListening();
			await sleep(1000); // 2.x removes test webhooks in the background
			check(settingsCalls() === calls, 'test listening sent webhook settings to Xobin', settings());
			const ex = await deliveredToProduction(() => mock.startInterview(6734), 'started');
			console.log(
				`    refused: ${res.status} ${message.slice(0, 160)}…; then execution ${ex.id} (${ex.mode})`,
			);
			await deactivate();
		},
	);

	await run(
		'a workflow activated while listening keeps its production URLs when the test stops',
		async () => {
			const res = await listen();
			check(
				res.data?.data?.waitingForWebhook === true,
				`POST /run answered ${res.status}`,
				res.data,
			);
			await n8n.activateWorkflow(workflow.id);
			const calls = settingsCalls();
			await stopListening();
			await sleep(1500); // 2.x removes test webhooks in the background: a switch-off would come now
			check(
				settingsCalls() === calls,
				'stopping the test sent webhook settings to Xobin',
				settings(),
			);
			const ex = await deliveredToProduction(() => mock.completeInterview(6735), 'completed');
			console.log(`    execution ${ex.id} (${ex.mode}) after the test stopped`);
			await deactivate();
		},
	);
}

async function main() {
	const args = process.argv.slice(2);
	const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : '2.40.7';
	const results = [];
	const test = async (name, fn, { skipReason } = {}) => {
		try {
			if (skipReason) throw new Error(`not run: ${skipReason}`);
			await fn();
			results.push(true);
			console.log(`  ok   ${name}`);
		} catch (err) {
			results.push(false);
			console.log(`  FAIL ${name}\n       ${err.stack || err}`);
		}
	};
	const pack = await stack.buildAndPack({ build: !args.includes('--no-build') });
	const n8n = await startN8n({ version, packedTarball: pack.tarball });
	const mock = await stack.startMock();
	try {
		await n8n.setupOwner();
		const credential = await stack.createXobinCredential(n8n, mock);
		await checkTestListening({ n8n, mock, credential, tag: `[n8n ${version}]`, test });
	} finally {
		if (results.includes(false)) console.log(n8n.logs().slice(-4000));
		await n8n.stop();
		await mock.close();
		pack.cleanup();
	}
	console.log(
		`${results.filter(Boolean).length} passed, ${results.filter((ok) => !ok).length} failed`,
	);
	process.exitCode = results.length > 0 && !results.includes(false) ? 0 : 1;
}

if (require.main === module)
	main().catch((err) => {
		console.error(err.stack || err);
		process.exit(1);
	});

module.exports = { checkTestListening };
