// Smoke test of the end-to-end infrastructure (no package installed): for each pinned n8n version,
// ensure the cached install, start n8n, set up the owner, import + activate a workflow
// Webhook -> Set (expression) -> Respond to Webhook, POST to its production URL, read the
// execution back (unflattened) and stop. Prints OK and per-phase timings.
//
//   node scripts/e2e/smoke.js [2.40.7] [1.123.81]
//   node scripts/e2e/smoke.js --fake-package [versions...]   also installs fixtures/n8n-nodes-e2e-fake
//       (packed like a user's package) and checks node loading, the credential Test button against
//       a loopback mock API, and a run of the community node through a production webhook.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { startN8n, nodeOutputs } = require('./n8n-instance');
const { PINNED, cleanEnv } = require('./n8n-install');

function smokeWorkflow(webhookPath) {
	return {
		name: 'xobin e2e smoke',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: crypto.randomUUID(),
				name: 'Shape',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: crypto.randomUUID(),
								name: 'greeting',
								type: 'string',
								value: "={{ 'hello ' + $json.body.name }}",
							},
							{
								id: crypto.randomUUID(),
								name: 'doubled',
								type: 'number',
								value: '={{ $json.body.n * 2 }}',
							},
						],
					},
					options: {},
				},
			},
			{
				id: crypto.randomUUID(),
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { respondWith: 'firstIncomingItem', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Shape', type: 'main', index: 0 }]] },
			Shape: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function assert(cond, msg) {
	if (!cond) throw new Error(`assertion failed: ${msg}`);
}

async function smoke(version) {
	const t = {};
	const time = async (label, fn) => {
		const t0 = Date.now();
		const r = await fn();
		t[label] = ((Date.now() - t0) / 1000).toFixed(2);
		return r;
	};
	const n8n = await time('ensure+start', () => startN8n({ version }));
	t.ensureN8n = n8n.timings.ensureN8n.toFixed(2);
	t.n8nStart = n8n.timings.start.toFixed(2);
	try {
		await time('setupOwner', () => n8n.setupOwner());
		await time('login', () => n8n.login());
		const webhookPath = `xobin-smoke-${crypto.randomBytes(4).toString('hex')}`;
		const wf = await time('importWorkflow', () => n8n.importWorkflow(smokeWorkflow(webhookPath)));
		await time('activateWorkflow', () => n8n.activateWorkflow(wf.id));
		const res = await time('runWebhook', () =>
			n8n.runWebhook(webhookPath, { name: 'Xobin', n: 21 }),
		);
		assert(res.status === 200, `webhook status ${res.status} ${JSON.stringify(res.data)}`);
		assert(
			res.data.greeting === 'hello Xobin' && res.data.doubled === 42,
			`webhook body ${JSON.stringify(res.data)}`,
		);
		const ex = await time('getExecution', () => n8n.waitForExecution({ workflowId: wf.id }));
		assert(ex.status === 'success' || ex.finished === true, `execution status ${ex.status}`);
		const out = nodeOutputs(ex, 'Shape');
		assert(out && out[0][0].greeting === 'hello Xobin', `Shape output ${JSON.stringify(out)}`);
		const types = await time('getNodeTypes', () => n8n.getNodeTypes());
		assert(
			types.some((d) => d.name === 'n8n-nodes-base.webhook'),
			'webhook node type listed',
		);
		await time('stop', () => n8n.stop());
		console.log(
			`OK n8n ${version} (node ${n8n.app.nodeBin}) execution ${ex.id}: ${JSON.stringify(res.data)}`,
		);
		console.log(`   timings (s): ${JSON.stringify(t)}`);
	} catch (err) {
		console.error(
			`FAIL n8n ${version}: ${err.stack || err}\n--- n8n log tail ---\n${n8n.logs().slice(-5000)}`,
		);
		await n8n.stop({ removeUserFolder: false });
		console.error(`(user folder kept: ${n8n.userFolder})`);
		throw err;
	}
}

/** Loopback stand-in for the fake package's API: /check (credential test) and /echo. */
function startMockApi() {
	return new Promise((resolve) => {
		const calls = [];
		const srv = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				calls.push({ method: req.method, url: req.url, key: req.headers['x-api-key'], body });
				const ok = req.headers['x-api-key'] === 'good-key';
				res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify(
						ok
							? { ok: true, url: req.url, got: body ? JSON.parse(body) : null }
							: { error: 'bad key' },
					),
				);
			});
		});
		srv.listen(0, '127.0.0.1', () =>
			resolve({ url: `http://127.0.0.1:${srv.address().port}`, calls, close: () => srv.close() }),
		);
	});
}

/** `npm pack` the fixture package into a tmp dir -> absolute tarball path. */
function packFixture() {
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-e2e-pack-'));
	const src = path.join(__dirname, 'fixtures', 'n8n-nodes-e2e-fake');
	const out = execFileSync(
		'npm',
		['pack', src, '--pack-destination', dest, '--json', '--loglevel=warn'],
		{
			env: cleanEnv(),
			encoding: 'utf8',
		},
	);
	return path.join(dest, JSON.parse(out)[0].filename);
}

async function smokeFakePackage(version, tarball) {
	const t = {};
	const time = async (label, fn) => {
		const t0 = Date.now();
		const r = await fn();
		t[label] = ((Date.now() - t0) / 1000).toFixed(2);
		return r;
	};
	const mock = await startMockApi();
	const n8n = await time('ensure+install+start', () =>
		startN8n({ version, packedTarball: tarball }),
	);
	t.installPackage = n8n.timings.installPackage.toFixed(2);
	t.n8nStart = n8n.timings.start.toFixed(2);
	try {
		await n8n.setupOwner();
		const types = await n8n.getNodeTypes();
		assert(
			types.some((d) => d.name === 'n8n-nodes-e2e-fake.e2eFake'),
			'fake node type loaded',
		);
		const ctypes = await n8n.getCredentialTypes();
		assert(
			ctypes.some((d) => d.name === 'e2eFakeApi'),
			'fake credential type loaded',
		);
		const good = await time('testCredential', () =>
			n8n.testCredential({
				name: 'fake good',
				type: 'e2eFakeApi',
				data: { apiKey: 'good-key', baseUrl: mock.url },
			}),
		);
		assert(good.status === 'OK', `credential test good: ${JSON.stringify(good)}`);
		const bad = await n8n.testCredential({
			name: 'fake bad',
			type: 'e2eFakeApi',
			data: { apiKey: 'nope', baseUrl: mock.url },
		});
		assert(bad.status === 'Error', `credential test bad: ${JSON.stringify(bad)}`);
		const cred = await n8n.createCredential({
			name: 'fake',
			type: 'e2eFakeApi',
			data: { apiKey: 'good-key', baseUrl: mock.url },
		});
		const again = await n8n.testCredential({
			id: cred.id,
			name: cred.name,
			type: 'e2eFakeApi',
			data: { apiKey: 'good-key', baseUrl: mock.url },
		});
		assert(again.status === 'OK', `stored credential test: ${JSON.stringify(again)}`);

		const webhookPath = `xobin-fake-${crypto.randomBytes(4).toString('hex')}`;
		const wf = await n8n.importWorkflow({
			name: 'fake package e2e',
			nodes: [
				{
					id: crypto.randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: crypto.randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'onReceived',
						options: {},
					},
				},
				{
					id: crypto.randomUUID(),
					name: 'E2E Fake',
					type: 'n8n-nodes-e2e-fake.e2eFake',
					typeVersion: 1,
					position: [220, 0],
					parameters: { value: '={{ $json.body.value }}' },
					credentials: { e2eFakeApi: { id: cred.id, name: cred.name } },
				},
			],
			connections: { Webhook: { main: [[{ node: 'E2E Fake', type: 'main', index: 0 }]] } },
		});
		await n8n.activateWorkflow(wf.id);
		const res = await n8n.runWebhook(webhookPath, { value: 3 });
		assert(res.status === 200, `webhook ${res.status}`);
		const ex = await time('waitForExecution', () => n8n.waitForExecution({ workflowId: wf.id }));
		assert(
			ex.status === 'success',
			`execution ${ex.status}: ${JSON.stringify(ex.data.resultData.error)}`,
		);
		const out = nodeOutputs(ex, 'E2E Fake');
		assert(
			out.length === 2 && out[0].length === 0 && out[1].length === 1,
			`outputs ${JSON.stringify(out)}`,
		);
		assert(
			out[1][0].res.got.value === 3 && out[1][0].workflowPkg === 'function',
			`odd item ${JSON.stringify(out[1][0])}`,
		);
		assert(
			mock.calls.some((c) => c.url === '/echo' && c.key === 'good-key'),
			'mock API got the authenticated call',
		);
		await n8n.stop();
		console.log(
			`OK fake package on n8n ${version}: credential test OK/Error, outputs ${JSON.stringify(out.map((o) => o.length))}`,
		);
		console.log(`   timings (s): ${JSON.stringify(t)}`);
	} catch (err) {
		console.error(
			`FAIL fake package on n8n ${version}: ${err.stack || err}\n--- n8n log tail ---\n${n8n.logs().slice(-5000)}`,
		);
		await n8n.stop({ removeUserFolder: false });
		console.error(`(user folder kept: ${n8n.userFolder})`);
		throw err;
	} finally {
		mock.close();
	}
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const fake = args.includes('--fake-package');
	const given = args.filter((a) => !a.startsWith('--'));
	const versions = given.length ? given : Object.keys(PINNED);
	(async () => {
		let failed = 0;
		const tarball = fake ? packFixture() : null;
		for (const v of versions) {
			try {
				await smoke(v);
			} catch {
				failed++;
			}
			if (!fake) continue;
			try {
				await smokeFakePackage(v, tarball);
			} catch {
				failed++;
			}
		}
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		const total = versions.length * (fake ? 2 : 1);
		console.log(`${total - failed} passed, ${failed} failed`);
		process.exit(failed ? 1 : 0);
	})();
}

module.exports = { smoke, smokeWorkflow, smokeFakePackage, packFixture, startMockApi };
