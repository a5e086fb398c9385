// The queue-mode end-to-end check: real n8n scaled out the way self-hosted users do it (a main
// instance, an `n8n webhook` process and two `n8n worker` processes sharing Postgres and Redis, all
// on loopback), each with the packed package installed in its own user folder. Proves that
// parallel webhook calls split candidates exactly once across Invited / Invites Exhausted, that
// executions run on both workers (from the workers' own logs), and that the Xobin Trigger
// registers, runs on a worker through the webhook process, refuses calls without the secret and
// switches off again, and that the Xobin Polling Trigger's poll (on the main instance) starts one
// execution that a worker runs. Called by run-e2e.js with its reporting helpers, for n8n 2.x and 1.x.

'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios');

const { startN8n, nodeOutputs } = require('./n8n-instance');
const { startPostgres, startRedis, freePort } = require('./services');
const stack = require('./xobin-stack');

const CALLS = 10;
const PER_CALL = 5;
const QUOTA = 20;
const SECRET_HEADER = 'X-Xobin-Webhook-Secret';

/** Environment every n8n process of the cluster shares. */
function sharedEnv({ pg, redis, webhookPort }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
	};
}

/**
 * Starts the cluster: Postgres, Redis, then the main instance (it runs the migrations), then a
 * webhook process and two workers. Each n8n process gets its own user folder with the package.
 * `stop()` ends everything, n8n first.
 */
async function startCluster({ version, pack, work, port }) {
	const processes = [];
	const cluster = {
		processes,
		async stop() {
			for (const p of [...processes].reverse()) await p.stop().catch(() => {});
		},
	};
	const add = (label, service, stop) => {
		processes.push({ label, logs: service.logs, stop: stop ?? (() => service.stop()) });
		return service;
	};
	try {
		return await fill(cluster, add, { version, pack, work, port });
	} catch (error) {
		await cluster.stop();
		throw error;
	}
}

async function fill(cluster, add, { version, pack, work, port }) {
	const [pg, redis] = await Promise.all([startPostgres(work), startRedis(work)]);
	add('postgres', pg);
	add('redis', redis);
	const webhookPort = await freePort();
	const env = sharedEnv({ pg, redis, webhookPort });
	cluster.main = add('main', await startN8n({ version, port, packedTarball: pack.tarball, env }));
	const startWorker = async () =>
		startN8n({
			version,
			packedTarball: pack.tarball,
			command: 'worker',
			commandArgs: ['--concurrency=5'],
			env: {
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		});
	const [webhook, ...workers] = await Promise.all([
		startN8n({ version, packedTarball: pack.tarball, command: 'webhook', port: webhookPort, env }),
		startWorker(),
		startWorker(),
	]);
	cluster.webhook = add('webhook', webhook);
	cluster.workers = workers.map((worker, index) => add(`worker ${index + 1}`, worker));
	return cluster;
}

async function runQueueMode({ version, pack, test, check, say, phase, waitFor, triggerWorkflow }) {
	const tag = `[n8n ${version} queue mode]`;
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-queue-'));
	let cluster = null;
	let main = null;
	let webhook = null;
	let workers = [];
	let mock = null;
	const logTail = () => {
		for (const p of cluster?.processes ?? []) {
			say(`       --- ${p.label} log tail ---`);
			say(p.logs().slice(-2500).split('\n').map((line) => `       | ${line}`).join('\n'));
		}
	};

	try {
		mock = await stack.startMock({ invitesLeft: QUOTA });
		const started = await test(
			`${tag} Postgres 17, Redis, n8n main + webhook process + 2 workers start on loopback, each with the packed package in its own user folder`,
			async () => {
				await phase(`${tag} start services and n8n processes`, async () => {
					cluster = await startCluster({ version, pack, work });
					({ main, webhook, workers } = cluster);
				});
				const userFolders = new Set([main, webhook, ...workers].map((p) => p.userFolder));
				check(userFolders.size === 4, 'the four n8n processes do not have four user folders');
				for (const p of [main, webhook, ...workers]) {
					check(p.installed?.dependencies?.[stack.PACKAGE_NAME], `${p.userFolder} has no ${stack.PACKAGE_NAME} installed`);
				}
				await main.setupOwner();
				await main.login();
				say(`    main ${main.baseUrl}, webhook process ${webhook.baseUrl}, workers ready (user folders under ${os.tmpdir()})`);
			},
			{ onFail: logTail },
		);
		const skip = started ? undefined : 'the queue-mode cluster did not start';

		let credential = null;
		const info = stack.webhookExampleInfo();
		await test(
			`${tag} ${CALLS} parallel webhook calls x ${PER_CALL} candidates through the webhook process, ${QUOTA} invites left: exactly ${QUOTA} invited and ${CALLS * PER_CALL - QUOTA} parked, every candidate once, no duplicate invite, executions on both workers`,
			async () => {
				credential = await stack.createXobinCredential(main, mock, { name: 'Xobin (mock, queue mode)' });
				const workflow = await stack.importExample(main, stack.WEBHOOK_EXAMPLE, credential);
				await main.activateWorkflow(workflow.id);
				mock.reset();
				mock.setInvitesLeft(QUOTA);
				const batches = Array.from({ length: CALLS }, (_, call) =>
					Array.from({ length: PER_CALL }, (_, i) => ({
						name: `Queue Candidate ${call}-${i}`,
						email: `queue-${call}-${i}@example.com`,
						interviewId: 305,
						id: `Q-${call}-${i}`,
					})),
				);
				const answers = await Promise.all(
					batches.map((candidates) =>
						axios.post(`${webhook.baseUrl}/webhook/${info.webhookPath}`, { candidates }, { proxy: false, timeout: 180_000, validateStatus: () => true }),
					),
				);
				check(answers.every((a) => a.status === 200), 'a webhook call was not answered 200', answers.map((a) => a.status));
				const executions = await waitFor(async () => {
					const list = (await main.getExecutions({ workflowId: workflow.id, limit: 100 })).filter((e) => e.stoppedAt);
					return list.length >= CALLS ? list : null;
				}, `fewer than ${CALLS} finished executions`, 180_000);
				let invited = 0;
				let parked = 0;
				const seen = new Map();
				for (const summary of executions) {
					const ex = await main.getExecution(summary.id);
					check(ex.status === 'success', `execution ${ex.id} ended "${ex.status}"`, ex.data?.resultData?.error);
					const [ok, exhausted] = nodeOutputs(ex, info.xobinNode);
					invited += ok.length;
					parked += exhausted.length;
					for (const item of [...ok, ...exhausted]) {
						const email = item.email ?? item.candidate_email;
						seen.set(email, (seen.get(email) ?? 0) + 1);
					}
				}
				const stats = mock.stats();
				check(invited === QUOTA && parked === CALLS * PER_CALL - QUOTA, `invited ${invited}, parked ${parked}`);
				check(seen.size === CALLS * PER_CALL && [...seen.values()].every((n) => n === 1), 'a candidate did not come out exactly once', [...seen]);
				check(stats.invites === QUOTA && stats.candidatesInvitedMoreThanOnce === 0, 'the mock saw duplicate or missing invites', stats);
				const perEmail = new Map();
				for (const r of mock.requests.filter((r) => r.path === '/api/v2/ai-interviews/invite')) {
					perEmail.set(r.body.candidate_email, (perEmail.get(r.body.candidate_email) ?? 0) + 1);
				}
				check([...perEmail.values()].every((n) => n === 1), 'a candidate was POSTed twice', [...perEmail]);
				const started = workers.map((w) => (w.logs().match(/Worker started execution/g) ?? []).length);
				check(started.every((n) => n > 0), `executions did not run on both workers (started per worker: ${started.join(', ')})`);
				check(/Enqueued execution/.test(webhook.logs()), 'the webhook process did not log "Enqueued execution"');
				say(`    ${CALLS} executions: ${invited} invited, ${parked} parked, ${perEmail.size} invite POSTs; worker executions ${started.join(' + ')}`);
			},
			{ onFail: logTail, skipReason: skip },
		);

		const trig = { webhookId: require('node:crypto').randomUUID() };
		await test(
			`${tag} Xobin Trigger: activation registers the webhook process's URLs; a call without the secret gets 401 and starts no execution; Xobin's Submission through the webhook process runs on a worker; deactivation switches the events off`,
			async () => {
				check(credential, 'no credential');
				trig.workflow = await main.importWorkflow(triggerWorkflow(credential, trig.webhookId));
				const before = mock.requests.length;
				await main.activateWorkflow(trig.workflow.id);
				const register = await waitFor(
					() => mock.requests.slice(before).find((r) => r.path.startsWith('/api/v2/ai-interviews/settings/webhooks')),
					'the mock never received the webhook registration',
				);
				const base = `${webhook.baseUrl}/webhook/${trig.webhookId}`;
				check(
					register.body?.webhooks?.submission?.url === `${base}/completed` && register.body.webhooks.start?.url === `${base}/started`,
					`the registration does not point at the webhook process (${base}/…)`,
					register.body,
				);
				// The refused call must start NO execution: count the workflow's executions before, after
				// it (given the time one takes to show up), and after the valid call's own execution.
				const executionIds = async () => (await main.getExecutions({ workflowId: trig.workflow.id })).map((e) => String(e.id));
				const before401 = await executionIds();
				const refused = await mock.deliverWebhook(`${base}/completed`, { ai_interview_id: 206, response_id: 6726, invite_status: 'Completed' }, {});
				check(refused.status === 401, `a call without the secret was answered ${refused.status}`, refused.body);
				await new Promise((resolve) => setTimeout(resolve, 2000));
				const after401 = await executionIds();
				check(after401.length === before401.length, `the refused call started executions (before ${before401.length}, after ${after401.length})`, after401);
				const answer = await mock.completeInterview(6726);
				check(answer?.status === 200, `the Submission call was answered ${answer?.status}`, answer?.body);
				const ex = await main.waitForExecution({ workflowId: trig.workflow.id, exclude: before401, timeoutMs: 60_000 });
				check(ex.status === 'success', `trigger execution ${ex.id} ended "${ex.status}"`);
				const fresh = (await executionIds()).filter((id) => !before401.includes(id));
				check(fresh.length === 1 && fresh[0] === String(ex.id), `expected only the Submission's execution ${ex.id}, got ${fresh.join(', ')}`);
				const onWorker = workers.some((w) => new RegExp(`Worker started execution ${ex.id}\\b`).test(w.logs()));
				check(onWorker, `no worker logged "Worker started execution ${ex.id}"`);
				const beforeOff = mock.requests.length;
				await main.deactivateWorkflow(trig.workflow.id);
				const off = await waitFor(
					() => mock.requests.slice(beforeOff).find((r) => r.path.startsWith('/api/v2/ai-interviews/settings/webhooks')),
					'the mock never received the switch-off',
				);
				check(off.body?.webhooks?.submission?.status === false && off.body.webhooks.start?.status === false, 'the switch-off did not turn both events off', off.body);
				say(`    execution ${ex.id} of the trigger ran on a worker`);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// The Xobin Polling Trigger: n8n polls on the main instance and runs the execution on a worker.
		await require('./polling').runPollingCheck({
			...{ tag, n8n: main, mock, credential, test, check, say, waitFor, onFail: logTail, skipReason: skip },
			also: '; the main instance enqueues the execution and a worker runs it',
			onExecution: (ex) => {
				check(new RegExp(`Enqueued execution ${ex.id}\\b`).test(main.logs()), `the main instance did not log "Enqueued execution ${ex.id}"`);
				const onWorker = workers.some((w) => new RegExp(`Worker started execution ${ex.id}\\b`).test(w.logs()));
				check(onWorker, `no worker logged "Worker started execution ${ex.id}"`);
			},
		});
	} finally {
		if (cluster) await cluster.stop();
		if (mock) await mock.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { runQueueMode, startCluster };
