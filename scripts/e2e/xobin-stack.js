// End-to-end building blocks shared by the e2e run (run-e2e.js) and `npm run dev` (scripts/dev.js):
// build + `npm pack` this package like a release, start the mock Xobin API, start a cached real n8n
// with the packed tarball installed into <userFolder>/.n8n/nodes, create the Xobin credential that
// points at the mock, and import the committed example workflows wired to that credential.
//
//   const stack = require('./xobin-stack');
//   const pack = await stack.buildAndPack();              // { tarball, files, seconds, ... }
//   const mock = await stack.startMock({ invitesLeft: 2 });
//   const n8n = await startN8n({ version, packedTarball: pack.tarball });
//   await n8n.setupOwner();
//   const cred = await stack.createXobinCredential(n8n, mock);
//   const wf = await stack.importExample(n8n, 'invite-candidates-from-webhook.json', cred);
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { cleanEnv } = require('./n8n-install');

const REPO = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(REPO, 'examples');
const WEBHOOK_EXAMPLE = 'invite-candidates-from-webhook.json';
const PACKAGE_NAME = require(path.join(REPO, 'package.json')).name;
const CREDENTIAL_TYPE = 'xobinApi';

const { startMockXobin, MOCK_API_KEY } = require(
	path.join(REPO, 'test', 'mock-xobin', 'server.js'),
);

/** Run a command in the repo; resolves with its output, rejects with the output tail. */
function runInRepo(cmd, args, { env, quiet = true } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: REPO,
			env: env || cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const onData = (b) => {
			out += b.toString();
			if (!quiet) process.stderr.write(b);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) return resolve(out);
			reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out.slice(-4000)}`));
		});
	});
}

/**
 * `npm run build` (unless build === false), then `npm pack` into a new temp dir (never the repo).
 * Checks that every file package.json's `n8n` section names is in the tarball.
 * -> { tarball, dir, version, files, n8nFiles, nodeTypes, buildSeconds, packSeconds }
 */
async function buildAndPack({ build = true, quiet = true } = {}) {
	let buildSeconds = 0;
	if (build) {
		const t0 = Date.now();
		await runInRepo('npm', ['run', 'build'], { quiet });
		buildSeconds = (Date.now() - t0) / 1000;
	}
	const t1 = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-e2e-pack-'));
	const out = await runInRepo('npm', [
		'pack',
		'--pack-destination',
		dir,
		'--json',
		'--loglevel=warn',
	]);
	// npm may print notices before the JSON
	const info = JSON.parse(out.slice(out.indexOf('[')))[0];
	const tarball = path.join(dir, info.filename);
	const files = info.files.map((f) => f.path);
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const n8nFiles = [...(pkg.n8n?.credentials || []), ...(pkg.n8n?.nodes || [])];
	const missing = n8nFiles.filter((f) => !files.includes(f.replace(/^\.\//, '')));
	if (!n8nFiles.length || missing.length) {
		throw new Error(
			`the packed tarball lacks files package.json's "n8n" section loads: ${missing.join(', ') || '(n8n section empty)'}`,
		);
	}
	// Node type names n8n will register: <package name>.<description.name> of each node file
	const nodeTypes = (pkg.n8n.nodes || []).map((f) => `${PACKAGE_NAME}.${nodeNameOf(f)}`);
	return {
		tarball,
		dir,
		version: info.version,
		files,
		n8nFiles,
		nodeTypes,
		buildSeconds,
		packSeconds: (Date.now() - t1) / 1000,
		cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

/** description.name of the node class a built node file exports (file name as a fallback). */
function nodeNameOf(file) {
	const abs = path.join(REPO, file);
	try {
		const mod = require(abs);
		for (const Cls of Object.values(mod)) {
			if (typeof Cls !== 'function') continue;
			const name = new Cls()?.description?.name;
			if (name) return name;
		}
	} catch {
		/* fall back to the file name */
	}
	const base = path.basename(file).replace(/\.node\.js$/, '');
	return base.charAt(0).toLowerCase() + base.slice(1);
}

/** The mock Xobin API on loopback (port 0 = a free one). */
function startMock({ invitesLeft = 2, port = 0, onResponse } = {}) {
	return startMockXobin({ invitesLeft, port, onResponse });
}

/** The Xobin credential as the editor would store it, pointing at the mock. */
async function createXobinCredential(
	n8n,
	mock,
	{ name = 'Xobin (mock)', apiKey = MOCK_API_KEY } = {},
) {
	return n8n.createCredential({
		name,
		type: CREDENTIAL_TYPE,
		data: { apiKey, baseUrl: mock.url },
	});
}

function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

function listExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.filter((f) => {
			const j = readExample(f);
			return j && Array.isArray(j.nodes) && j.connections;
		})
		.sort();
}

/** Point every node's `xobinApi` credential at `credential` (the committed files carry id "1"). */
function withCredential(workflow, credential) {
	const wf = JSON.parse(JSON.stringify(workflow));
	for (const node of wf.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE] && credential) {
			node.credentials[CREDENTIAL_TYPE] = { id: String(credential.id), name: credential.name };
		}
	}
	return wf;
}

/** Import examples/<file> into n8n with its Xobin credential replaced; -> stored workflow. */
async function importExample(n8n, file, credential) {
	return n8n.importWorkflow(withCredential(readExample(file), credential));
}

/** The webhook example's trigger path and its Xobin node name. */
function webhookExampleInfo() {
	const wf = readExample(WEBHOOK_EXAMPLE);
	const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const xobin = wf.nodes.find((n) => n.type === `${PACKAGE_NAME}.xobin`);
	if (!hook || !xobin) throw new Error(`${WEBHOOK_EXAMPLE}: no Webhook or Xobin node`);
	const conns = wf.connections[xobin.name]?.main || [];
	return {
		workflow: wf,
		webhookPath: hook.parameters.path,
		webhookNode: hook.name,
		xobinNode: xobin.name,
		// the nodes wired to the Xobin node's outputs 0 and 1
		invitedNode: conns[0]?.[0]?.node,
		exhaustedNode: conns[1]?.[0]?.node,
	};
}

module.exports = {
	REPO,
	PACKAGE_NAME,
	CREDENTIAL_TYPE,
	WEBHOOK_EXAMPLE,
	MOCK_API_KEY,
	buildAndPack,
	startMock,
	createXobinCredential,
	readExample,
	listExamples,
	withCredential,
	importExample,
	webhookExampleInfo,
};
