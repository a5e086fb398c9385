// Headless Chromium for the editor check: Debian's `chromium` package (never a browser download),
// driven by playwright-core. ensureChromium() installs the package with apt-get when
// /usr/bin/chromium is missing (CI runs as root on a fresh machine).
//
//   const { ensureChromium, launchChromium } = require('./chromium');
//   const { path, installedSeconds } = await ensureChromium();
//   const browser = await launchChromium();   // -> { context, page, close() }
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const CHROMIUM = process.env.XOBIN_E2E_CHROMIUM || '/usr/bin/chromium';

// From the machine notes: without the background-networking flags Chromium keeps trying to reach
// Google's hosts, which this closed network refuses.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function log(msg) {
	process.stderr.write(`[chromium] ${msg}\n`);
}

function run(cmd, args, logFile) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		const child = spawn(cmd, args, {
			stdio: ['ignore', out, out],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(e);
		});
		child.on('close', (code) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (${code}); log ${logFile}:\n${tail}`));
		});
	});
}

function chromiumVersion() {
	try {
		return execFileSync(CHROMIUM, ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		})
			.split('\n')[0]
			.trim();
	} catch {
		return 'unknown version';
	}
}

/** -> { path, version, installedSeconds (0 when it was there already) } */
async function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) {
		return { path: CHROMIUM, version: chromiumVersion(), installedSeconds: 0 };
	}
	if (CHROMIUM !== '/usr/bin/chromium') {
		throw new Error(`XOBIN_E2E_CHROMIUM=${CHROMIUM} does not exist`);
	}
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			"/usr/bin/chromium is missing: install Debian's package first (sudo apt-get update && sudo apt-get install -y chromium), or run with --no-browser",
		);
	}
	const logFile = path.join(os.tmpdir(), `xobin-e2e-apt-chromium-${process.pid}.log`);
	log(`/usr/bin/chromium missing: apt-get install -y chromium (log ${logFile})`);
	const t0 = Date.now();
	await run('apt-get', ['update'], logFile);
	const t1 = Date.now();
	await run('apt-get', ['install', '-y', 'chromium'], logFile);
	const t2 = Date.now();
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	log(
		`installed ${chromiumVersion()}: apt-get update ${((t1 - t0) / 1000).toFixed(1)} s, install ${((t2 - t1) / 1000).toFixed(1)} s`,
	);
	return { path: CHROMIUM, version: chromiumVersion(), installedSeconds: (t2 - t0) / 1000 };
}

/**
 * Launch headless Chromium with a fresh, throwaway profile (the --user-data-dir; playwright takes
 * it as launchPersistentContext's first argument). -> { context, page, close() }
 */
async function launchChromium({ viewport = { width: 1400, height: 900 } } = {}) {
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-e2e-chromium-'));
	let context;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			// playwright adds --headless itself for headless: true
			args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
			viewport,
			deviceScaleFactor: 1,
			timeout: 120000,
		});
	} catch (err) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw err;
	}
	const page = context.pages()[0] || (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { ensureChromium, launchChromium, CHROMIUM, CHROMIUM_FLAGS };

if (require.main === module) {
	ensureChromium()
		.then((c) =>
			log(
				`${c.version} at ${c.path}${c.installedSeconds ? ` (installed in ${c.installedSeconds.toFixed(1)} s)` : ' (already installed)'}`,
			),
		)
		.catch((err) => {
			log(err.stack || String(err));
			process.exit(1);
		});
}
