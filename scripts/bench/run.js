// `npm run bench`: measures the Xobin node against n8n's own HTTP Request node doing the same
// POSTs, side by side in one run, against the bundled mock Xobin on loopback.
//   1. latency L = 100 ms, N = 1,000 and 5,000: wall time vs the physical limit N·L/C, requests,
//      peak RSS and CPU per item.
//   1b. the same with an instant Xobin, to compare the CPU cost of the per-item work itself.
//   2. the mock rate-limited to R requests/second: wall time vs N/R, candidates invited, lost,
//      and invited more than once.
//   3. the cost of "Skip If Already Invited" (one lookup per candidate before its invite).
//   4. Assessment invites in bulk: Batch Size 1 (one request per candidate) to 500 at N = 5,000
//      and 100 ms: wall time, requests, and what one lost answer leaves uncertain; then the quota
//      case (730 invites left): exactly that many invited, the rest parked, each candidate once.
//   5. the Polling Trigger on a 10,000-applicant track (scripts/bench/polling.js).
// The HTTP Request node runs all at once and with its Batching option at the Xobin node's default
// concurrency (5 items per batch), without an interval and with one of L between batches.
// Each case runs in its own process (scripts/bench/case.js); the mock runs here.
//   0. with --baseline=<git ref>: that commit's Xobin node beside this one, a case of each of
//      sections 1 to 4, taking turns (scripts/bench/baseline.js).
// Flags: --quick (smaller N, for a smoke run); --only=1,1b (run only these sections: 0, 1, 1b, 2, 3, 4, 5);
// --baseline=<git ref> (adds section 0).
// The HTTP Request node is loaded from the real n8n install that the end-to-end tests cache
// (scripts/e2e/n8n-install.js), or from $N8N_NODES_BASE_DIR when set.

'use strict';

const path = require('node:path');
const { fork } = require('node:child_process');
const fs = require('node:fs');

const { startMockXobin } = require('../../test/mock-xobin/server');
const { pollingSection } = require('./polling');
const { baselineSection } = require('./baseline');

const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const BASELINE = process.argv.find((arg) => arg.startsWith('--baseline='))?.slice('--baseline='.length);
const runs = (section) => (section === '0' ? BASELINE !== undefined : true) && (!ONLY || ONLY.includes(section));
const LATENCY_MS = 100;
const SIZES = QUICK ? [100] : [1000, 5000];
const RATE = { perSecond: 20, n: QUICK ? 100 : 400 };
const DEFAULT_CONCURRENCY = 5;
/** n8n's HTTP Request node beside the Xobin node: all at once, and batched at the same concurrency. */
const HTTP_CASES = [
	{ label: 'HTTP Request node (all at once)', kind: 'http' },
	{
		label: `HTTP Request node, Batching ${DEFAULT_CONCURRENCY} per batch, no interval`,
		kind: 'http',
		batching: { batchSize: DEFAULT_CONCURRENCY, batchInterval: 0 },
	},
	{
		label: `HTTP Request node, Batching ${DEFAULT_CONCURRENCY} per batch, ${LATENCY_MS} ms interval`,
		kind: 'http',
		batching: { batchSize: DEFAULT_CONCURRENCY, batchInterval: LATENCY_MS },
	},
];
const CPU_N = QUICK ? 200 : 2000;
const SKIP_N = QUICK ? 100 : 1000;
const ASSESSMENT = {
	n: QUICK ? 500 : 5000,
	invitesLeft: QUICK ? 73 : 730,
	batchSizes: [1, 50, 100, 250, 500],
	defaultBatchSize: 100,
	maxBatchSize: 500,
};
const BULK_INVITE_PATH = '/api/v2/assessment/invite';
const SINGLE_INVITE_PATH = '/api/v2/assessments/invite';

async function httpRequestNodePath() {
	let base = process.env.N8N_NODES_BASE_DIR;
	if (!base) {
		const { ensureN8n } = require('../e2e/n8n-install');
		const { dir } = await ensureN8n('2.40.7');
		base = path.join(dir, 'node_modules', 'n8n-nodes-base');
	}
	const file = path.join(base, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	if (!fs.existsSync(file)) throw new Error(`n8n's HTTP Request node not found at ${file}`);
	const version = JSON.parse(fs.readFileSync(path.join(base, 'package.json'), 'utf8')).version;
	return { file, version };
}

/** A clean mock with this case's latency, rate limit and assessment invites left. */
function prepareMock(mock, config) {
	// reset() also restores the start-up latency, rate limit and quota, so apply this case's.
	mock.reset();
	mock.setLatency(config.latencyMs ?? LATENCY_MS);
	mock.setRateLimit(config.rateLimit || null);
	if (config.assessmentInvitesLeft !== undefined) mock.setAssessmentInvitesLeft(config.assessmentInvitesLeft);
}

function runCase(mock, config) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'case.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		child.on('message', (message) => {
			if (message.type === 'ready') {
				prepareMock(mock, config);
				child.send({ type: 'run', config });
			} else if (message.type === 'done') {
				const stats = mock.stats();
				const requestsTo = (wanted) => mock.requests.filter((request) => request.path === wanted).length;
				stats.bulkInviteRequests = requestsTo(BULK_INVITE_PATH);
				stats.singleInviteRequests = requestsTo(SINGLE_INVITE_PATH);
				child.kill();
				resolve({ ...message, stats });
			} else if (message.type === 'error') {
				child.kill();
				reject(new Error(message.message));
			}
		});
		child.on('exit', (code) => {
			if (code) reject(new Error(`benchmark case exited with code ${code}`));
		});
		// The warm-up runs against this case's mock too (a quota left at 0 by the case before would
		// warm up the wrong path).
		prepareMock(mock, config);
		child.send({ type: 'warmup', config });
	});
}

const fmt = {
	s: (ms) => `${(ms / 1000).toFixed(2)} s`,
	x: (ratio) => `${ratio.toFixed(2)}×`,
	mb: (mb) => `${mb.toFixed(0)} MB`,
	ms: (ms) => `${ms.toFixed(2)} ms`,
};

function table(headers, rows) {
	const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
	for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
	return lines.join('\n');
}

async function main() {
	const http = await httpRequestNodePath();
	const mock = await startMockXobin({ latencyMs: LATENCY_MS });
	const started = Date.now();
	try {
		console.log(`# Xobin node benchmark${QUICK ? ' (quick)' : ''}`);
		console.log(`Node ${process.version}; HTTP Request node from n8n-nodes-base ${http.version}; mock Xobin on loopback.\n`);

		if (runs('0')) await baselineSection({ ref: BASELINE, mock, http, runCase, table, fmt, cases: baselineCases() });
		if (runs('1')) await throughputSection(mock, http);
		if (runs('1b')) await cpuSection(mock, http);
		if (runs('2')) await rateLimitSection(mock, http);
		if (runs('3')) await skipSection(mock, http);
		if (runs('4')) await assessmentSection(mock, http);
		if (runs('5')) await pollingSection({ mock, table, fmt, latencyMs: LATENCY_MS });
		console.log(`\nTotal benchmark time ${fmt.s(Date.now() - started)}.`);
	} finally {
		await mock.close();
	}
}

/** Section 0: one Xobin case of each of sections 1 to 4, as those sections run it. */
function baselineCases() {
	const { n, invitesLeft, defaultBatchSize } = ASSESSMENT;
	return [
		['1', `AI interview invites, N = ${SIZES[0]}, default concurrency`, { kind: 'xobin', n: SIZES[0] }],
		['1b', `the same with latency 0, N = ${CPU_N}`, { kind: 'xobin', n: CPU_N, latencyMs: 0 }],
		['2', `rate-limited to ${RATE.perSecond}/s, N = ${RATE.n}`, { kind: 'xobin', n: RATE.n, rateLimit: { perSecond: RATE.perSecond } }],
		['3', `Skip If Already Invited, nobody invited yet, N = ${SKIP_N}`, { kind: 'xobin', n: SKIP_N, customFieldId: true, skipIfInvited: true }],
		['4', `assessment invites, Batch Size ${defaultBatchSize}, N = ${n}`, { kind: 'assessment', n, batchSize: defaultBatchSize }],
		['4b', `the same with ${invitesLeft} invites left`, { kind: 'assessment', n, batchSize: defaultBatchSize, assessmentInvitesLeft: invitesLeft }],
	];
}

/** Section 1: wall time against the physical limit N·L/C, CPU per item, side by side. */
async function throughputSection(mock, http) {
	console.log(`## 1. Throughput: latency ${LATENCY_MS} ms per request\n`);
	const rows = [];
	for (const n of SIZES) {
		const cases = [
			{ label: 'Xobin node, concurrency 1', kind: 'xobin', concurrency: 1 },
			{ label: `Xobin node, default (${DEFAULT_CONCURRENCY})`, kind: 'xobin' },
			{ label: 'Xobin node, concurrency 10', kind: 'xobin', concurrency: 10 },
			...HTTP_CASES,
		];
		for (const c of cases) {
			const config = { ...c, n, mockUrl: mock.url, httpRequestNodePath: http.file };
			const result = await runCase(mock, config);
			// C: requests the case lets be in flight at once. Batching without an interval does not
			// wait for a batch's answers, so all of them are (see Max in flight).
			const effective =
				c.kind === 'xobin'
					? c.concurrency || DEFAULT_CONCURRENCY
					: c.batching?.batchInterval > 0
						? c.batching.batchSize
						: n;
			const limitMs = (n * LATENCY_MS) / effective;
			rows.push([
				n.toLocaleString('en-US'),
				c.label,
				fmt.s(result.wallMs),
				fmt.s(limitMs),
				fmt.x(result.wallMs / limitMs),
				String(result.stats.requests),
				String(result.stats.maxInFlight),
				fmt.mb(result.maxRssMb),
				fmt.ms(result.cpuMs / n),
			]);
			process.stderr.write(`  done: N=${n} ${c.label} in ${fmt.s(result.wallMs)}\n`);
		}
	}
	console.log(
		table(['N', 'Case', 'Wall', 'Limit N·L/C', 'Ratio', 'Requests', 'Max in flight', 'Peak RSS', 'CPU / item'], rows),
	);
	console.log(
		`\nThe HTTP Request node's Batching waits Batch Interval between batches of Items per Batch requests and does not wait for a batch's answers: without an interval every request is in flight at once, as without Batching.`,
	);
}

/**
 * Section 1b. CPU per item above includes the cost of pacing: a paced run wakes up once per answer,
 * the HTTP Request node handles all answers in a few turns of the event loop. With Xobin answering
 * at once, neither is paced and the per-item work itself is compared (Batching with an interval
 * would only add its sleeps).
 */
async function cpuSection(mock, http) {
	console.log(`\n## 1b. CPU per item when Xobin answers at once (latency 0), N = ${CPU_N}\n`);
	const cpuRows = [];
	for (const c of [{ label: `Xobin node, default (${DEFAULT_CONCURRENCY})`, kind: 'xobin' }, ...HTTP_CASES.slice(0, 2)]) {
		const config = { ...c, n: CPU_N, latencyMs: 0, mockUrl: mock.url, httpRequestNodePath: http.file };
		const result = await runCase(mock, config);
		cpuRows.push([c.label, fmt.s(result.wallMs), String(result.stats.requests), fmt.ms(result.cpuMs / CPU_N)]);
	}
	console.log(table(['Case', 'Wall', 'Requests', 'CPU / item'], cpuRows));
}

/** Section 2: a rate-limited Xobin. */
async function rateLimitSection(mock, http) {
	console.log(`\n## 2. Rate limit: mock allows ${RATE.perSecond} requests/second (429 + Retry-After), N = ${RATE.n}, latency ${LATENCY_MS} ms\n`);
	const floorMs = (RATE.n / RATE.perSecond) * 1000;
	const rateRows = [];
	const rateCases = [
		{ label: `Xobin node, default (${DEFAULT_CONCURRENCY})`, kind: 'xobin' },
		{ label: 'Xobin node, concurrency 10', kind: 'xobin', concurrency: 10 },
		{ label: 'HTTP Request node, defaults', kind: 'http' },
		{
			label: 'HTTP Request node, Retry On Fail (5 tries, 1 s apart)',
			kind: 'http',
			settings: { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 },
		},
	];
	for (const c of rateCases) {
		const config = {
			...c,
			n: RATE.n,
			rateLimit: { perSecond: RATE.perSecond },
			mockUrl: mock.url,
			httpRequestNodePath: http.file,
		};
		const result = await runCase(mock, config);
		const { stats } = result;
		rateRows.push([
			c.label,
			fmt.s(result.wallMs),
			fmt.x(result.wallMs / floorMs),
			String(stats.requests),
			String(stats.distinctCandidatesInvited),
			String(RATE.n - stats.distinctCandidatesInvited),
			String(stats.candidatesInvitedMoreThanOnce),
			result.failed ? 'failed' : 'succeeded',
		]);
		process.stderr.write(`  done: rate-limited ${c.label} in ${fmt.s(result.wallMs)}\n`);
	}
	console.log(`N/R = ${fmt.s(floorMs)}\n`);
	console.log(
		table(['Case', 'Wall', 'vs N/R', 'Requests', 'Invited', 'Lost', 'Invited more than once', 'Workflow'], rateRows),
	);
}

/** Section 3: the cost of Skip If Already Invited. */
async function skipSection(mock, http) {
	console.log(`\n## 3. Skip If Already Invited: one lookup per candidate, N = ${SKIP_N}, latency ${LATENCY_MS} ms\n`);
	const skipRows = [];
	for (const c of [
		{ label: 'Option off (default)', customFieldId: true },
		{ label: 'Option on, nobody invited yet', customFieldId: true, skipIfInvited: true },
		{ label: 'Option on, everybody already invited', customFieldId: true, skipIfInvited: true, prime: true },
	]) {
		const config = { ...c, kind: 'xobin', n: SKIP_N, mockUrl: mock.url, httpRequestNodePath: http.file };
		const result = await runCase(mock, config);
		const requests = result.stats.requests - (c.prime ? SKIP_N : 0);
		const invites = result.stats.invites - (c.prime ? SKIP_N : 0);
		skipRows.push([c.label, fmt.s(result.wallMs), String(requests), fmt.x(requests / SKIP_N), String(invites)]);
		process.stderr.write(`  done: ${c.label} in ${fmt.s(result.wallMs)}\n`);
	}
	console.log(table(['Case', 'Wall', 'Requests', 'Requests / candidate', 'New invites'], skipRows));
}

/** Section 4: Assessment → Invite Candidate in bulk against one request per candidate, then the quota case. */
async function assessmentSection(mock, http) {
	const { n, invitesLeft, batchSizes, defaultBatchSize, maxBatchSize } = ASSESSMENT;
	const count = (value) => value.toLocaleString('en-US');
	const label = (batchSize) =>
		batchSize === 1
			? '1 (one request per candidate)'
			: `${batchSize}${batchSize === defaultBatchSize ? ' (default)' : ''}`;
	const pass = (ok) => (ok ? 'PASS' : 'FAIL');
	const base = { kind: 'assessment', mockUrl: mock.url, httpRequestNodePath: http.file };

	console.log(
		`\n## 4. Assessment invites: N = ${count(n)}, latency ${LATENCY_MS} ms, concurrency ${DEFAULT_CONCURRENCY} (default)\n`,
	);
	console.log(
		`Latency floor = ceil(requests / ${DEFAULT_CONCURRENCY}) × ${LATENCY_MS} ms: the mock holds every request ${LATENCY_MS} ms before answering and at most ${DEFAULT_CONCURRENCY} are in flight, so the requests alone need that many rounds of ${LATENCY_MS} ms. Wall beyond the floor is everything else: n8n's engine and expressions, building and reading the bodies, and the loopback transfer of ${count(n)} candidates.\n`,
	);
	const rows = [];
	const measured = new Map();
	for (const batchSize of batchSizes) {
		const result = await runCase(mock, { ...base, n, batchSize });
		const { stats } = result;
		const floorMs = Math.ceil(stats.requests / DEFAULT_CONCURRENCY) * LATENCY_MS;
		measured.set(batchSize, { ...result, floorMs });
		rows.push([
			label(batchSize),
			fmt.s(result.wallMs),
			String(stats.requests),
			fmt.s(floorMs),
			fmt.s(result.wallMs - floorMs),
			String(stats.distinctAssessmentCandidatesInvited),
			String(stats.assessmentCandidatesInvitedMoreThanOnce),
			String(Math.min(batchSize, n)),
			result.failed ? 'failed' : 'succeeded',
		]);
		process.stderr.write(`  done: assessment invites, Batch Size ${batchSize} in ${fmt.s(result.wallMs)}\n`);
	}
	const oneByOne = measured.get(1);
	for (const [index, batchSize] of batchSizes.entries()) {
		rows[index].splice(2, 0, fmt.x(measured.get(batchSize).wallMs / oneByOne.wallMs));
	}
	console.log(
		table(
			[
				'Batch Size',
				'Wall',
				'vs one per request',
				'Requests',
				'Latency floor',
				'Wall beyond floor',
				'Invited',
				'Invited more than once',
				'Left uncertain by one lost answer',
				'Workflow',
			],
			rows,
		),
	);
	const largest = measured.get(maxBatchSize);
	const requestTarget = Math.ceil(n / maxBatchSize);
	const beyondMs = largest.wallMs - largest.floorMs;
	console.log(`\nTargets at Batch Size ${maxBatchSize}:`);
	console.log(
		`- requests ≤ ceil(N/${maxBatchSize}) = ${requestTarget}: ${largest.stats.requests} → ${pass(largest.stats.requests <= requestTarget)}`,
	);
	console.log(`- wall beyond the latency floor < 2 s: ${fmt.s(beyondMs)} → ${pass(beyondMs < 2000)}`);

	console.log(
		`\n### 4b. Invites run out: ${count(n)} candidates, ${count(invitesLeft)} assessment invites left, latency ${LATENCY_MS} ms, concurrency ${DEFAULT_CONCURRENCY}\n`,
	);
	const quotaRows = [];
	const quotaChecks = [];
	for (const batchSize of batchSizes) {
		const result = await runCase(mock, { ...base, n, batchSize, assessmentInvitesLeft: invitesLeft });
		const { stats } = result;
		const [invitedOut = 0, parkedOut = 0] = result.outputs || [];
		const ok =
			!result.failed &&
			stats.assessmentInvites === invitesLeft &&
			invitedOut === invitesLeft &&
			parkedOut === n - invitesLeft &&
			result.everyCandidateOnce === true &&
			stats.assessmentCandidatesInvitedMoreThanOnce === 0;
		quotaChecks.push([batchSize, ok]);
		quotaRows.push([
			label(batchSize),
			fmt.s(result.wallMs),
			String(stats.bulkInviteRequests),
			String(stats.singleInviteRequests),
			String(stats.assessmentInvites),
			String(parkedOut),
			result.everyCandidateOnce ? 'yes' : 'no',
			String(stats.assessmentCandidatesInvitedMoreThanOnce),
			pass(ok),
		]);
		process.stderr.write(`  done: assessment quota, Batch Size ${batchSize} in ${fmt.s(result.wallMs)}\n`);
	}
	console.log(
		table(
			[
				'Batch Size',
				'Wall',
				'Bulk requests',
				'Single requests',
				'Invited',
				'Parked',
				'Every candidate once',
				'Invited more than once',
				`Exactly ${count(invitesLeft)} invited, ${count(n - invitesLeft)} parked, each once`,
			],
			quotaRows,
		),
	);
	console.log(
		`\nA bulk request refused as "Invites Exhausted" invited nobody, so its candidates are sent again one per request (the first alone, then ${DEFAULT_CONCURRENCY} at a time) until the account refuses one: single requests = the invites left when the first bulk request was refused + the requests in flight at the refusal (at most ${DEFAULT_CONCURRENCY}); the rest are parked without a request.`,
	);
	console.log(`Targets: ${quotaChecks.map(([batchSize, ok]) => `Batch Size ${batchSize} ${pass(ok)}`).join(', ')}`);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
