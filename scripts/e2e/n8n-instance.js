// End-to-end test support: starts a real n8n app (from the cache filled by n8n-install.js) on
// 127.0.0.1 with a throwaway user folder, optionally with our packed package installed into
// <userFolder>/.n8n/nodes the way a user's manual install does, and drives it over its REST API
// (the same routes the editor uses; checked against n8n 1.123.81 and 2.40.7 sources).
//
//   const { startN8n } = require('./n8n-instance');
//   const n8n = await startN8n({ version: '2.40.7', packedTarball: '/abs/n8n-nodes-xobin-0.1.0.tgz' });
//   await n8n.setupOwner();
//   const wf = await n8n.importWorkflow(json); await n8n.activateWorkflow(wf.id);
//   const res = await n8n.runWebhook('my-path', { a: 1 });
//   const exec = await n8n.waitForExecution({ workflowId: wf.id });
//   await n8n.stop();
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, execFile } = require('node:child_process');
const { createRequire } = require('node:module');
const axios = require('axios');
const { ensureN8n, cleanEnv } = require('./n8n-install');

const DEFAULT_OWNER = {
	email: 'owner@xobin-e2e.test',
	password: 'Xobin-E2e-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

/** A free TCP port on 127.0.0.1 (asked from the OS). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function execFileP(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024, ...opts }, (err, stdout, stderr) => {
			if (err) {
				err.message += `\n${stdout}\n${stderr}`;
				return reject(err);
			}
			resolve({ stdout, stderr });
		});
	});
}

/**
 * Install a packed tarball into <userFolder>/.n8n/nodes like a user's manual install
 * (`cd ~/.n8n/nodes && npm install <pkg>`), with two deliberate differences that mirror what n8n
 * itself does for community packages (modules/community-packages: it strips peerDependencies and
 * runs `npm install --ignore-scripts --install-strategy=shallow --package-lock=false`):
 *   - --legacy-peer-deps: npm >= 7 would otherwise install the peer `n8n-workflow` from the
 *     registry into nodes/node_modules, where it shadows n8n's own copy (n8n puts its own
 *     node_modules on NODE_PATH so packages resolve n8n-workflow from the app);
 *   - --ignore-scripts.
 * With `installPeerDeps: true` it is the literal `npm install <tarball>` (npm 7+ then installs
 * n8n-workflow@latest, ~140 MB, into nodes/node_modules; n8n still loads the package, but the
 * package then runs against that copy instead of n8n's own).
 */
async function installPackedPackage(userFolder, tarball, { installPeerDeps = false } = {}) {
	const abs = path.resolve(tarball);
	if (!fs.existsSync(abs)) throw new Error(`packed tarball not found: ${abs}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) {
		// The same file n8n creates for its own community-package installs.
		fs.writeFileSync(
			pj,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const t0 = Date.now();
	await execFileP(
		'npm',
		[
			'install',
			abs,
			'--ignore-scripts',
			...(installPeerDeps ? [] : ['--legacy-peer-deps']),
			'--no-audit',
			'--no-fund',
			'--bin-links=false',
			'--loglevel=warn',
		],
		{ cwd: nodesDir, env: cleanEnv() },
	);
	const shadow = path.join(nodesDir, 'node_modules', 'n8n-workflow');
	if (!installPeerDeps && fs.existsSync(shadow)) {
		throw new Error(
			`${shadow} exists: it would shadow n8n's own n8n-workflow; the package must not depend on it`,
		);
	}
	const { dependencies } = JSON.parse(fs.readFileSync(pj, 'utf8'));
	return {
		nodesDir,
		dependencies,
		peerCopy: fs.existsSync(shadow),
		seconds: (Date.now() - t0) / 1000,
	};
}

/**
 * Start n8n.
 * @param {object} o
 * @param {string} o.version            pinned n8n version ('2.40.7' | '1.123.81')
 * @param {string} [o.userFolder]       N8N_USER_FOLDER (n8n uses <userFolder>/.n8n); default: new tmp dir
 * @param {number} [o.port]             default: a free port
 * @param {string} [o.packedTarball]    `npm pack` output to install into <userFolder>/.n8n/nodes
 * @param {boolean} [o.installPeerDeps] let npm install the n8n-workflow peer too (default false)
 * @param {object} [o.env]              extra/overriding environment for n8n
 * @param {number} [o.startTimeoutMs]   default 240000
 * @param {boolean} [o.echo]            echo n8n output to stderr (default: $XOBIN_E2E_ECHO === '1')
 * @param {string} [o.command]          'start' (default), or 'webhook' / 'worker' for queue mode;
 *                                      a worker needs env.QUEUE_HEALTH_CHECK_PORT (its readiness URL)
 * @param {string[]} [o.commandArgs]    e.g. ['--concurrency=5'] for a worker
 */
async function startN8n(o) {
	const t0 = Date.now();
	const timings = {};
	const app = await ensureN8n(o.version);
	timings.ensureN8n = (Date.now() - t0) / 1000;
	const major = Number(o.version.split('.')[0]);

	const ownUserFolder = !o.userFolder;
	const userFolder = path.resolve(
		o.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-n8n-')),
	);
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });

	let installed = null;
	if (o.packedTarball) {
		installed = await installPackedPackage(userFolder, o.packedTarball, {
			installPeerDeps: o.installPeerDeps,
		});
		timings.installPackage = installed.seconds;
	}

	const port = o.port || (await freePort());
	const brokerPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = cleanEnv({
		...app.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'xobin-e2e-not-a-secret-encryption-key',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // 2.x warns its default will flip (3.0: off)
		...(major < 2
			? {
					WEBHOOK_URL: `${baseUrl}/`,
					// task runners are opt-in in 1.x (always on, internal mode, in 2.x)
					N8N_RUNNERS_ENABLED: 'true',
					N8N_RUNNERS_MODE: 'internal',
					// its default `vm` engine needs isolated-vm 6, not built here (2.x ships prebuilds)
					N8N_EXPRESSION_ENGINE: 'legacy',
				}
			: {
					N8N_WEBHOOK_URL: `${baseUrl}/`,
					// the MCP server registry only polls api.n8n.io (unreachable) and logs stack traces
					N8N_DISABLED_MODULES: 'mcp-registry',
				}),
		...(o.env || {}),
	});

	// --- process ---------------------------------------------------------------------------------
	const logChunks = [];
	const echo = o.echo ?? process.env.XOBIN_E2E_ECHO === '1';
	const logFile = path.join(userFolder, 'n8n.log');
	const logFd = fs.openSync(logFile, 'a');
	const command = o.command || 'start';
	const child = spawn(app.nodeBin, [app.n8nBin, command, ...(o.commandArgs || [])], {
		cwd: userFolder,
		env,
		detached: true, // own process group: stop() kills n8n and its task runner together
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const onData = (buf) => {
		logChunks.push(buf.toString());
		fs.writeSync(logFd, buf);
		if (echo) process.stderr.write(buf);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const killGroup = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	const onParentExit = () => killGroup('SIGKILL');
	process.on('exit', onParentExit);

	const logs = () => logChunks.join('');

	// --- HTTP ------------------------------------------------------------------------------------
	let cookie = null;
	const browserId = crypto.randomUUID();
	const common = {
		proxy: false, // never through a proxy: loopback only
		timeout: 60000,
		maxRedirects: 0,
		validateStatus: () => true,
		headers: { 'browser-id': browserId },
	};
	const withCookie = (inst) => {
		inst.interceptors.request.use((cfg) => {
			if (cookie) cfg.headers.Cookie = cookie;
			return cfg;
		});
		inst.interceptors.response.use((res) => {
			const set = res.headers['set-cookie'];
			if (set) {
				const auth = set.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
				if (auth) cookie = auth === 'n8n-auth=' ? null : auth;
			}
			return res;
		});
		return inst;
	};
	const http = withCookie(axios.create({ ...common, baseURL: baseUrl }));
	const api = withCookie(axios.create({ ...common, baseURL: `${baseUrl}/rest` }));

	/** REST call: returns the `data` envelope's content, throws with status + body otherwise. */
	async function rest(method, url, data, config = {}) {
		const res = await api.request({ method, url, data, ...config });
		if (res.status < 200 || res.status >= 300) {
			const body = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
			const err = new Error(
				`n8n ${o.version}: ${method.toUpperCase()} /rest${url} -> ${res.status}: ${body.slice(0, 2000)}`,
			);
			err.status = res.status;
			err.body = res.data;
			throw err;
		}
		return res.data && typeof res.data === 'object' && 'data' in res.data
			? res.data.data
			: res.data;
	}

	// --- wait until the REST API answers ----------------------------------------------------------
	const deadline = Date.now() + (o.startTimeoutMs || 240000);
	const tSpawn = Date.now();
	for (;;) {
		if (exited) {
			fs.closeSync(logFd);
			throw new Error(
				`n8n ${o.version} exited during start (${JSON.stringify(exited)}):\n${logs().slice(-6000)}`,
			);
		}
		if (Date.now() > deadline) {
			killGroup('SIGKILL');
			fs.closeSync(logFd);
			throw new Error(
				`n8n ${o.version} did not become ready on ${baseUrl}:\n${logs().slice(-6000)}`,
			);
		}
		try {
			if (command === 'worker') {
				const url = `http://127.0.0.1:${env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
				if ((await axios.get(url, { ...common, timeout: 2000 })).status === 200) break;
			} else {
				const h = await http.get('/healthz', { timeout: 2000 });
				if (h.status === 200 && command === 'webhook') break;
				if (h.status === 200) {
					const r = await http.get('/healthz/readiness', { timeout: 2000 });
					const s = await http.get('/rest/settings', { timeout: 5000 });
					if (r.status === 200 && s.status === 200) break;
				}
			}
		} catch {
			/* not listening yet */
		}
		await sleep(250);
	}
	timings.start = (Date.now() - tSpawn) / 1000;

	const flatted = createRequire(path.join(app.dir, 'package.json'))('flatted');
	let owner = null;

	const instance = {
		version: o.version,
		major,
		baseUrl,
		port,
		userFolder,
		pid: child.pid,
		app,
		installed,
		timings,
		http, // axios, baseURL = baseUrl, shares the auth cookie
		api, // axios, baseURL = baseUrl/rest, shares the auth cookie
		rest,
		logs,
		logFile,

		/** POST /rest/owner/setup (both versions); logs in (sets the n8n-auth cookie). */
		async setupOwner(user = {}) {
			owner = { ...DEFAULT_OWNER, ...user };
			return rest('post', '/owner/setup', owner);
		},

		/** POST /rest/login {emailOrLdapLoginId, password} (both versions). */
		async login(user = owner || DEFAULT_OWNER) {
			owner = { ...owner, ...user };
			return rest('post', '/login', { emailOrLdapLoginId: user.email, password: user.password });
		},

		/** POST /rest/credentials -> stored credential (with id). */
		async createCredential({ name, type, data, projectId }) {
			return rest('post', '/credentials', {
				name,
				type,
				data,
				...(projectId ? { projectId } : {}),
			});
		},

		async deleteCredential(id) {
			return rest('delete', `/credentials/${id}`);
		},

		/**
		 * The editor's credential "Test" button: POST /rest/credentials/test {credentials:{id,name,type,data}}
		 * -> { status: 'OK' | 'Error', message }. Both versions test a *stored* credential (the id is
		 * looked up; `data` overrides the stored values). Without `id`, a temporary credential is
		 * created, tested and deleted.
		 */
		async testCredential({ id, name, type, data }) {
			let tmpId = null;
			if (!id) {
				const created = await instance.createCredential({
					name: name || `e2e-test-${Date.now()}`,
					type,
					data,
				});
				tmpId = id = created.id;
				name = created.name;
			}
			try {
				return await rest('post', '/credentials/test', { credentials: { id, name, type, data } });
			} finally {
				if (tmpId) await instance.deleteCredential(tmpId).catch(() => {});
			}
		},

		/** POST /rest/workflows with the editor-export JSON (id/active/tags/versionId dropped). */
		async importWorkflow(json) {
			const wf = typeof json === 'string' ? JSON.parse(json) : json;
			const body = {
				name: wf.name || `e2e ${Date.now()}`,
				nodes: wf.nodes,
				connections: wf.connections || {},
				settings: wf.settings || { executionOrder: 'v1' },
				...(wf.pinData ? { pinData: wf.pinData } : {}),
				...(wf.staticData ? { staticData: wf.staticData } : {}),
				...(wf.meta ? { meta: wf.meta } : {}),
				active: false,
			};
			return rest('post', '/workflows', body);
		},

		async getWorkflow(id) {
			return rest('get', `/workflows/${id}`);
		},

		/**
		 * POST /rest/workflows/:id/activate {versionId} (1.123.x and 2.x). 1.x registers the triggers
		 * before answering. 2.x (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, default on) only queues the
		 * publication in an outbox, so poll GET /rest/workflows/:id/publication-status until the
		 * version is live; throws with the trigger errors if it failed.
		 */
		async activateWorkflow(id, { timeoutMs = 60000 } = {}) {
			const wf = await instance.getWorkflow(id);
			const activated = await rest('post', `/workflows/${id}/activate`, {
				versionId: wf.versionId,
			});
			if (major < 2) return activated;
			const end = Date.now() + timeoutMs;
			for (;;) {
				let st;
				try {
					st = await rest('get', `/workflows/${id}/publication-status`);
				} catch (err) {
					if (err.status === 404) return activated; // publication service switched off
					throw err;
				}
				if (st.status === 'published' && st.liveVersionId === wf.versionId) return activated;
				if (st.status === 'failed' || st.status === 'partial') {
					throw new Error(
						`n8n ${o.version}: workflow ${id} publication ${st.status}: ${JSON.stringify(st.triggers)}`,
					);
				}
				if (Date.now() > end)
					throw new Error(`workflow ${id} not published in time: ${JSON.stringify(st)}`);
				await sleep(200);
			}
		},

		/** POST /rest/workflows/:id/deactivate. */
		async deactivateWorkflow(id) {
			return rest('post', `/workflows/${id}/deactivate`, {});
		},

		/**
		 * Call the production webhook URL <baseUrl>/webhook/<path>. Never throws on HTTP status.
		 * -> { status, headers, data }
		 */
		async runWebhook(
			webhookPath,
			body,
			{ method = 'POST', headers, params, timeout = 120000 } = {},
		) {
			const res = await axios.request({
				method,
				url: `${baseUrl}/webhook/${String(webhookPath).replace(/^\/+/, '')}`,
				data: body,
				headers,
				params,
				timeout,
				proxy: false,
				validateStatus: () => true,
			});
			return { status: res.status, headers: res.headers, data: res.data };
		},

		/** GET /rest/executions?filter={workflowId,status?}&limit -> summaries, newest first. */
		async getExecutions({ workflowId, status, limit = 50 } = {}) {
			const filter = {};
			if (workflowId) filter.workflowId = String(workflowId);
			if (status) filter.status = Array.isArray(status) ? status : [status];
			const res = await rest('get', '/executions', undefined, {
				params: { filter: JSON.stringify(filter), limit },
			});
			return res.results;
		},

		/**
		 * GET /rest/executions/:id -> the execution with `data` unflattened (n8n sends it as a
		 * `flatted` string): data.resultData.runData[nodeName][runIndex].data.main[output][item].json
		 */
		async getExecution(id) {
			const ex = await rest('get', `/executions/${id}`);
			if (!ex) throw new Error(`execution ${id} not found`);
			if (typeof ex.data === 'string') ex.data = flatted.parse(ex.data);
			if (typeof ex.workflowData === 'string') ex.workflowData = JSON.parse(ex.workflowData);
			return ex;
		},

		/**
		 * Poll until `workflowId` has a finished execution -> the newest one, unflattened.
		 * `exclude`: execution ids to ignore (e.g. ones seen before); `since`: Date/ms, ignore runs
		 * started earlier. Ids are compared as strings (2.x may use UUIDv7 ids).
		 */
		async waitForExecution({ workflowId, exclude = [], since, timeoutMs = 60000 } = {}) {
			const skip = new Set(exclude.map(String));
			const sinceMs = since ? new Date(since).getTime() - 1000 : 0; // clock granularity
			const end = Date.now() + timeoutMs;
			for (;;) {
				const list = await instance.getExecutions({ workflowId, limit: 50 });
				const done = list.filter(
					(e) =>
						!skip.has(String(e.id)) &&
						e.stoppedAt &&
						!['new', 'running', 'waiting'].includes(e.status) &&
						new Date(e.startedAt || e.createdAt).getTime() >= sinceMs,
				);
				if (done.length) {
					const ts = (e) => new Date(e.startedAt || e.createdAt).getTime();
					done.sort((a, b) => ts(b) - ts(a) || (String(b.id) > String(a.id) ? 1 : -1));
					return instance.getExecution(done[0].id);
				}
				if (Date.now() > end)
					throw new Error(`no finished execution for workflow ${workflowId} in ${timeoutMs} ms`);
				await sleep(300);
			}
		},

		/** GET /types/nodes.json (what the editor loads) -> node type descriptions. */
		async getNodeTypes() {
			const res = await http.get('/types/nodes.json');
			if (res.status !== 200) throw new Error(`/types/nodes.json -> ${res.status}`);
			return res.data;
		},

		/** GET /types/credentials.json -> credential type descriptions. */
		async getCredentialTypes() {
			const res = await http.get('/types/credentials.json');
			if (res.status !== 200) throw new Error(`/types/credentials.json -> ${res.status}`);
			return res.data;
		},

		/** Stop n8n (SIGTERM to its process group, SIGKILL after `graceMs`). Never touches the cache. */
		async stop({ graceMs = 15000, removeUserFolder = ownUserFolder } = {}) {
			if (!exited) {
				killGroup('SIGTERM');
				const t = setTimeout(() => killGroup('SIGKILL'), graceMs);
				await exitPromise;
				clearTimeout(t);
				killGroup('SIGKILL'); // stragglers (task runner)
			}
			process.removeListener('exit', onParentExit);
			try {
				fs.closeSync(logFd);
			} catch {
				/* closed */
			}
			if (removeUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			return exited;
		},
	};
	return instance;
}

/**
 * Output items of a node in an unflattened execution:
 * -> [[json, ...] for output 0, [json, ...] for output 1, ...]
 */
function nodeOutputs(execution, nodeName, runIndex = 0) {
	const run = execution.data?.resultData?.runData?.[nodeName]?.[runIndex];
	if (!run) return null;
	return (run.data?.main || []).map((items) => (items || []).map((i) => i.json));
}

module.exports = { startN8n, installPackedPackage, nodeOutputs, freePort, DEFAULT_OWNER };
