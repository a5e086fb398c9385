// `npm run test:e2e`: proves the package inside real n8n, for each pinned n8n version (2.41.1 and
// 2.40.7 on Node 24, 1.123.81 on Node 20; 2.41.3 pins @n8n/* packages the registry lacks):
//   1. builds and `npm pack`s this package (into a temp dir) like a release;
//   2. obtains that n8n from the cache outside the repo (installing it once: scripts/e2e/n8n-install.js);
//   3. installs the packed tarball into a throwaway <userFolder>/.n8n/nodes like a user's manual
//      install, starts n8n on 127.0.0.1 and sets up the owner through the REST API;
//   4. checks n8n lists the package's node and credential types (n8n-nodes-xobin.*);
//   5. starts the mock Xobin API, creates the Xobin credential pointing at it and runs n8n's own
//      credential test with the right key (passes) and a wrong key (fails, with a clear message);
//   6. imports every committed example workflow, runs the webhook one (3 candidates, 2 invites left)
//      and asserts the Invited / Invites Exhausted split, the invite links, each item's pairedItem
//      index and what the mock received;
//      then the same workflow inviting 250 candidates to an assessment in bulk with 130 invites left,
//      and the Track example (Add Applicant) with the same applicant posted twice; then the Xobin
//      Polling Trigger on n8n's one-minute schedule (scripts/e2e/polling.js);
//   7. imports a Xobin Trigger (automatic setup, AI interview 206) -> NoOp workflow and activates it:
//      the mock gets n8n's production webhook URL and a secret; the mock's Submission call runs the
//      workflow (payload plus event), calls without the right secret get 401 and run nothing, and
//      deactivating switches the interview's webhooks off again; then an assessment trigger
//      (account-wide, Started + Created or Updated) against a Xobin that ignores the webhook auth:
//      the secret in the registered URL lets the mock's Start call run the workflow;
//      and "Listen for test event" leaves an active trigger's webhooks alone (test-listening.js);
//   8. every operation of the Xobin node (read from the built node) runs once against its own mock
//      and each output is compared with what the mock holds (scripts/e2e/coverage.js); prints
//      `covered <n8n version> <resource>:<operation>` per proven operation and
//      `covered <n8n version> trigger:<node type>` per trigger node whose checks passed;
//   9. in headless Chromium: signs in, opens the example, checks the canvas's two named outputs and
//      the node panel's invite fields (an uncaught page error fails), and saves screenshots;
//  10. stops n8n and the mock;
//  11. queue mode (scripts/e2e/queue-mode.js): Postgres, Redis, a main instance, a webhook process
//      and two workers, with parallel webhook calls, the trigger and the polling trigger (--no-queue skips).
// Ends with the line "N passed, M failed" and exits non-zero on any failure (a missing `covered`
// line is a failed check).
//
//   node scripts/e2e/run-e2e.js [--version 2.40.7] [--version 1.123.81] [--no-browser]
//        [--no-build] (pack the existing dist/) [--update-screenshots] (write docs/images/)
//        [--keep] (keep n8n user folders) [--no-queue] (skip the queue-mode cluster)
//        [--only-coverage] (start n8n and run only step 8; the trigger lines then fail)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { isDeepStrictEqual } = require('node:util');
const { startN8n, nodeOutputs, DEFAULT_OWNER } = require('./n8n-instance');
const { ensureN8n, PINNED } = require('./n8n-install');
const { runQueueMode } = require('./queue-mode');
const { runCoverage } = require('./coverage');
const stack = require('./xobin-stack');

const SCREENSHOTS_COMMITTED = path.join(stack.REPO, 'docs', 'images');
const SCREENSHOTS_RUN = path.join(stack.REPO, '.n8n-e2e', 'screenshots');
const CREDENTIAL_NAME = 'Xobin (mock)';
const OUTPUT_NAMES = ['Invited', 'Invites Exhausted'];
/** The Xobin node of the assessment variant of the webhook example. */
const ASSESSMENT_NODE = 'Invite to Assessment';
// The Xobin Trigger check: interview 206 and its seeded response 6726 (Jennifer Gross, "Started";
// the mock's completeInterview(6726) sends the documented Submission example).
const TRIGGER_INTERVIEW = 206;
const TRIGGER_RESPONSE = 6726;
const TRIGGER_NODE = 'Xobin Trigger';
const NOOP_NODE = 'No Operation';
const SECRET_HEADER = 'X-Xobin-Webhook-Secret';

/**
 * Xobin Trigger (automatic setup, both events, one interview; or `parameters`) -> NoOp, as the
 * editor exports it.
 */
function triggerWorkflow(credential, webhookId, parameters) {
	return {
		name: parameters ? 'E2E: Xobin Trigger (assessments) -> NoOp' : 'E2E: Xobin Trigger -> NoOp',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: TRIGGER_NODE,
				type: `${stack.PACKAGE_NAME}.xobinTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: parameters ?? {
					setup: 'automatic',
					events: ['completed', 'started'],
					scope: 'interview',
					aiInterviewId: TRIGGER_INTERVIEW,
				},
				credentials: {
					[stack.CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name },
				},
			},
			{
				id: crypto.randomUUID(),
				name: NOOP_NODE,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: NOOP_NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Poll `fn` (sync or async) every 200 ms until it returns something truthy; throws `msg` after `timeoutMs`. */
async function waitFor(fn, msg, timeoutMs = 30000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const got = await fn();
		if (got) return got;
		if (Date.now() > end) throw new AssertionError(`${msg} (waited ${timeoutMs / 1000} s)`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/**
 * The input item index each item of one output points back to (-1: no pairedItem, or one that
 * names several items or another input).
 */
function pairedIndexes(items) {
	return items.map((it) =>
		Number.isInteger(it.pairedItem?.item) && !it.pairedItem.input ? it.pairedItem.item : -1,
	);
}

/** Equal as JSON values (n8n stores items as JSON, so key order does not matter). */
function sameJson(a, b) {
	return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

// --- arguments -------------------------------------------------------------------------------------
/**
 * n8n 2.x applies the credential's `responseCode` rule to a 401 and shows its message; 1.x's
 * tester never sees the status there and shows its own "Authorization failed" text instead.
 */
function expectedWrongKeyMessage(version) {
	return version.startsWith('1.')
		? /^Authorization failed - please check your credentials$|^Xobin rejected the API key\./
		: /^Xobin rejected the API key\./;
}

function parseArgs(argv) {
	const o = {
		versions: [],
		browser: true,
		build: true,
		updateScreenshots: false,
		keep: false,
		queue: true,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--version' || a === '--versions') o.versions.push(...String(argv[++i]).split(','));
		else if (a.startsWith('--version=')) o.versions.push(...a.slice(10).split(','));
		else if (a === '--no-browser') o.browser = false;
		else if (a === '--no-build') o.build = false;
		else if (a === '--update-screenshots') o.updateScreenshots = true;
		else if (a === '--keep') o.keep = true;
		else if (a === '--no-queue') o.queue = false;
		else if (a === '--only-coverage')
			Object.assign(o, { onlyCoverage: true, queue: false, browser: false });
		else if (/^\d+\.\d+\.\d+$/.test(a)) o.versions.push(a);
		else if (a === '--help' || a === '-h') {
			console.log(
				'node scripts/e2e/run-e2e.js [--version 2.41.1|2.40.7|1.123.81]... [--no-browser] [--no-build] [--update-screenshots] [--keep] [--no-queue] [--only-coverage]',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (!o.versions.length) o.versions = Object.keys(PINNED);
	for (const v of o.versions) {
		if (!PINNED[v])
			throw new Error(`n8n ${v} is not pinned (have ${Object.keys(PINNED).join(', ')})`);
	}
	return o;
}

// --- reporting -------------------------------------------------------------------------------------
const results = [];
const phases = [];
const t0All = Date.now();

function say(msg) {
	console.log(msg);
}

async function phase(label, fn) {
	const t0 = Date.now();
	say(`::: ${label} ...`);
	try {
		return await fn();
	} finally {
		const s = (Date.now() - t0) / 1000;
		phases.push({ label, seconds: s });
		say(`::: ${label}: ${s.toFixed(1)} s`);
	}
}

class AssertionError extends Error {}
function check(cond, msg, detail) {
	if (!cond) {
		throw new AssertionError(
			detail === undefined
				? msg
				: `${msg}\n    got: ${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 1).slice(0, 3000)}`,
		);
	}
}

/** Run one named test; a failing `onFail` hook adds context (the n8n log tail). */
/**
 * Posts `body` to the production webhook `path` and waits for the workflow's execution that it
 * started (not one of `exclude`), which must succeed. -> the execution.
 */
async function postAndWait(n8n, path, body, { workflowId, exclude = [], timeoutMs = 120000 }) {
	const since = Date.now();
	const res = await n8n.runWebhook(path, body);
	check(res.status === 200, `POST /webhook/${path} answered ${res.status}`, res.data);
	const ex = await n8n.waitForExecution({ workflowId, since, exclude, timeoutMs });
	check(
		ex.status === 'success',
		`execution ${ex.id} ended "${ex.status}"`,
		ex.data?.resultData?.error,
	);
	return ex;
}

async function test(name, fn, { onFail, skipReason } = {}) {
	if (skipReason) {
		results.push({ name, ok: false, error: `not run: ${skipReason}` });
		say(`  FAIL ${name}\n       not run: ${skipReason}`);
		return false;
	}
	const t0 = Date.now();
	try {
		await fn();
		const s = ((Date.now() - t0) / 1000).toFixed(1);
		results.push({ name, ok: true, seconds: s });
		say(`  ok   ${name} (${s} s)`);
		return true;
	} catch (err) {
		const s = ((Date.now() - t0) / 1000).toFixed(1);
		const msg = err instanceof AssertionError ? err.message : err.stack || String(err);
		results.push({ name, ok: false, error: msg });
		say(`  FAIL ${name} (${s} s)\n       ${msg.replace(/\n/g, '\n       ')}`);
		if (onFail) {
			try {
				onFail();
			} catch {
				/* context only */
			}
		}
		return false;
	}
}

// --- one n8n version --------------------------------------------------------------------------------
async function runVersion(version, o, pack) {
	const tag = `[n8n ${version}]`;
	let n8n = null;
	let mock = null;
	let failedLogShown = false;
	const logTail = () => {
		if (!n8n || failedLogShown) return;
		failedLogShown = true;
		say(`       --- n8n ${version} log tail (${n8n.logFile}) ---`);
		say(
			n8n
				.logs()
				.slice(-5000)
				.split('\n')
				.map((l) => `       | ${l}`)
				.join('\n'),
		);
	};

	try {
		// 1. obtain n8n (cached outside the repo; first run installs it)
		let app = null;
		await phase(`${tag} obtain n8n (cache)`, async () => {
			app = await ensureN8n(version);
			say(`    ${app.cached ? 'cached' : 'installed now'}: ${app.dir} (node ${app.nodeBin})`);
		}).catch((err) => say(`    ${err.stack || err}`));

		// 2. install the packed tarball + start n8n + owner
		mock = await stack.startMock({ invitesLeft: 2 });
		const started = await test(
			`${tag} starts on 127.0.0.1 with the packed tarball installed into .n8n/nodes; owner set up via REST`,
			async () => {
				check(app, `n8n ${version} could not be obtained (see above)`);
				await phase(`${tag} install package + start n8n`, async () => {
					n8n = await startN8n({ version, packedTarball: pack.tarball });
				});
				say(
					`    installed package in ${n8n.timings.installPackage.toFixed(1)} s, n8n ready in ${n8n.timings.start.toFixed(1)} s at ${n8n.baseUrl} (user folder ${n8n.userFolder})`,
				);
				const dep = n8n.installed.dependencies[stack.PACKAGE_NAME];
				check(
					dep && dep.startsWith('file:') && dep.endsWith('.tgz'),
					`.n8n/nodes/package.json does not list ${stack.PACKAGE_NAME} from the tarball`,
					n8n.installed.dependencies,
				);
				const installedPkg = JSON.parse(
					fs.readFileSync(
						path.join(n8n.installed.nodesDir, 'node_modules', stack.PACKAGE_NAME, 'package.json'),
						'utf8',
					),
				);
				check(
					installedPkg.version === pack.version,
					`installed version ${installedPkg.version}, packed ${pack.version}`,
				);
				const owner = await n8n.setupOwner();
				check(owner && owner.email === DEFAULT_OWNER.email, 'owner setup answered', owner);
				await n8n.login();
			},
			{ onFail: logTail },
		);
		const skip = started ? undefined : 'n8n did not start';
		const coverage = () =>
			started &&
			runCoverage({ n8n, version, test, check, say, postAndWait, results, onFail: logTail });
		if (o.onlyCoverage) return await coverage();

		// 3. the package's types are listed by n8n under the package's own prefix
		await test(
			`${tag} lists the package's node types (${pack.nodeTypes.join(', ')}) and the xobinApi credential`,
			async () => {
				const types = await n8n.getNodeTypes();
				const ours = types.filter((d) => d.name.startsWith(`${stack.PACKAGE_NAME}.`));
				for (const t of pack.nodeTypes) {
					check(
						ours.some((d) => d.name === t),
						`n8n does not list ${t} (a broken "files" list or "n8n" section in package.json?)`,
						ours.map((d) => d.name),
					);
				}
				check(
					!types.some((d) => d.name.startsWith('CUSTOM.') && /xobin/i.test(d.name)),
					'the package was loaded as a CUSTOM. extension, not from .n8n/nodes',
				);
				const xobin = ours.find((d) => d.name === `${stack.PACKAGE_NAME}.xobin`);
				check(
					xobin && xobin.credentials?.some((c) => c.name === stack.CREDENTIAL_TYPE),
					'n8n-nodes-xobin.xobin does not declare the xobinApi credential',
					xobin?.credentials,
				);
				const ctypes = await n8n.getCredentialTypes();
				check(
					ctypes.some((c) => c.name === stack.CREDENTIAL_TYPE),
					`n8n does not list the ${stack.CREDENTIAL_TYPE} credential type`,
				);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 4. n8n's credential test (the editor's Test button)
		let credential = null;
		await test(
			`${tag} credential test passes for the right key (GET /tracks/stats with the apiKey header)`,
			async () => {
				credential = await stack.createXobinCredential(n8n, mock, { name: CREDENTIAL_NAME });
				check(credential && credential.id, 'credential not created', credential);
				const before = mock.requests.length;
				const res = await n8n.testCredential({
					id: credential.id,
					name: credential.name,
					type: stack.CREDENTIAL_TYPE,
					data: { apiKey: stack.MOCK_API_KEY, baseUrl: mock.url },
				});
				check(res.status === 'OK', 'credential test with the right key did not pass', res);
				const got = mock.requests.slice(before);
				check(
					got.length === 1 &&
						got[0].method === 'GET' &&
						got[0].path === '/api/v2/tracks/stats' &&
						got[0].headers.apikey === stack.MOCK_API_KEY,
					'the mock did not get exactly one GET /api/v2/tracks/stats with the right apiKey header',
					got.map((r) => ({ method: r.method, path: r.path, apikey: r.headers.apikey })),
				);
			},
			{ onFail: logTail, skipReason: skip },
		);
		await test(
			`${tag} credential test fails for a wrong key with a clear message`,
			async () => {
				const before = mock.requests.length;
				const res = await n8n.testCredential({
					name: 'Xobin (wrong key)',
					type: stack.CREDENTIAL_TYPE,
					data: { apiKey: 'not-the-right-key', baseUrl: mock.url },
				});
				check(res.status === 'Error', 'credential test with a wrong key did not fail', res);
				check(
					typeof res.message === 'string' && expectedWrongKeyMessage(version).test(res.message),
					`the failure message does not match ${expectedWrongKeyMessage(version)}`,
					res,
				);
				say(`    wrong key -> "${res.message}"`);
				const got = mock.requests.slice(before);
				check(
					got.some(
						(r) => r.path === '/api/v2/tracks/stats' && r.headers.apikey === 'not-the-right-key',
					),
					'the mock never saw the wrong key (was the test request sent at all?)',
					got.map((r) => ({ path: r.path, apikey: r.headers.apikey })),
				);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 5. every committed example imports and only uses node types this n8n knows
		const examples = stack.listExamples();
		await test(
			`${tag} imports the committed example workflows (${examples.join(', ')}) with all node types known`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				const types = new Set((await n8n.getNodeTypes()).map((d) => d.name));
				for (const file of examples) {
					if (file === stack.WEBHOOK_EXAMPLE) continue; // imported below, to run it
					const wf = await stack.importExample(n8n, file, credential);
					check(wf && wf.id, `${file} was not imported`, wf);
					const stored = await n8n.getWorkflow(wf.id);
					const unknown = stored.nodes.filter((n) => !types.has(n.type)).map((n) => n.type);
					check(!unknown.length, `${file} uses node types n8n does not know`, unknown);
				}
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 6. run the webhook example
		const info = stack.webhookExampleInfo();
		let workflow = null;
		const candidates = [
			{ name: 'Alex Tanaka', email: 'alex.tanaka@example.com', interviewId: '305', id: 'CAND-1' },
			{ name: 'Priya Raman', email: 'priya.raman@example.com', interviewId: 305, id: 'CAND-2' },
			{ name: 'Jonas Weber', email: 'jonas.weber@example.com', interviewId: 305, id: 'CAND-3' },
		];
		await test(
			`${tag} webhook example: 3 candidates, 2 invites left -> 2 on "${OUTPUT_NAMES[0]}" with invite links, 1 on "${OUTPUT_NAMES[1]}"`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				workflow = await stack.importExample(n8n, stack.WEBHOOK_EXAMPLE, credential);
				const stored = await n8n.getWorkflow(workflow.id);
				const xnode = stored.nodes.find((n) => n.name === info.xobinNode);
				check(
					xnode?.credentials?.[stack.CREDENTIAL_TYPE]?.id === String(credential.id),
					'the imported Xobin node does not use the created credential',
					xnode?.credentials,
				);
				await n8n.activateWorkflow(workflow.id);
				mock.reset(); // only the run's requests from here on (quota back to 2)
				check(mock.invitesLeft === 2, `mock quota ${mock.invitesLeft}, expected 2`);
				const ex = await postAndWait(
					n8n,
					info.webhookPath,
					{ candidates },
					{
						workflowId: workflow.id,
					},
				);

				const outs = nodeOutputs(ex, info.xobinNode);
				check(outs && outs.length === 2, `"${info.xobinNode}" did not produce 2 outputs`, outs);
				const [invited, exhausted] = outs;
				check(
					invited.length === 2 && exhausted.length === 1,
					`expected 2 items on "${OUTPUT_NAMES[0]}" and 1 on "${OUTPUT_NAMES[1]}", got ${invited.length} and ${exhausted.length}`,
					outs,
				);
				for (const item of invited) {
					const c = candidates.find((x) => x.email === item.email);
					check(c, 'an invited item does not match a posted candidate', item);
					check(
						/^https:\/\/\S+\/interviews\/ai\/invite\/\S+$/.test(item.invite_link || ''),
						'invited item has no invite link',
						item,
					);
					check(
						item.name === c.name &&
							item.custom_field_id === c.id &&
							Number(item.ai_interview_id) === 305 &&
							item.status === 'Pending' &&
							Number.isInteger(item.response_id),
						"invited item does not carry Xobin's answer for the candidate",
						item,
					);
				}
				const ex0 = exhausted[0];
				check(
					ex0.code === 'limit_exceed' &&
						/Invites Exhausted/.test(ex0.message || '') &&
						ex0.inviteAttempted === true &&
						candidates.some((c) => c.email === ex0.email && c.name === ex0.name),
					"the Invites Exhausted item does not carry the candidate, code limit_exceed and Xobin's message",
					ex0,
				);
				// every candidate exactly once across both outputs
				const seen = [...invited.map((i) => i.email), ex0.email].sort();
				check(
					JSON.stringify(seen) === JSON.stringify(candidates.map((c) => c.email).sort()),
					'candidates are not each on exactly one output',
					seen,
				);
				// each item of both outputs points at its own input item (n8n does not fill it for 2 outputs)
				const raw = ex.data.resultData.runData[info.xobinNode][0].data.main;
				const wantIndexes = raw.map((items) =>
					items.map((it) => candidates.findIndex((c) => c.email === it.json.email)),
				);
				check(
					sameJson(raw.map(pairedIndexes), wantIndexes),
					"an output item's pairedItem is not the index of its candidate's input item",
					{ got: raw.map(pairedIndexes), expected: wantIndexes },
				);
				// the nodes wired to each output got those items
				const down0 = nodeOutputs(ex, info.invitedNode)?.[0] || [];
				const down1 = nodeOutputs(ex, info.exhaustedNode)?.[0] || [];
				check(
					JSON.stringify(down0.map((i) => i.email).sort()) ===
						JSON.stringify(invited.map((i) => i.email).sort()) &&
						down1.length === 1 &&
						down1[0].email === ex0.email,
					`"${info.invitedNode}" / "${info.exhaustedNode}" did not receive the two outputs`,
					{ [info.invitedNode]: down0, [info.exhaustedNode]: down1 },
				);

				// what the mock received
				const inv = mock.requests.filter((r) => r.path === '/api/v2/ai-interviews/invite');
				check(
					inv.length === 3 && mock.requests.length === 3,
					`the mock got ${mock.requests.length} requests (${inv.length} invites), expected exactly 3 invites`,
					mock.requests.map((r) => `${r.method} ${r.path}`),
				);
				for (const r of inv) {
					check(r.method === 'POST', `invite request used ${r.method}`);
					check(
						r.headers.apikey === stack.MOCK_API_KEY,
						"an invite request lacks the credential's apiKey header",
						r.headers,
					);
					const c = candidates.find((x) => x.email === r.body?.candidate_email);
					check(
						c &&
							r.body.candidate_name === c.name &&
							r.body.ai_interview_id === 305 &&
							r.body.invite_format === 'getlink' &&
							r.body.custom_field_id === c.id,
						'an invite request body is not what the example maps',
						r.body,
					);
				}
				check(
					new Set(inv.map((r) => r.body.candidate_email)).size === 3,
					'a candidate was sent twice',
					inv.map((r) => r.body),
				);
				const links = new Set(mock.invites.map((i) => i.invite_link));
				check(
					mock.invites.length === 2 && invited.every((i) => links.has(i.invite_link)),
					'the invite links in the output are not the ones the mock issued',
					{ mock: [...links], output: invited.map((i) => i.invite_link) },
				);
				const st = mock.stats();
				check(st.candidatesInvitedMoreThanOnce === 0, 'a candidate was invited twice', st);
				say(
					`    execution ${ex.id}: invited ${invited.map((i) => i.email).join(', ')}; exhausted ${ex0.email}`,
				);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 6b. the same webhook workflow inviting to an assessment, in bulk: 250 candidates, 130 invites
		let assessmentWorkflow = null;
		await test(
			`${tag} assessment invites in bulk: 250 candidates, 130 invites left -> 130 on "${OUTPUT_NAMES[0]}" (2 bulk requests, 31 one by one), 120 on "${OUTPUT_NAMES[1]}", each once`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				const wf = JSON.parse(JSON.stringify(info.workflow));
				wf.name = 'E2E: assessment invites in bulk';
				const hook = wf.nodes.find((n) => n.name === info.webhookNode);
				hook.parameters.path = 'xobin-assessment-invites';
				hook.webhookId = crypto.randomUUID();
				const xnode = wf.nodes.find((n) => n.name === info.xobinNode);
				xnode.name = ASSESSMENT_NODE;
				wf.connections[ASSESSMENT_NODE] = wf.connections[info.xobinNode];
				delete wf.connections[info.xobinNode];
				for (const targets of Object.values(wf.connections))
					for (const output of targets.main)
						for (const link of output)
							if (link.node === info.xobinNode) link.node = ASSESSMENT_NODE;
				xnode.parameters = {
					resource: 'assessment',
					operation: 'invite',
					candidateName: '={{ $json.name }}',
					candidateEmail: '={{ $json.email }}',
					assessmentId: 53280,
					inviteFormat: 'getlink',
					options: { concurrency: 1 },
				};
				const imported = await n8n.importWorkflow(stack.withCredential(wf, credential));
				assessmentWorkflow = imported;
				await n8n.activateWorkflow(imported.id);
				mock.reset();
				mock.setAssessmentInvitesLeft(130);
				const posted = Array.from({ length: 250 }, (_, i) => ({
					name: `Candidate ${i + 1}`,
					email: `candidate${i + 1}@example.com`,
				}));
				const ex = await postAndWait(
					n8n,
					'xobin-assessment-invites',
					{ candidates: posted },
					{ workflowId: imported.id },
				);
				const [invited, exhausted] = nodeOutputs(ex, ASSESSMENT_NODE) || [[], []];
				check(
					invited.length === 130 && exhausted.length === 120,
					`expected 130 invited and 120 exhausted, got ${invited.length} and ${exhausted.length}`,
				);
				check(
					JSON.stringify(invited.map((i) => i.email)) ===
						JSON.stringify(posted.slice(0, 130).map((c) => c.email)),
					'the invited candidates are not the first 130, in input order',
				);
				check(
					invited.every(
						(i) => /^https:\/\//.test(i.invite_link || '') && Number.isInteger(i.report_id),
					),
					'an invited item has no invite link or report_id',
				);
				const seen = [...invited, ...exhausted].map((i) => i.email || i.candidate_email).sort();
				check(
					JSON.stringify(seen) === JSON.stringify(posted.map((c) => c.email).sort()),
					'candidates are not each on exactly one output',
				);
				const raw = ex.data.resultData.runData[ASSESSMENT_NODE][0].data.main;
				const wantIndexes = raw.map((items) =>
					items.map((it) =>
						posted.findIndex((c) => c.email === (it.json.email ?? it.json.candidate_email)),
					),
				);
				check(
					sameJson(raw.map(pairedIndexes), wantIndexes),
					"an output item's pairedItem is not the index of its candidate's input item",
					{ got: raw.map(pairedIndexes), expected: wantIndexes },
				);
				const bulk = mock.requests.filter((r) => r.path === '/api/v2/assessment/invite');
				const single = mock.requests.filter((r) => r.path === '/api/v2/assessments/invite');
				check(
					bulk.length === 2 && single.length === 31,
					`expected 2 bulk and 31 single requests, got ${bulk.length} and ${single.length}`,
				);
				const st = mock.stats();
				check(
					st.assessmentInvites === 130 && st.assessmentCandidatesInvitedMoreThanOnce === 0,
					'the mock did not invite exactly 130 candidates once each',
					st,
				);
				await n8n.deactivateWorkflow(imported.id);
				say(`    execution ${ex.id}: ${bulk.length} bulk + ${single.length} single requests`);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 6c. the Track example: the same applicant posted twice is added once; the second run takes
		// the workflow's "already in the track" branch (n8n's real IF node on already_exists)
		await test(
			`${tag} Track example: an applicant posted twice is added once, and the second run takes the "Already an Applicant" branch`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				const file = 'add-applicant-from-webhook.json';
				const wf = await stack.importExample(n8n, file, credential);
				await n8n.activateWorkflow(wf.id);
				mock.reset();
				const applicant = { name: 'Dana Fischer', email: 'dana.fischer@example.com' };
				const runs = [];
				for (let i = 0; i < 2; i++) {
					const ex = await postAndWait(n8n, 'xobin-add-applicant', applicant, {
						workflowId: wf.id,
						exclude: runs.map((run) => run.id),
						timeoutMs: 60000,
					});
					runs.push(ex);
				}
				const [first, second] = runs;
				const sent = nodeOutputs(first, 'Invitation Sent')?.[0] || [];
				check(
					sent.length === 1 &&
						sent[0].already_exists === false &&
						sent[0].email === applicant.email &&
						/^https:\/\//.test(sent[0].invite_link || ''),
					'the first run did not reach "Invitation Sent" with the invite link',
					sent,
				);
				const again = nodeOutputs(second, 'Already an Applicant')?.[0] || [];
				check(
					again.length === 1 &&
						again[0].already_exists === true &&
						again[0].email === applicant.email,
					'the second run did not reach "Already an Applicant" with already_exists: true',
					nodeOutputs(second, 'Add to Backend Engineer Track'),
				);
				const stored = mock.trackApplicants(6578).filter((a) => a.email === applicant.email);
				check(
					stored.length === 1,
					`the mock holds ${stored.length} applicants with that email, expected 1`,
				);
				await n8n.deactivateWorkflow(wf.id);
				say(`    executions ${first.id} (added) and ${second.id} (already in the track)`);
			},
			{ onFail: logTail, skipReason: skip },
		);

		// 6d. the Xobin Polling Trigger on n8n's one-minute schedule (scripts/e2e/polling.js)
		await require('./polling').runPollingCheck({
			...{ tag, n8n, mock, credential, test, check, say, waitFor },
			...{ onFail: logTail, skipReason: skip },
		});

		// 7. the Xobin Trigger in automatic setup: register on activation, run on Xobin's calls,
		//    refuse calls without the secret, switch off on deactivation
		const trig = {
			workflow: null,
			webhookId: crypto.randomUUID(),
			url: null,
			secret: null,
			settingsPath: `/api/v2/ai-interviews/settings/webhooks/${TRIGGER_INTERVIEW}`,
		};
		const triggerSkip = () => skip || (trig.secret ? undefined : 'the trigger was not registered');
		const settingsRequests = (since) =>
			mock.requests
				.slice(since)
				.filter((r) => r.path.startsWith('/api/v2/ai-interviews/settings/webhooks'));
		const newExecutionIds = async (before) =>
			(await n8n.getExecutions({ workflowId: trig.workflow.id }))
				.map((e) => String(e.id))
				.filter((id) => !before.has(id));
		await test(
			`${tag} Xobin Trigger (automatic setup): activating registers n8n's production webhook URL and a secret for AI interview ${TRIGGER_INTERVIEW} in Xobin`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				trig.workflow = await n8n.importWorkflow(triggerWorkflow(credential, trig.webhookId));
				const stored = await n8n.getWorkflow(trig.workflow.id);
				check(
					stored.nodes.find((n) => n.name === TRIGGER_NODE)?.webhookId === trig.webhookId,
					"n8n did not keep the trigger node's webhookId",
					stored.nodes,
				);
				const before = mock.requests.length;
				await n8n.activateWorkflow(trig.workflow.id);
				const got = await waitFor(() => {
					const r = settingsRequests(before);
					return r.length ? r : null;
				}, 'the mock never received a webhook settings request');
				check(
					got.length === 1 && got[0].method === 'PUT' && got[0].path === trig.settingsPath,
					`expected exactly one PUT ${trig.settingsPath}`,
					got.map((r) => `${r.method} ${r.path}`),
				);
				const [req] = got;
				check(
					req.headers.apikey === stack.MOCK_API_KEY,
					"the registration lacks the credential's apiKey header",
					req.headers,
				);
				// Each event has its own URL: the trigger knows the event from the URL Xobin calls.
				const base = `http://127.0.0.1:${n8n.port}/webhook/${trig.webhookId}`;
				const urls = { started: `${base}/started`, completed: `${base}/completed` };
				const { webhooks } = req.body || {};
				check(
					webhooks?.start?.status === true &&
						webhooks.start.url === urls.started &&
						webhooks.submission?.status === true &&
						webhooks.submission.url === urls.completed,
					`Start and Submission are not switched on with n8n's production URLs ${urls.started} and ${urls.completed}`,
					req.body,
				);
				const auth = webhooks.auth;
				check(
					auth?.type === 'apikey' &&
						auth.status === true &&
						auth.apikey?.key === SECRET_HEADER &&
						/^[0-9a-f]{64}$/.test(auth.apikey?.value || '') &&
						auth.apikey.header === SECRET_HEADER &&
						auth.apikey.apikey === auth.apikey.value,
					`the registration has no api-key auth with header ${SECRET_HEADER} and a 256-bit hex secret`,
					auth,
				);
				check(
					mock.webhookSettings(TRIGGER_INTERVIEW)?.submission?.url === urls.completed,
					`the mock did not store the settings of interview ${TRIGGER_INTERVIEW}`,
					mock.webhookSettings(TRIGGER_INTERVIEW),
				);
				trig.urls = urls;
				trig.secret = auth.apikey.value;
				say(`    registered ${base}/{started,completed} (secret ${trig.secret.slice(0, 6)}…)`);
			},
			{ onFail: logTail, skipReason: skip },
		);

		await test(
			`${tag} Xobin Trigger: Xobin's Submission call with the secret runs the workflow; the trigger outputs the payload plus event "AI Interview Completed" and its deliveryKey, and the NoOp node gets it`,
			async () => {
				const before = new Set(
					(await n8n.getExecutions({ workflowId: trig.workflow.id })).map((e) => String(e.id)),
				);
				const since = Date.now();
				const answer = await mock.completeInterview(TRIGGER_RESPONSE);
				const delivery = mock.deliveries[mock.deliveries.length - 1];
				check(
					answer &&
						delivery &&
						delivery.url === trig.urls.completed &&
						delivery.headers[SECRET_HEADER] === trig.secret,
					'the mock did not deliver the Submission to the registered URL with the registered secret',
					{ answer, delivery },
				);
				check(
					answer.status === 200,
					`n8n answered the Submission call ${answer.status}`,
					answer.body,
				);
				const ex = await n8n.waitForExecution({
					workflowId: trig.workflow.id,
					exclude: [...before],
					since,
				});
				check(
					ex.status === 'success',
					`execution ${ex.id} ended "${ex.status}"`,
					ex.data?.resultData?.error,
				);
				const expected = {
					...delivery.payload,
					event: 'AI Interview Completed',
					deliveryKey: `completed:${delivery.payload.response_id}:${delivery.payload.invite_status}`,
				};
				const out = nodeOutputs(ex, TRIGGER_NODE)?.[0];
				check(
					out?.length === 1 && sameJson(out[0], expected),
					`"${TRIGGER_NODE}" did not output exactly the payload plus event`,
					{ expected, got: out },
				);
				check(
					delivery.payload.invite_status === 'Completed' && delivery.payload.score === 38,
					'the mock did not send the documented Submission example',
					delivery.payload,
				);
				const down = nodeOutputs(ex, NOOP_NODE)?.[0];
				check(
					down?.length === 1 && sameJson(down[0], expected),
					`"${NOOP_NODE}" did not get the trigger's item`,
					down,
				);
				check(
					(await newExecutionIds(before)).length === 1,
					'the Submission call started more than one execution',
					await newExecutionIds(before),
				);
				say(
					`    execution ${ex.id}: ${out[0].event} for ${out[0].candidate_name} (score ${out[0].score})`,
				);
			},
			{ onFail: logTail, skipReason: triggerSkip() },
		);

		await test(
			`${tag} Xobin Trigger: the same Submission delivered again is acknowledged and starts no second execution`,
			async () => {
				const last = mock.deliveries[mock.deliveries.length - 1];
				check(last, 'no earlier Submission to repeat');
				const before = new Set(
					(await n8n.getExecutions({ workflowId: trig.workflow.id })).map((e) => String(e.id)),
				);
				const again = await mock.deliverWebhook(trig.urls.completed, last.payload, {
					[SECRET_HEADER]: trig.secret,
				});
				check(
					again.status === 200 && /already delivered/.test(again.body?.message || ''),
					`the repeated Submission was answered ${again.status}, expected 200 "… was already delivered"`,
					again.body,
				);
				// Give n8n the time an execution would take to show up, then check none did.
				await new Promise((resolve) => setTimeout(resolve, 1500));
				const fresh = await newExecutionIds(before);
				check(fresh.length === 0, `the repeated Submission started executions ${fresh.join(', ')}`);
			},
			{ onFail: logTail, skipReason: triggerSkip() },
		);

		await test(
			`${tag} Xobin Trigger: a call without the secret, or with a wrong one, is answered 401 and starts no execution`,
			async () => {
				const before = new Set(
					(await n8n.getExecutions({ workflowId: trig.workflow.id })).map((e) => String(e.id)),
				);
				const since = Date.now();
				const payload = mock.deliveries[mock.deliveries.length - 1]?.payload || {
					ai_interview_id: TRIGGER_INTERVIEW,
					invite_status: 'Completed',
				};
				const none = await mock.deliverWebhook(trig.urls.completed, payload, {});
				const wrong = await mock.deliverWebhook(trig.urls.completed, payload, {
					[SECRET_HEADER]: '0'.repeat(64),
				});
				for (const [what, res] of [
					['without the secret', none],
					['with a wrong secret', wrong],
				]) {
					check(
						res.status === 401 && new RegExp(SECRET_HEADER).test(res.body?.message || ''),
						`a call ${what} was answered ${res.status}, expected 401 naming ${SECRET_HEADER}`,
						res.body,
					);
				}
				// A valid Start call afterwards: once its execution is done, any execution the two
				// refused calls had started would be listed too.
				const start = await mock.startInterview(TRIGGER_RESPONSE);
				check(start?.status === 200, `n8n answered the Start call ${start?.status}`, start?.body);
				const ex = await n8n.waitForExecution({
					workflowId: trig.workflow.id,
					exclude: [...before],
					since,
				});
				const out = nodeOutputs(ex, TRIGGER_NODE)?.[0];
				check(
					ex.status === 'success' &&
						out?.length === 1 &&
						out[0].event === 'AI Interview Started' &&
						out[0].invite_status === 'Started',
					'the Start call after the refused ones did not run as "AI Interview Started"',
					{ status: ex.status, out },
				);
				const fresh = await newExecutionIds(before);
				check(
					fresh.length === 1 && fresh[0] === String(ex.id),
					`the refused calls started executions (new: ${fresh.join(', ')}; the Start call's: ${ex.id})`,
				);
			},
			{ onFail: logTail, skipReason: triggerSkip() },
		);

		await test(
			`${tag} Xobin Trigger: deactivating switches the Start and Submission webhooks of AI interview ${TRIGGER_INTERVIEW} off in Xobin`,
			async () => {
				const before = mock.requests.length;
				await n8n.deactivateWorkflow(trig.workflow.id);
				const got = await waitFor(() => {
					const r = settingsRequests(before);
					return r.length ? r : null;
				}, 'the mock never received the switch-off request');
				check(
					got.length === 1 && got[0].method === 'PUT' && got[0].path === trig.settingsPath,
					`expected exactly one PUT ${trig.settingsPath}`,
					got.map((r) => `${r.method} ${r.path}`),
				);
				check(
					got[0].headers.apikey === stack.MOCK_API_KEY &&
						sameJson(got[0].body, {
							webhooks: {
								start: { status: false, url: trig.urls.started },
								submission: { status: false, url: trig.urls.completed },
							},
						}),
					'the switch-off request is not Start and Submission with status false (and no auth)',
					got[0].body,
				);
				const settings = mock.webhookSettings(TRIGGER_INTERVIEW);
				check(
					settings?.start?.status === false && settings?.submission?.status === false,
					`interview ${TRIGGER_INTERVIEW}'s webhooks are still on in the mock`,
					settings,
				);
				const late = await waitFor(async () => {
					const res = await mock.deliverWebhook(
						trig.urls.completed,
						{ invite_status: 'Completed' },
						{ [SECRET_HEADER]: trig.secret },
					);
					return res.status === 404 ? res : null;
				}, 'n8n still serves the trigger URL after deactivation');
				check(late.status === 404, `the trigger URL answered ${late.status} after deactivation`);
			},
			{ onFail: logTail, skipReason: triggerSkip() },
		);

		// 7a. the Xobin Trigger for assessments: account-wide registration through POST /webhooks, and
		//     a Xobin that ignores the webhook auth still gets through with the secret in the URL
		await test(
			`${tag} Xobin Trigger (assessments, account-wide): activating registers the URLs with the secret in them; Xobin's Start call without the auth header runs the workflow as "Assessment Started"; a call without the secret gets 401; deactivating switches the events off`,
			async () => {
				check(credential, 'no credential (credential test failed)');
				const webhookId = crypto.randomUUID();
				const workflow = await n8n.importWorkflow(
					triggerWorkflow(credential, webhookId, {
						product: 'assessment',
						setup: 'automatic',
						assessmentEvents: ['assessmentStarted', 'assessmentUpdated'],
						assessmentScope: 'account',
					}),
				);
				const accountRequests = (since) =>
					mock.requests.slice(since).filter((r) => r.path === '/api/v2/webhooks');
				mock.setAssessmentWebhookAuthIgnored(true);
				try {
					let since = mock.requests.length;
					await n8n.activateWorkflow(workflow.id);
					const [on] = await waitFor(() => {
						const r = accountRequests(since);
						return r.length ? r : null;
					}, 'the mock never received POST /webhooks');
					const secret = on.body?.webhooks?.auth?.apikey?.value || '';
					const base = `http://127.0.0.1:${n8n.port}/webhook/${webhookId}`;
					const urls = {
						start: `${base}/assessment-started`,
						updates: `${base}/assessment-updated`,
					};
					check(
						/^[0-9a-f]{64}$/.test(secret) &&
							sameJson(on.body, {
								webhooks: {
									start: { status: true, url: `${urls.start}?secret=${secret}` },
									updates: { status: true, url: `${urls.updates}?secret=${secret}` },
									auth: on.body.webhooks.auth,
								},
								updateAll: true,
								updateAuth: true,
							}),
						"POST /webhooks does not switch Start and updates on with n8n's URLs carrying the secret",
						on.body,
					);
					const before = new Set(
						(await n8n.getExecutions({ workflowId: workflow.id })).map((e) => String(e.id)),
					);
					const sinceMs = Date.now();
					const none = await mock.deliverWebhook(urls.start, { id: 1, assessment_id: 53280 });
					check(none.status === 401, `a call without the secret was answered ${none.status}`);
					const answer = await mock.startAssessment(319);
					const delivery = mock.deliveries[mock.deliveries.length - 1];
					check(
						answer?.status === 200 && !(SECRET_HEADER in delivery.headers),
						`the Start call without the auth header was answered ${answer?.status}`,
						{ answer, headers: delivery?.headers },
					);
					const ex = await n8n.waitForExecution({
						workflowId: workflow.id,
						exclude: [...before],
						since: sinceMs,
					});
					const expected = {
						...delivery.payload,
						report_id: 319,
						started_at_iso: new Date(delivery.payload.started_at).toISOString(),
						event: 'Assessment Started',
						deliveryKey: 'assessmentStarted:319',
					};
					const out = nodeOutputs(ex, TRIGGER_NODE)?.[0];
					check(
						ex.status === 'success' && out?.length === 1 && sameJson(out[0], expected),
						`"${TRIGGER_NODE}" did not output the Start payload plus report_id, started_at_iso, event`,
						{ expected, got: out },
					);
					since = mock.requests.length;
					await n8n.deactivateWorkflow(workflow.id);
					const [off] = await waitFor(() => {
						const r = accountRequests(since);
						return r.length ? r : null;
					}, 'the mock never received the switch-off');
					check(
						sameJson(off.body, {
							webhooks: {
								start: { status: false, url: urls.start },
								updates: { status: false, url: urls.updates },
							},
							updateAuth: false,
							updateAll: true,
						}),
						'the switch-off is not Start and updates with status false',
						off.body,
					);
					say(
						`    execution ${ex.id}: ${out[0].event} for ${out[0].name} (report ${out[0].report_id})`,
					);
				} finally {
					mock.setAssessmentWebhookAuthIgnored(false);
				}
			},
			{ onFail: logTail, skipReason: skip },
		);

		// "Listen for test event" never takes an active trigger's webhooks away (test-listening.js)
		const { checkTestListening } = require('./test-listening');
		await checkTestListening({ n8n, mock, credential, tag, test, skip, onFail: logTail });

		// 7b. n8n 2.x's AI Agent using the Xobin node as a tool (scripts/e2e/ai-agent.js)
		if (!version.startsWith('1.')) {
			const { runAgentChecks } = require('./ai-agent');
			for (const api of ['responses', 'chat']) {
				const agentResults = started ? await runAgentChecks({ n8n, mock, api }) : [];
				if (api === 'responses' && o.browser && agentResults.workflowId) {
					await test(
						`${tag} editor (headless Chromium): the AI Agent canvas with the Xobin tool`,
						async () => {
							const { screenshotCanvas } = require('./browser-check');
							const { NODES } = require('./ai-agent');
							const dir = o.updateScreenshots ? SCREENSHOTS_COMMITTED : SCREENSHOTS_RUN;
							const file = await screenshotCanvas({
								baseUrl: n8n.baseUrl,
								owner: DEFAULT_OWNER,
								workflowId: agentResults.workflowId,
								nodeNames: Object.values(NODES),
								file: path.join(dir, `n8n-${version}-ai-agent-canvas.png`),
							});
							say(`    screenshot: ${file}`);
						},
						{ onFail: logTail },
					);
				}
				if (!started)
					results.push({
						name: `${tag} AI Agent (${api})`,
						ok: false,
						error: 'not run: n8n did not start',
					});
				for (const r of agentResults) {
					results.push({ name: r.name, ok: r.ok, error: r.ok ? undefined : r.detail });
					say(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n       ${r.detail}`}`);
				}
			}
		}

		// 8. every operation of the Xobin node, and the trigger lines (scripts/e2e/coverage.js)
		await coverage();

		// 9. the editor in headless Chromium
		if (o.browser) {
			await test(
				`${tag} editor (headless Chromium): canvas shows "${OUTPUT_NAMES.join('" and "')}", node panel shows the invite fields`,
				async () => {
					check(workflow, 'the webhook example was not imported');
					const { checkEditor } = require('./browser-check');
					const res = await phase(`${tag} browser check`, () =>
						checkEditor({
							baseUrl: n8n.baseUrl,
							owner: DEFAULT_OWNER,
							workflowId: workflow.id,
							xobinNode: info.xobinNode,
							nodeType: `${stack.PACKAGE_NAME}.xobin`,
							outputNames: OUTPUT_NAMES,
							outputTargets: [info.invitedNode, info.exhaustedNode],
							credentialName: CREDENTIAL_NAME,
							screenshotDir: o.updateScreenshots ? SCREENSHOTS_COMMITTED : SCREENSHOTS_RUN,
							prefix: `n8n-${version}`,
						}),
					);
					say(
						`    screenshots: ${res.screenshots.map((s) => path.relative(stack.REPO, s)).join(', ')}`,
					);
				},
				{ onFail: logTail, skipReason: skip },
			);
			await test(
				`${tag} editor (headless Chromium): the Assessment invite also draws "${OUTPUT_NAMES.join('" and "')}" and shows its fields`,
				async () => {
					check(assessmentWorkflow, 'the assessment workflow was not imported');
					const { checkEditor } = require('./browser-check');
					const res = await phase(`${tag} browser check (assessment)`, () =>
						checkEditor({
							baseUrl: n8n.baseUrl,
							owner: DEFAULT_OWNER,
							workflowId: assessmentWorkflow.id,
							xobinNode: ASSESSMENT_NODE,
							nodeType: `${stack.PACKAGE_NAME}.xobin`,
							outputNames: OUTPUT_NAMES,
							outputTargets: [info.invitedNode, info.exhaustedNode],
							credentialName: CREDENTIAL_NAME,
							screenshotDir: o.updateScreenshots ? SCREENSHOTS_COMMITTED : SCREENSHOTS_RUN,
							prefix: `n8n-${version}-assessment`,
							fields: [
								['Candidate Name', 'candidateName'],
								['Candidate Email', 'candidateEmail'],
								['Assessment ID', 'assessmentId'],
								['Invite Format', 'inviteFormat'],
							],
						}),
					);
					say(
						`    screenshots: ${res.screenshots.map((s) => path.relative(stack.REPO, s)).join(', ')}`,
					);
				},
				{ onFail: logTail, skipReason: skip },
			);
			await test(`${tag} editor (headless Chromium): the Track list shows the mock's tracks, choosing one fills the stage dropdown`, () =>
				require('./picker-check').checkPickers({ n8n, owner: DEFAULT_OWNER, credential, screenshotDir: o.updateScreenshots ? SCREENSHOTS_COMMITTED : SCREENSHOTS_RUN, prefix: `n8n-${version}` }), { onFail: logTail, skipReason: skip });
		}
	} finally {
		await phase(`${tag} stop`, async () => {
			if (n8n) {
				const failed = results.some((r) => !r.ok && r.name.startsWith(tag));
				await n8n.stop({ removeUserFolder: !o.keep && !failed });
				if (o.keep || failed) say(`    n8n user folder kept: ${n8n.userFolder}`);
			}
			if (mock) await mock.close();
		});
	}
}

// --- main ---------------------------------------------------------------------------------------------
async function main() {
	const o = parseArgs(process.argv.slice(2));
	say(
		`n8n-nodes-xobin e2e: n8n ${o.versions.join(', ')}${o.browser ? ', with the editor check in headless Chromium' : ', no browser'}`,
	);
	let pack = null;
	try {
		pack = await phase(o.build ? 'build + npm pack' : 'npm pack (existing dist/)', () =>
			stack.buildAndPack({ build: o.build }),
		);
		say(
			`    ${path.basename(pack.tarball)}: ${pack.files.length} files; n8n section loads ${pack.n8nFiles.join(', ')}`,
		);
	} catch (err) {
		results.push({ name: 'build + pack the package', ok: false, error: String(err.stack || err) });
		say(`  FAIL build + pack the package\n       ${err.stack || err}`);
	}
	if (pack && o.browser) {
		await phase('chromium (Debian package; apt-get install if missing)', async () => {
			const { ensureChromium } = require('./chromium');
			const c = await ensureChromium();
			say(
				`    ${c.version} at ${c.path}${c.installedSeconds ? ` (installed in ${c.installedSeconds.toFixed(1)} s)` : ''}`,
			);
		}).catch((err) => {
			results.push({ name: 'chromium available', ok: false, error: String(err.stack || err) });
			say(`  FAIL chromium available\n       ${err.stack || err}`);
			o.browser = false;
		});
	}
	if (pack) {
		try {
			for (const v of o.versions) {
				await runVersion(v, o, pack).catch((err) => {
					results.push({ name: `[n8n ${v}] run`, ok: false, error: String(err.stack || err) });
					say(`  FAIL [n8n ${v}] run\n       ${err.stack || err}`);
				});
				if (o.queue) {
					await runQueueMode({
						version: v,
						pack,
						test,
						check,
						say,
						phase,
						waitFor,
						triggerWorkflow,
					}).catch((err) => {
						results.push({
							name: `[n8n ${v} queue mode] run`,
							ok: false,
							error: String(err.stack || err),
						});
						say(`  FAIL [n8n ${v} queue mode] run\n       ${err.stack || err}`);
					});
				}
			}
		} finally {
			pack.cleanup();
		}
	}

	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	say('\nphase timings:');
	for (const p of phases) say(`  ${p.seconds.toFixed(1).padStart(7)} s  ${p.label}`);
	say(`  ${((Date.now() - t0All) / 1000).toFixed(1).padStart(7)} s  total`);
	if (failed) {
		say('\nfailed:');
		for (const r of results.filter((x) => !x.ok)) say(`  - ${r.name}`);
	}
	say(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));
main().catch((err) => {
	console.error(err.stack || err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
