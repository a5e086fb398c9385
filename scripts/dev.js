// `npm run dev`: try the node in a real n8n. Builds and packs this package, starts the mock Xobin
// API and a real n8n (cached outside the repo by scripts/e2e/n8n-install.js; the first run installs
// it, which takes a few minutes) with the packed package installed like a user's manual install,
// creates the owner, the "Xobin (mock)" credential and the webhook example workflow (activated),
// then prints the URL, the login and a curl command. Ctrl+C stops everything and deletes the
// throwaway n8n user folder.
//
//   npm run dev [-- --version 1.123.81] [--port 5678] [--mock-port 4010] [--invites 3]
//               [--no-build] [--keep]       (--keep: keep the n8n user folder on exit)
//               [--queue]                   (queue mode: Postgres, Redis, main + webhook process +
//                                            2 workers, as in scripts/e2e/queue-mode.js)
'use strict';

const net = require('node:net');
const path = require('node:path');
const { startN8n, DEFAULT_OWNER } = require('./e2e/n8n-instance');
const { PINNED } = require('./e2e/n8n-install');
const stack = require('./e2e/xobin-stack');

function parseArgs(argv) {
	const o = {
		version: '2.40.7',
		port: 5678,
		mockPort: 4010,
		invites: 3,
		build: true,
		keep: false,
		queue: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const val = () => {
			const v = a.includes('=') ? a.split('=').slice(1).join('=') : argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a.startsWith('--version')) o.version = val();
		else if (a.startsWith('--port')) o.port = Number(val());
		else if (a.startsWith('--mock-port')) o.mockPort = Number(val());
		else if (a.startsWith('--invites')) o.invites = Number(val());
		else if (a === '--no-build') o.build = false;
		else if (a === '--keep') o.keep = true;
		else if (a === '--queue') o.queue = true;
		else if (a === '--help' || a === '-h') {
			console.log(
				'npm run dev [-- --version 2.40.7|1.123.81] [--port 5678] [--mock-port 4010] [--invites 3] [--no-build] [--keep] [--queue]',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (!PINNED[o.version]) {
		throw new Error(`n8n ${o.version} is not pinned; use one of ${Object.keys(PINNED).join(', ')}`);
	}
	return o;
}

const say = (m) => console.log(`[dev] ${m}`);

/** Rejects with a helpful message when 127.0.0.1:port is taken. */
function assertPortFree(port, flag) {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', (e) =>
			reject(
				new Error(
					e.code === 'EADDRINUSE'
						? `port ${port} on 127.0.0.1 is in use; pick another with ${flag} <port>`
						: e.message,
				),
			),
		);
		srv.listen(port, '127.0.0.1', () => srv.close(resolve));
	});
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	let pack = null;
	let mock = null;
	let n8n = null;
	let cluster = null;
	let webhookBase = null;
	let stopping = false;

	async function stopAll(code) {
		if (stopping) return;
		stopping = true;
		say('stopping...');
		if (cluster) await cluster.stop();
		else if (n8n) await n8n.stop({ removeUserFolder: !o.keep }).catch(() => {});
		if (mock) await mock.close().catch(() => {});
		if (pack) pack.cleanup();
		if (n8n && o.keep) say(`n8n user folder kept: ${n8n.userFolder}`);
		process.exit(code);
	}
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopAll(0));

	try {
		await assertPortFree(o.port, '--port');
		await assertPortFree(o.mockPort, '--mock-port');
		say(o.build ? 'building and packing the package...' : 'packing the existing dist/ ...');
		pack = await stack.buildAndPack({ build: o.build });
		say(`packed ${path.basename(pack.tarball)} (${pack.files.length} files)`);

		mock = await stack.startMock({
			invitesLeft: o.invites,
			port: o.mockPort,
			onResponse: (e) => say(`mock Xobin: ${e.method} ${e.path} -> ${e.status}`),
		});
		say(`mock Xobin API at ${mock.url} (${o.invites} invites left)`);

		say(
			`starting n8n ${o.version} (installs it into the cache first if needed: a few minutes once)...`,
		);
		if (o.queue) {
			const { startCluster } = require('./e2e/queue-mode');
			const work = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'xobin-dev-queue-'));
			say('queue mode: starting Postgres, Redis, n8n main, a webhook process and two workers...');
			cluster = await startCluster({ version: o.version, pack, work, port: o.port });
			n8n = cluster.main;
			webhookBase = cluster.webhook.baseUrl;
		} else {
			n8n = await startN8n({ version: o.version, port: o.port, packedTarball: pack.tarball });
		}
		await n8n.setupOwner();
		const types = await n8n.getNodeTypes();
		const missing = pack.nodeTypes.filter((t) => !types.some((d) => d.name === t));
		if (missing.length) throw new Error(`n8n did not load ${missing.join(', ')}`);

		const cred = await stack.createXobinCredential(n8n, mock, { name: 'Xobin (mock)' });
		const test = await n8n.testCredential({
			id: cred.id,
			name: cred.name,
			type: stack.CREDENTIAL_TYPE,
			data: { apiKey: stack.MOCK_API_KEY, baseUrl: mock.url },
		});
		say(
			`credential "Xobin (mock)" created; its Test: ${test.status}${test.message ? ` (${test.message})` : ''}`,
		);

		const info = stack.webhookExampleInfo();
		const wf = await stack.importExample(n8n, stack.WEBHOOK_EXAMPLE, cred);
		await n8n.activateWorkflow(wf.id);

		const body = JSON.stringify({
			candidates: [
				{ name: 'Alex Tanaka', email: 'alex@example.com', interviewId: 305, id: 'CAND-1' },
				{ name: 'Priya Raman', email: 'priya@example.com', interviewId: 305, id: 'CAND-2' },
				{ name: 'Jonas Weber', email: 'jonas@example.com', interviewId: 305, id: 'CAND-3' },
				{ name: 'Maria Alvarez', email: 'maria@example.com', interviewId: 305, id: 'CAND-4' },
			],
		});
		console.log(`
n8n ${o.version} is running${o.queue ? ' in queue mode (webhook process ' + webhookBase + ', two workers; see their logs for "Worker started execution")' : ''} with n8n-nodes-xobin ${pack.version} installed from its packed tarball.

  Open:      ${n8n.baseUrl}/workflow/${wf.id}
  Log in:    ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}
  Workflow:  "${wf.name}" (active)
  Credential "Xobin (mock)" -> ${mock.url}  (API key ${stack.MOCK_API_KEY})

Post candidates to the workflow's webhook (the mock account has ${o.invites} invites left):

  curl -s -X POST ${webhookBase ?? n8n.baseUrl}/webhook/${info.webhookPath} \\
    -H 'Content-Type: application/json' \\
    -d '${body}'

Then open Executions in the editor: ${Math.min(o.invites, 4)} of the 4 come out on "Invited" (with invite links), ${Math.max(0, 4 - o.invites)} on "Invites Exhausted".
Each invite uses up the mock's quota: restart (or use --invites N) to start over.
n8n log: ${n8n.logFile}
Press Ctrl+C to stop n8n and the mock.
`);
		// keep running until a signal; n8n exiting on its own ends the session too
		const timer = setInterval(() => {}, 1 << 30);
		const poll = setInterval(() => {
			try {
				process.kill(n8n.pid, 0);
			} catch {
				clearInterval(poll);
				clearInterval(timer);
				say(`n8n exited on its own; log tail:\n${n8n.logs().slice(-3000)}`);
				stopAll(1);
			}
		}, 2000);
	} catch (err) {
		console.error(`[dev] failed: ${err.stack || err}`);
		if (n8n) console.error(`--- n8n log tail ---\n${n8n.logs().slice(-4000)}`);
		await stopAll(1);
	}
}

main();
