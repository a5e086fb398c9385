// e2e: the Xobin Polling Trigger in real n8n (called by run-e2e.js for each pinned version). An
// active workflow "Xobin Polling Trigger (track 6578, New Applicant, every minute) -> NoOp":
// activation runs the first poll (it only seeds, no execution); an applicant added to the mock is
// emitted by the next scheduled poll in exactly one execution, and the poll after that starts
// nothing. Takes one to three minutes: n8n's shortest poll interval is one minute.
'use strict';

const crypto = require('node:crypto');
const { nodeOutputs } = require('./n8n-instance');
const stack = require('./xobin-stack');

const TRACK = 6578;
const TRIGGER = 'Xobin Polling Trigger';
const NOOP = 'No Operation';
const LIST_PATH = `/api/v2/tracks/${TRACK}/applicants`;

function pollingWorkflow(credential) {
	return {
		name: 'E2E: Xobin Polling Trigger -> NoOp',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: TRIGGER,
				type: `${stack.PACKAGE_NAME}.xobinPollingTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'track',
					track: { __rl: true, mode: 'id', value: String(TRACK) },
					event: 'newApplicant',
				},
				credentials: {
					[stack.CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name },
				},
			},
			{
				id: crypto.randomUUID(),
				name: NOOP,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: NOOP, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The test, run through run-e2e.js's `test` with its helpers. `onExecution(ex)` adds checks on
 * the execution (queue mode: which process ran it) and `also` names them in the test's title.
 */
async function runPollingCheck({
	tag,
	n8n,
	mock,
	credential,
	test,
	check,
	say,
	waitFor,
	onFail,
	skipReason,
	onExecution,
	also = '',
}) {
	await test(
		`${tag} Xobin Polling Trigger: activation only seeds; an applicant added to the mock is emitted by the next one-minute poll exactly once, and the poll after that emits nothing${also}`,
		async () => {
			check(credential, 'no credential (credential test failed)');
			const polls = () =>
				mock.requests.filter((r) => r.method === 'GET' && r.path === LIST_PATH).length;
			const before = polls();
			const wf = await n8n.importWorkflow(pollingWorkflow(credential));
			try {
				await n8n.activateWorkflow(wf.id);
				await waitFor(() => polls() > before, 'activation ran no poll', 30000);
				check(
					(await n8n.getExecutions({ workflowId: wf.id })).length === 0,
					'the seeding poll started an execution',
				);
				const seeded = polls();
				const added = mock.addTrackApplicant(TRACK, {
					name: 'Polly Newcomer',
					email: `polly.${Date.now()}@example.com`,
				});
				const ex = await n8n.waitForExecution({ workflowId: wf.id, timeoutMs: 150000 });
				check(
					ex.status === 'success',
					`execution ${ex.id} ended "${ex.status}"`,
					ex.data?.resultData?.error,
				);
				const items = nodeOutputs(ex, TRIGGER)?.[0] || [];
				check(
					items.length === 1 &&
						items[0].event === 'newApplicant' &&
						items[0].application_id === added.application_id &&
						items[0].stage_id === 'stg_applied',
					'the poll did not emit exactly the added applicant',
					items,
				);
				if (onExecution) await onExecution(ex);
				// The next scheduled poll: it runs (the mock sees it) and starts nothing.
				const afterEmit = polls();
				check(afterEmit > seeded, 'no poll reached the mock before the execution');
				await waitFor(() => polls() > afterEmit, 'no further poll within 90 s', 90000);
				await new Promise((resolve) => setTimeout(resolve, 3000));
				const all = await n8n.getExecutions({ workflowId: wf.id });
				check(
					all.length === 1,
					`${all.length} executions, expected 1`,
					all.map((e) => e.id),
				);
				say(
					`    execution ${ex.id}: applicant ${added.application_id}; ${polls() - before} polls, 1 execution`,
				);
			} finally {
				await n8n.deactivateWorkflow(wf.id).catch(() => {});
			}
		},
		{ onFail, skipReason },
	);
}

module.exports = { runPollingCheck, pollingWorkflow };
