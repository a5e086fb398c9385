// `npm run bench` section 5 (or `node scripts/bench/run.js --polling` alone): the Xobin Polling
// Trigger on a 10,000-applicant track, in n8n's engine (test/harness startPoller) against the mock
// with its latency: the first poll (seeding), a poll after 500 changes (300 moves, 100 hires, 100
// rejections; event Applicant Moved, so all 500 come out), and a quiet poll after that. Requests,
// wall time and the size of the workflow's static data for each.
'use strict';

const { startPoller } = require('../../test/harness/engine');
const { MOCK_API_KEY } = require('../../test/mock-xobin/server');

const TRACK = 9000;
const APPLICANTS = 10000;
const CHANGES = { move: 300, hire: 100, reject: 100 };

async function pollingSection({ mock, table, fmt, latencyMs }) {
	mock.reset();
	mock.setLatency(latencyMs);
	mock.addTrack(TRACK, 'Bench Track');
	const ids = mock.seedTrackApplicants(TRACK, APPLICANTS);
	const changes = Object.values(CHANGES).reduce((a, b) => a + b, 0);
	console.log(
		`\n## 5. Polling Trigger: one track of ${APPLICANTS.toLocaleString('en-US')} applicants, latency ${latencyMs} ms, event Applicant Moved\n`,
	);
	const poller = await startPoller({
		nodeType: 'xobinPollingTrigger',
		parameters: {
			watch: 'track',
			track: { __rl: true, mode: 'id', value: String(TRACK) },
			event: 'applicantMoved',
		},
		credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock.url } },
	});
	const rows = [];
	const measure = async (label) => {
		const before = mock.requests.length;
		const t0 = Date.now();
		const result = await poller.poll();
		const wallMs = Date.now() - t0;
		if (result.error) throw result.error;
		const size = JSON.stringify(poller.liveStaticData()).length;
		rows.push([
			label,
			String(mock.requests.length - before),
			fmt.s(wallMs),
			String(result.items ? result.items[0].length : 0),
			`${(size / 1024).toFixed(1)} KB (${(size / APPLICANTS).toFixed(1)} bytes / applicant)`,
		]);
		process.stderr.write(`  done: polling, ${label} in ${fmt.s(wallMs)}\n`);
		return result;
	};
	await measure('First poll (seeds, emits nothing)');
	let next = 0;
	for (const [action, count] of Object.entries(CHANGES)) {
		for (let n = 0; n < count; n++) {
			const body = action === 'move' ? { destination_stage_id: '0012' } : {};
			mock.changeTrackApplicant(TRACK, ids[next++ * 17], action, body);
		}
	}
	await measure(`After ${changes} changes`);
	await measure('Next poll, nothing new (re-reads the day)');
	console.log(table(['Poll', 'Requests', 'Wall', 'Emitted', 'Static data'], rows));
	console.log(
		`\nA poll asks for every applicant updated since the day before the previous poll started (Xobin filters by day only), 200 a page: requests = ceil(updated in that window / 200), at least 1; the first poll reads the whole track once.`,
	);
}

module.exports = { pollingSection };
