// `npm run bench -- --baseline=<git ref>`: the Xobin node of another commit beside this one, in
// the same run, on the same mock: one case from each of sections 1 to 4, the two builds taking
// turns, so a change to the code (not to the machine) shows as a difference. The other commit is
// checked out and built once in a temporary folder that shares this checkout's node_modules.

'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');

/** Builds `ref` into a temporary folder and returns it. */
function buildBaseline(ref) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xobin-bench-baseline-'));
	const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
	const archive = execFileSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 1 << 30 });
	execFileSync('tar', ['-x', '-C', dir], { input: archive });
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	run('npm', ['run', 'build'], dir);
	return dir;
}

async function baselineSection({ ref, mock, http, runCase, table, fmt, cases }) {
	const dir = buildBaseline(ref);
	const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root }).toString().trim();
	const now = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
	console.log(`\n## 0. Before and after: ${ref} (${commit}) beside this checkout (${now}, with its uncommitted changes)\n`);
	const rows = [];
	for (const [section, label, config] of cases) {
		const base = { ...config, mockUrl: mock.url, httpRequestNodePath: http.file };
		const before = await runCase(mock, { ...base, packageDir: dir });
		const after = await runCase(mock, base);
		const same = JSON.stringify(before.outputs) === JSON.stringify(after.outputs);
		rows.push([
			section,
			label,
			fmt.s(before.wallMs),
			fmt.s(after.wallMs),
			fmt.x(after.wallMs / before.wallMs),
			fmt.ms(before.cpuMs / config.n),
			fmt.ms(after.cpuMs / config.n),
			`${before.stats.requests} / ${after.stats.requests}`,
			same ? 'same' : `differ: ${JSON.stringify(before.outputs)} / ${JSON.stringify(after.outputs)}`,
		]);
		process.stderr.write(`  done: before/after ${section} ${label}\n`);
	}
	console.log(
		table(['Section', 'Case', 'Wall before', 'Wall now', 'Now / before', 'CPU / item before', 'CPU / item now', 'Requests', 'Outputs'], rows),
	);
	fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { baselineSection };
