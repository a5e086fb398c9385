// The README's demo: runs the built Xobin node in n8n's real workflow engine against the bundled
// mock Xobin server (an account with three invites left) on examples/candidates.json, and prints
// who was invited (with their invite link) and who was parked on the Invites Exhausted output.
// Then the same for an assessment in bulk: 1,200 candidates, 250 assessment invites left.

const path = require('node:path');

const { runNode } = require('../test/harness/engine');
const { startMockXobin, MOCK_API_KEY } = require('../test/mock-xobin/server');

const INVITES_LEFT = 3;

async function main() {
	const candidates = require(path.join(__dirname, '..', 'examples', 'candidates.json'));
	const mock = await startMockXobin({ invitesLeft: INVITES_LEFT });
	try {
		console.log(`Mock Xobin API at ${mock.url}, ${INVITES_LEFT} invites left on the account.`);
		console.log(`Inviting ${candidates.length} candidates to AI interview 305 (workflow timezone America/New_York)...\n`);

		const result = await runNode({
			nodeType: 'xobin',
			timezone: 'America/New_York',
			items: candidates,
			parameters: {
				resource: 'aiInterview',
				operation: 'invite',
				candidateName: '={{ $json.Name }}',
				candidateEmail: '={{ $json.Email }}',
				aiInterviewId: 305,
				inviteFormat: 'getlink',
				additionalFields: {
					expiryDate: '2030-01-31T18:00:00',
					customFieldId: "={{ $json['Row ID'] }}",
				},
			},
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock.url } },
		});
		if (result.error) throw result.error;

		const [invited, exhausted] = result.outputs;
		console.log(`Invited (${invited.length}):`);
		for (const { json } of invited) {
			console.log(`  ✓ ${json.name} <${json.email}>  response ${json.response_id}  ${json.invite_link}`);
		}
		console.log(`\nInvites Exhausted, parked for later (${exhausted.length}):`);
		for (const { json } of exhausted) {
			const how = json.inviteAttempted ? 'Xobin answered' : 'not sent, parked';
			console.log(`  • ${json.Name} <${json.Email}>  (${how}: "${json.message}")`);
		}
		const requests = mock.requests.filter((request) => request.path.endsWith('/ai-interviews/invite'));
		const parkedUnsent = exhausted.filter(({ json }) => !json.inviteAttempted).length;
		console.log(
			`\nRequests sent to Xobin: ${requests.length} (${invited.length} invited, ${exhausted.length - parkedUnsent} answered "Invites Exhausted" while in flight, ${parkedUnsent} parked without a request).`,
		);
		console.log(`Expiry sent as "${requests[0]?.body.expiry_date}" GMT (2030-01-31 18:00 in New York).`);
		console.log(`Every candidate accounted for: ${invited.length + exhausted.length} of ${candidates.length}.`);

		await assessmentDemo(mock);
	} finally {
		await mock.close();
	}
}

/** Assessment invites in bulk: 1,200 rows, 250 invites left, latency 100 ms per request. */
async function assessmentDemo(mock) {
	const rows = Array.from({ length: 1200 }, (_, index) => ({
		Name: `Candidate ${index + 1}`,
		Email: `candidate${index + 1}@example.com`,
	}));
	mock.setAssessmentInvitesLeft(250);
	mock.setLatency(100);
	const before = mock.requests.length;
	console.log(`\nInviting ${rows.length} candidates to assessment 53280 in bulk (100 per request), 250 assessment invites left, 100 ms per request...`);
	const started = Date.now();
	const result = await runNode({
		nodeType: 'xobin',
		items: rows,
		parameters: {
			resource: 'assessment',
			operation: 'invite',
			candidateName: '={{ $json.Name }}',
			candidateEmail: '={{ $json.Email }}',
			assessmentId: 53280,
			inviteFormat: 'getlink',
		},
		credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock.url } },
	});
	if (result.error) throw result.error;
	const [invited, exhausted] = result.outputs;
	const requests = mock.requests.slice(before);
	const bulk = requests.filter((request) => request.path.endsWith('/assessment/invite')).length;
	const single = requests.filter((request) => request.path.endsWith('/assessments/invite')).length;
	console.log(`  ✓ ${invited.length} invited, e.g. ${invited[0].json.name} <${invited[0].json.email}>  report ${invited[0].json.report_id}  ${invited[0].json.invite_link}`);
	console.log(`  • ${exhausted.length} parked on Invites Exhausted (the batch that ran out was retried one by one, so exactly 250 were invited)`);
	console.log(`  ${bulk} bulk requests + ${single} one-candidate requests in ${((Date.now() - started) / 1000).toFixed(1)} s; every candidate accounted for: ${invited.length + exhausted.length} of ${rows.length}.`);
}

main().catch((error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exitCode = 1;
});
