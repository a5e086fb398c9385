// Every operation of the Xobin node, run in real n8n against the mock Xobin (its own mock and
// credential): for each <resource>:<operation> a small workflow Webhook -> Xobin node is imported,
// activated and called once (n8n's production path, the same on 1.x and 2.x), and every output
// item is compared with what the mock holds (exact values; a pattern only where the mock keeps no
// record, such as a share link's token), its pairedItem index included; binary answers are
// downloaded from n8n and compared byte for byte with the mock's PDF. The list of operations comes
// from the BUILT node description (dist/), so an operation without a case below FAILS the run.
// Each passing operation prints `covered <n8n version> <resource>:<operation>`; each trigger node
// prints `covered <n8n version> trigger:<node type name>` when the checks named in TRIGGERS passed.
// Called by run-e2e.js with its reporting helpers (test, check, say, postAndWait).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { isDeepStrictEqual } = require('node:util');
const axios = require('axios');
const { nodeOutputs } = require('./n8n-instance');
const stack = require('./xobin-stack');

/**
 * Trigger node type name -> checks (elsewhere in the e2e run, by name, this n8n version) whose
 * passing proves that trigger end to end. A trigger node in dist/ without an entry fails the run.
 * Adding a trigger node: one line here, naming its checks.
 */
const TRIGGERS = {
	xobinTrigger: [
		/ Xobin Trigger: Xobin's Submission call with the secret runs the workflow/,
		/ Xobin Trigger \(assessments, account-wide\)/,
	],
	xobinPollingTrigger: [/ Xobin Polling Trigger: activation only seeds/],
};

const PERSON = { name: 'Cora Coverage', email: 'cora.coverage@example.com' };
const TRACK = 6578;
const HTTPS = /^https:\/\/yourdomain\.xobin\.com\/\S+$/;
const ISO_NO_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
const omit = (object, ...keys) =>
	Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
const only = (list, what) => {
	if (list.length !== 1) throw new Error(`the mock holds ${list.length} ${what}, expected 1`);
	return list[0];
};
/** The binary `data` of a PDF download: the mock's own bytes and file name. */
const pdf = (bytes, fileName) => ({ data: { mimeType: 'application/pdf', fileName, bytes } });
/** Within a minute of now + `days` (the node's own estimate of a date Xobin does not send). */
const daysFromNow = (days) => (v) => Math.abs(Date.parse(v) - Date.now() - days * 864e5) < 60000;

/**
 * One case per <resource>:<operation>. `parameters` are the node's (expressions read the posted
 * body: `$json.body.*`); `setup(ctx)` may prepare the mock and returns the body to post;
 * `expect(ctx)` runs after the execution and returns the output-0 items ({json, binary?}) the
 * mock's state says must come out, in order (other outputs must be empty). A RegExp or function in
 * an expected json matches the value instead of equalling it. ctx: {mock, xobin(method, path,
 * body) (a direct call to the mock), body (as posted), input (the Xobin node's input json: the
 * Webhook's item), requests (the mock's requests during the run)}.
 */
const CASES = {
	'aiInterview:invite': {
		parameters: {
			candidateName: PERSON.name,
			candidateEmail: PERSON.email,
			aiInterviewId: 305,
			inviteFormat: 'getlink',
		},
		expect: ({ mock }) => [{ json: only(mock.invitesFor(PERSON.email), 'AI-interview invites') }],
	},
	'aiInterview:getReport': {
		parameters: { lookupBy: 'responseId', responseId: 7421, simplify: false },
		expect: ({ mock }) => [{ json: { ...mock.report(7421), report_ready: true } }],
	},
	'aiInterview:getManyInvited': {
		parameters: { aiInterviewId: 211, returnAll: true },
		expect: async ({ xobin }) =>
			(await xobin('get', '/ai-interviews/invited/211')).map((row) => ({
				json: { ...row, last_updated_at: new Date(row.last_updated_at).toISOString() },
			})),
	},
	'aiInterview:getShareLink': {
		parameters: { responseId: 7421, expirationHours: 2 },
		expect: ({ mock }) => {
			only(
				mock.shareLinks.filter((l) => l.response_id === 7421 && l.expiration_hours === 2),
				'share links of 7421 for 2 hours',
			);
			return [
				{
					json: {
						ai_interview_id: mock.report(7421).ai_interview_id,
						expiration_hours: 2,
						expires_at: ISO_NO_ZONE,
						response_id: 7421,
						signed_url: /^https:\/\/yourdomain\.xobin\.com\/interviews\/ai\/report\/shared\/\S+$/,
					},
				},
			];
		},
	},
	'aiInterview:downloadReportPdf': {
		parameters: { responseId: 7421, binaryPropertyName: 'data' },
		expect: async ({ xobin, input }) => [
			{
				json: input, // the input item's json stays
				binary: pdf(
					await xobin('post', '/ai-interviews/report/7421/download'),
					'AI_Interview_Report_Alex_Tanaka_7421.pdf',
				),
			},
		],
	},
	'aiInterview:generate': {
		parameters: { jobRole: 'QA Engineer', jobDescription: 'Tests the hiring product end to end.' },
		expect: ({ mock }) => {
			const job = only(mock.generationJobs, 'generation jobs');
			if (
				!isDeepStrictEqual(job.request, {
					job_role: 'QA Engineer',
					job_description: 'Tests the hiring product end to end.',
				})
			)
				throw new Error(`the mock got ${JSON.stringify(job.request)}`);
			return [{ json: omit(job, 'request') }];
		},
	},
	'assessment:invite': {
		parameters: {
			candidateName: PERSON.name,
			candidateEmail: PERSON.email,
			assessmentId: 53280,
			inviteFormat: 'getlink',
		},
		expect: ({ mock }) => [
			{
				json: omit(
					only(mock.assessmentInvitesFor(PERSON.email), 'assessment invites'),
					'invite_format',
					'expiry_date',
					'via',
					'inAnswer',
				),
			},
		],
	},
	'assessment:getReport': {
		parameters: { reportId: 318, simplify: false },
		expect: ({ mock }) => [{ json: { ...mock.assessmentReport(318), report_ready: true } }],
	},
	'assessment:getShareLink': {
		parameters: { reportId: 318, expirationHours: 2 },
		expect: ({ mock }) => [
			{
				json: {
					...only(mock.assessmentShareLinks, 'assessment share links'),
					expires_at: ISO_NO_ZONE,
					signed_url: /^https:\/\/yourdomain\.xobin\.com\/assessments\/bp\/reports\/shared\/\S+$/,
				},
			},
		],
	},
	'assessment:downloadReportPdf': {
		parameters: { reportId: 318, binaryPropertyName: 'data' },
		expect: async ({ xobin, input }) => [
			{
				json: input, // the input item's json stays
				binary: pdf(
					await xobin('post', '/assessments/reports/318/download'),
					'Assessment_Report_Priya_Raman_318.pdf',
				),
			},
		],
	},
	'automatedInterview:invite': {
		parameters: {
			candidateName: PERSON.name,
			candidateEmail: PERSON.email,
			interviewId: 5101,
			inviteFormat: 'getlink',
		},
		expect: ({ mock }) => {
			const invite = omit(
				only(mock.automatedInterviewInvites, 'automated-interview invites'),
				'invite_format',
				'formatKeys',
			);
			// the node adds the correctly spelled key next to Xobin's misspelled one
			return [{ json: { ...invite, interview_response_id: invite.interview_reponse_id } }];
		},
	},
	'xoForm:invite': {
		parameters: {
			candidateName: PERSON.name,
			candidateEmail: PERSON.email,
			formId: 4101,
			inviteFormat: 'getlink',
		},
		expect: ({ mock }) => [
			{ json: omit(only(mock.formInvites, 'XoForm invites'), 'invite_format') },
		],
	},
	'candidate:parseResume': {
		parameters: {
			resumeUrl: 'https://files.example.com/alex-tanaka.pdf',
			onlyParse: false,
			jobDescription: 'Senior data engineer',
			criteria: 'SQL and pipelines',
		},
		expect: ({ mock }) => [{ json: only(mock.resumeParses, 'resume parses').answer }],
	},
	'candidate:delete': {
		parameters: { email: 'alex.tanaka@example.com' },
		expect: ({ mock }) => {
			const task = only(mock.candidateDeletions, 'deletions');
			return [
				{
					json: {
						success: true,
						message: 'Candidate scheduled for deletion',
						task_id: task.task_id,
						email: 'alex.tanaka@example.com',
						deletion_scheduled_for: daysFromNow(7),
						note: /Cancel Deletion with this task_id/,
					},
				},
			];
		},
	},
	'candidate:cancelDeletion': {
		parameters: { taskId: '={{ $json.body.taskId }}' },
		setup: async ({ xobin }) => ({
			taskId: (await xobin('post', '/candidate/delete', { email: 'garrett.bolton@example.com' }))
				.task_id,
		}),
		expect: ({ mock, body }) => {
			const task = only(mock.candidateDeletions, 'deletions');
			if (task.task_id !== body.taskId || task.status !== 'cancelled')
				throw new Error(
					`the mock's deletion is ${JSON.stringify(task)}, expected ${body.taskId} cancelled`,
				);
			return [
				{
					json: {
						success: true,
						message: 'Candidate deletion canceled successfully',
						task_id: body.taskId,
					},
				},
			];
		},
	},
	'track:addApplicant': {
		parameters: {
			trackId: TRACK,
			mode: 'invite',
			applicantName: PERSON.name,
			applicantEmail: PERSON.email,
		},
		expect: ({ mock }) => {
			const a = only(
				mock.trackApplicants(TRACK).filter((x) => x.email === PERSON.email),
				'applicants with that email',
			);
			const stage = mock.trackApplicant(TRACK, a.application_id).current_stage;
			return [
				{
					json: {
						track_id: TRACK,
						application_id: a.application_id,
						candidate_id: a.candidate_id,
						name: PERSON.name,
						email: PERSON.email,
						invite_status: 'Pending',
						mode: 'invite',
						invite_link: a.invite_link,
						email_sent: false,
						current_stage: omit(stage, 'color'),
						already_exists: false,
					},
				},
			];
		},
	},
	'track:getApplicant': {
		parameters: { trackId: TRACK, applicationId: 67865, simplify: false },
		expect: ({ mock }) => [{ json: mock.trackApplicant(TRACK, 67865) }],
	},
	'track:getManyApplicants': {
		parameters: { trackId: TRACK, returnAll: true },
		setup: ({ mock }) => {
			mock.seedTrackApplicants(TRACK, 3);
			return {};
		},
		expect: async ({ xobin }) =>
			(await xobin('get', `/tracks/${TRACK}/applicants?per_page=200`)).data.map((json) => ({
				json,
			})),
	},
	'track:getStats': {
		parameters: { scope: 'track', trackId: TRACK, simplify: false },
		expect: async ({ xobin }) => [{ json: await xobin('get', `/tracks/${TRACK}/stats`) }],
	},
	'track:moveApplicant': stageChange('moveApplicant', '0012', { destinationStageId: '0012' }),
	'track:hireApplicant': stageChange('hireApplicant', 'stg_hired'),
	'track:rejectApplicant': stageChange(
		'rejectApplicant',
		'stg_rejected',
		{},
		{ email_sent: false },
	),
};

/** Move / Hire / Reject a freshly seeded applicant (posted as applicationId) to `toStage`. */
function stageChange(operation, toStage, parameters = {}, extra = {}) {
	return {
		parameters: { trackId: TRACK, applicationId: '={{ $json.body.applicationId }}', ...parameters },
		setup: ({ mock }) => ({ applicationId: mock.seedTrackApplicants(TRACK, 1)[0] }),
		expect: ({ mock, body }) => {
			const a = mock.trackApplicant(TRACK, body.applicationId);
			const stage = (id) =>
				omit(
					a.stages.find((s) => s.stage_id === id),
					'color',
				);
			if (a.current_stage.stage_id !== toStage)
				throw new Error(
					`the mock has the applicant in ${a.current_stage.stage_id}, expected ${toStage}`,
				);
			return [
				{
					json: {
						track_id: TRACK,
						application_id: body.applicationId,
						candidate_id: a.applicant.candidate_id,
						name: a.applicant.name,
						email: a.applicant.email,
						from_stage: stage('stg_applied'),
						to_stage: stage(toStage),
						...extra,
					},
				},
			];
		},
	};
}

/** Equal as JSON, except that a RegExp or function in `expected` tests the value instead. */
function matches(expected, actual) {
	if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
	if (typeof expected === 'function') return Boolean(expected(actual));
	if (Buffer.isBuffer(expected)) return Buffer.isBuffer(actual) && expected.equals(actual);
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual))
			return false;
		const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
		return [...keys].every((k) => matches(expected[k], actual[k]));
	}
	return isDeepStrictEqual(expected, actual);
}

/** The operations the built Xobin node offers, and the trigger node type names, from dist/. */
function builtOperations() {
	const pkg = JSON.parse(fs.readFileSync(path.join(stack.REPO, 'package.json'), 'utf8'));
	const operations = [];
	const triggers = [];
	for (const file of pkg.n8n.nodes) {
		for (const Cls of Object.values(require(path.join(stack.REPO, file)))) {
			const d = typeof Cls === 'function' ? new Cls().description : undefined;
			if (!d) continue;
			if (d.group?.includes('trigger') || d.polling || d.webhooks?.length) {
				triggers.push(d.name);
				continue;
			}
			const props = d.properties;
			for (const r of props.find((p) => p.name === 'resource').options) {
				const ops = props.find(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
				);
				for (const o of ops.options) operations.push(`${r.value}:${o.value}`);
			}
		}
	}
	return { operations, triggers };
}

/** A Webhook -> Xobin workflow for one case; the Webhook answers at once, the run is looked up. */
function caseWorkflow(key, parameters, credential) {
	const [resource, operation] = key.split(':');
	const hook = 'Coverage Webhook';
	const node = `Xobin ${key}`;
	return {
		workflow: {
			name: `E2E coverage: ${key}`,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: hook,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: crypto.randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: `xobin-coverage-${resource}-${operation}`,
						options: {},
					},
				},
				{
					id: crypto.randomUUID(),
					name: node,
					type: `${stack.PACKAGE_NAME}.xobin`,
					typeVersion: 1,
					position: [240, 0],
					parameters: { resource, operation, ...parameters },
					credentials: {
						[stack.CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name },
					},
				},
			],
			connections: { [hook]: { main: [[{ node, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		path: `xobin-coverage-${resource}-${operation}`,
		hook,
		node,
	};
}

/** The bytes of a binary entry of an execution: inline base64, or n8n's stored file by its id. */
async function binaryBytes(n8n, entry) {
	if (!entry?.id) return Buffer.from(entry?.data ?? '', 'base64');
	const res = await n8n.api.get('/binary-data', {
		params: { id: entry.id, action: 'download' },
		responseType: 'arraybuffer',
	});
	if (res.status !== 200) throw new Error(`GET /rest/binary-data ${entry.id} -> ${res.status}`);
	return Buffer.from(res.data);
}

/**
 * Runs every case on `n8n` (started, owner logged in) and reports through run-e2e's helpers:
 * one check per operation, one for "every built operation has a case", and the trigger lines.
 * `results`: run-e2e's check results so far (the trigger proofs are looked up there).
 */
async function runCoverage({ n8n, version, test, check, say, postAndWait, results, onFail }) {
	const tag = `[n8n ${version}]`;
	const { operations, triggers } = builtOperations();
	const mock = await stack.startMock({ invitesLeft: 100 });
	try {
		const credential = await stack
			.createXobinCredential(n8n, mock, { name: 'Xobin (coverage mock)' })
			.catch((err) => say(`    coverage: the credential was not created: ${err.message}`));
		await test(`${tag} coverage: every operation of the built Xobin node (${operations.length}) has a case in scripts/e2e/coverage.js`, async () => {
			const missing = operations.filter((k) => !CASES[k]);
			const stale = Object.keys(CASES).filter((k) => !operations.includes(k));
			check(!missing.length && !stale.length, 'cases and the built operations differ', {
				missing,
				stale,
			});
		});
		/** A direct call to the mock (what it holds) -> parsed JSON, or the bytes of anything else. */
		const xobin = async (method, p, data) => {
			const res = await axios.request({
				method,
				url: `${mock.url}${p}`,
				data,
				headers: { apiKey: stack.MOCK_API_KEY },
				proxy: false,
				responseType: 'arraybuffer',
				validateStatus: () => true,
			});
			const what = `the direct call ${method.toUpperCase()} ${p} to the mock`;
			check(res.status < 300, `${what} answered ${res.status}`);
			const bytes = Buffer.from(res.data);
			return /json/.test(res.headers['content-type']) ? JSON.parse(bytes.toString()) : bytes;
		};
		for (const key of operations) {
			const c = CASES[key];
			const ok = await test(
				`${tag} coverage ${key}: runs in real n8n; every output item equals what the mock holds, paired with its input item`,
				async () => {
					check(c, `no case for ${key} in scripts/e2e/coverage.js`);
					check(credential, 'no credential');
					mock.reset();
					const body = (await c.setup?.({ mock, xobin })) ?? {};
					const wf = caseWorkflow(key, c.parameters, credential);
					const stored = await n8n.importWorkflow(wf.workflow);
					await n8n.activateWorkflow(stored.id);
					const before = mock.requests.length;
					let ex;
					try {
						ex = await postAndWait(n8n, wf.path, body, { workflowId: stored.id, timeoutMs: 60000 });
					} finally {
						await n8n.deactivateWorkflow(stored.id).catch(() => {});
					}
					const requests = mock.requests.slice(before);
					const input = nodeOutputs(ex, wf.hook)[0][0];
					const expected = await c.expect({ mock, xobin, body, input, requests });
					const raw = ex.data.resultData.runData[wf.node][0].data.main;
					const [first, ...rest] = raw.map((items) => items ?? []);
					check(
						rest.every((items) => !items.length),
						`"${wf.node}" put items on an output other than the first`,
						nodeOutputs(ex, wf.node),
					);
					check(
						first.length === expected.length,
						`"${wf.node}" output ${first.length} items, the mock says ${expected.length}`,
						{ got: first.map((i) => i.json), expected: expected.map((i) => i.json) },
					);
					for (const [i, item] of first.entries()) {
						const want = expected[i];
						check(
							matches(want.json, item.json),
							`item ${i} of "${wf.node}" is not what the mock holds`,
							{ got: item.json, expected: want.json },
						);
						check(
							isDeepStrictEqual(item.pairedItem, { item: 0 }) ||
								isDeepStrictEqual(item.pairedItem, { item: 0, input: 0 }),
							`item ${i} of "${wf.node}" is not paired with input item 0`,
							item.pairedItem,
						);
						const names = Object.keys(want.binary ?? {});
						check(
							isDeepStrictEqual(Object.keys(item.binary ?? {}), names),
							`item ${i} has binary properties ${Object.keys(item.binary ?? {})}, expected ${names}`,
						);
						for (const name of names) {
							const got = item.binary[name];
							const { bytes, ...meta } = want.binary[name];
							check(
								matches(meta, { mimeType: got.mimeType, fileName: got.fileName }),
								`binary "${name}" is ${got.mimeType} ${got.fileName}, expected ${meta.mimeType} ${meta.fileName}`,
							);
							const gotBytes = await binaryBytes(n8n, got);
							check(
								gotBytes.equals(bytes),
								`binary "${name}" (${gotBytes.length} bytes) differs from the mock's file (${bytes.length} bytes)`,
							);
						}
					}
					check(requests.length > 0, `the mock got no request from ${key}`);
				},
				{ onFail },
			);
			if (ok) say(`covered ${version} ${key}`);
		}
		for (const type of triggers) {
			const proofs = TRIGGERS[type];
			const ok =
				await test(`${tag} coverage trigger:${type}: the checks that prove it passed`, async () => {
					check(
						proofs?.length,
						`no entry for trigger ${type} in TRIGGERS (scripts/e2e/coverage.js)`,
					);
					for (const proof of proofs) {
						const hit = results.filter((r) => r.name.startsWith(tag) && proof.test(r.name));
						check(
							hit.length && hit.every((r) => r.ok),
							`no passing check matches ${proof} on n8n ${version}`,
							hit,
						);
					}
				});
			if (ok) say(`covered ${version} trigger:${type}`);
		}
	} finally {
		await mock.close();
	}
}

module.exports = { runCoverage, CASES, TRIGGERS, builtOperations };
