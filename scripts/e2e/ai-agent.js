// Why this file exists: `usableAsTool: true` only matters if n8n's real AI Agent can drive the
// Xobin node. This check wires Webhook -> AI Agent (OpenAI Chat Model + "Xobin Tool") in a real
// n8n 2.40.7 and answers the model's side with a scripted OpenAI-compatible mock on loopback:
// the "model" calls the Xobin tool once, then echoes the invite_link it finds in the tool result.
// It checks that Xobin got exactly the invite the model chose, that the agent's answer carries
// Xobin's invite link, and that with no invites left the tool result is the plain "Not invited"
// message (the tool's output 0), not a silent empty result.
//
// What n8n 2.40.7 sends (read from @n8n/n8n-nodes-langchain 2.40.3, @langchain/openai 1.4.4):
//   - OpenAI Chat Model (lmChatOpenAi) v1.3, credential openAiApi {apiKey, url}: `url` is the
//     SDK's baseURL. "Use Responses API" (responsesApiEnabled) defaults to on: POST {url}/responses
//     with input[] and tools[{type:'function', name, description, parameters, strict}]; off:
//     POST {url}/chat/completions with messages[] and tools[{type:'function', function:{…}}].
//     Not streamed (stream:false) unless the trigger streams its response.
//   - The tool name is the tool node's name with [^a-zA-Z0-9_-] replaced by '_'; its arguments
//     schema holds exactly the keys of the $fromAI() calls in the node's parameters.
//   - AI Agent v3.1 does not run the tool itself: it hands the call to the engine, which runs the
//     tool node and feeds JSON.stringify(<output 0 items>) back as the tool result.
//
//   node scripts/e2e/ai-agent.js [--api responses|chat|both] [--no-build] [--keep]
'use strict';

const http = require('node:http');
const path = require('node:path');
const crypto = require('node:crypto');
const { startN8n } = require('./n8n-instance');
const stack = require('./xobin-stack');

const N8N_VERSION = '2.40.7';
const WEBHOOK_PATH = 'xobin-agent';
const NODES = {
	webhook: 'Webhook',
	agent: 'AI Agent',
	model: 'OpenAI Chat Model',
	tool: 'Invite Candidate in Xobin',
};
const TOOL_NAME = NODES.tool.replace(/[^a-zA-Z0-9_-]+/g, '_'); // n8n's nodeNameToToolName
const CANDIDATE = { name: 'Ada Lovelace', email: 'ada@example.com', aiInterviewId: 305 };
const PROMPT = `Invite ${CANDIDATE.name} <${CANDIDATE.email}> to AI interview ${CANDIDATE.aiInterviewId} and tell me the invite link`;
const INVITE_PATH = '/api/v2/ai-interviews/invite';
const NOT_INVITED = 'Not invited: the Xobin account has no AI interview invites left';
const API_PATHS = { responses: '/v1/responses', chat: '/v1/chat/completions' };
const WAIT_MS = 60000;

// --- the scripted OpenAI-compatible model ---------------------------------------------------------

/** Tool results in a request: `function_call_output` items (Responses) or `tool` messages (Chat). */
function toolResultsOf(api, body) {
	const asText = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
	if (api === 'responses') {
		return (Array.isArray(body.input) ? body.input : [])
			.filter((i) => i && i.type === 'function_call_output')
			.map((i) => asText(i.output));
	}
	return (body.messages || []).filter((m) => m.role === 'tool').map((m) => asText(m.content));
}

/** Tools offered in a request, flattened to {name, description, parameters}. */
function toolsOf(body) {
	return (body.tools || []).map((t) => (t.function ? t.function : t));
}

/** Depth-first: the first string value of `key` in parsed JSON (an object's own key before its children). */
function findString(value, key) {
	if (!value || typeof value !== 'object') return undefined;
	if (typeof value[key] === 'string') return value[key];
	for (const child of Object.values(value)) {
		const found = findString(child, key);
		if (found !== undefined) return found;
	}
	return undefined;
}

function parseJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The model's turn: call the tool first; once a tool result is in, answer with what it says. */
function decide(body, toolResults, toolArgs) {
	if (!toolResults.length) {
		const tool = toolsOf(body).find((t) => t.name === TOOL_NAME);
		if (!tool) return { text: `No tool named ${TOOL_NAME} was offered.` };
		const id = `call_${crypto.randomBytes(6).toString('hex')}`;
		return { call: { id, name: tool.name, args: toolArgs } };
	}
	const result = parseJson(toolResults[toolResults.length - 1]);
	const link = findString(result, 'invite_link');
	if (link) return { text: `Done: ${CANDIDATE.name} is invited. Invite link: ${link}` };
	const said = findString(result, 'message') ?? toolResults[toolResults.length - 1];
	return { text: `I could not invite ${CANDIDATE.name}. The Xobin tool said: ${said}` };
}

const usage = { input_tokens: 20, output_tokens: 10, total_tokens: 30 };

function responsesReply(body, turn, n) {
	const output = turn.call
		? [
				{
					type: 'function_call',
					id: `fc_mock_${n}`,
					call_id: turn.call.id,
					name: turn.call.name,
					arguments: JSON.stringify(turn.call.args),
					status: 'completed',
				},
			]
		: [
				{
					type: 'message',
					id: `msg_mock_${n}`,
					role: 'assistant',
					status: 'completed',
					content: [{ type: 'output_text', text: turn.text, annotations: [] }],
				},
			];
	return {
		id: `resp_mock_${n}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		model: body.model,
		output,
		usage,
		error: null,
		incomplete_details: null,
	};
}

function chatReply(body, turn, n) {
	const message = turn.call
		? {
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: turn.call.id,
						type: 'function',
						function: { name: turn.call.name, arguments: JSON.stringify(turn.call.args) },
					},
				],
			}
		: { role: 'assistant', content: turn.text };
	return {
		id: `chatcmpl-mock-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [
			{ index: 0, message, finish_reason: turn.call ? 'tool_calls' : 'stop', logprobs: null },
		],
		usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
	};
}

function readJson(req) {
	return new Promise((resolve, reject) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			try {
				resolve(raw ? JSON.parse(raw) : {});
			} catch (err) {
				reject(err);
			}
		});
		req.on('error', reject);
	});
}

function send(res, status, body) {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

/**
 * Start the scripted model on 127.0.0.1. `requests` records every model call:
 * { api: 'responses'|'chat', body, tools, toolResults, reply }.
 * -> { url (the base URL, …/v1), requests, close() }
 */
async function startOpenAiMock({ toolArgs } = {}) {
	const args = toolArgs || {
		candidateName: CANDIDATE.name,
		candidateEmail: CANDIDATE.email,
		aiInterviewId: CANDIDATE.aiInterviewId,
	};
	const requests = [];
	const server = http.createServer(async (req, res) => {
		const api = Object.keys(API_PATHS).find((k) => req.url.split('?')[0] === API_PATHS[k]);
		if (req.method === 'GET' && req.url.startsWith('/v1/models')) {
			return send(res, 200, { object: 'list', data: [{ id: 'xobin-e2e-model', object: 'model' }] });
		}
		if (req.method !== 'POST' || !api)
			return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
		let body;
		try {
			body = await readJson(req);
		} catch {
			return send(res, 400, { error: { message: 'body is not JSON' } });
		}
		const record = { api, body, tools: toolsOf(body), toolResults: toolResultsOf(api, body) };
		requests.push(record);
		if (body.stream) {
			record.reply = 'refused: stream';
			return send(res, 400, { error: { message: 'this mock only answers stream:false requests' } });
		}
		const turn = decide(body, record.toolResults, args);
		record.reply = turn;
		const n = requests.length;
		send(res, 200, api === 'responses' ? responsesReply(body, turn, n) : chatReply(body, turn, n));
	});
	server.requestTimeout = 10000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const sockets = new Set();
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	return {
		url: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			}),
	};
}

// --- n8n side ------------------------------------------------------------------------------------

/** The OpenAI credential as the editor stores it, its Base URL pointing at the mock. */
async function createOpenAiCredential(n8n, baseUrl, { name = 'OpenAI (mock)' } = {}) {
	return n8n.createCredential({
		name,
		type: 'openAiApi',
		data: { apiKey: 'sk-mock-not-a-secret', url: baseUrl, header: false },
	});
}

const ref = (cred) => ({ id: String(cred.id), name: cred.name });
const link = (node, type) => ({ [type]: [[{ node, type, index: 0 }]] });

/**
 * Webhook (POST, answers with the last node's first item) -> AI Agent v3.1 with the OpenAI Chat
 * Model v1.3 and the Xobin node as a tool (n8n-nodes-xobin.xobinTool). Name, email and interview
 * come from the model ($fromAI); the invite format is fixed to "getlink".
 * `api`: 'responses' (the node's default) or 'chat' (Chat Completions).
 */
function agentWorkflow({
	openAiCredential,
	xobinCredential,
	webhookPath = WEBHOOK_PATH,
	api = 'responses',
}) {
	const fromAI = (key, description, type) =>
		`={{ $fromAI('${key}', '${description}', '${type}') }}`;
	const node = (name, type, typeVersion, position, parameters, extra = {}) => ({
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	});
	return {
		name: `E2E: AI Agent uses the Xobin tool (${api})`,
		nodes: [
			node(
				NODES.webhook,
				'n8n-nodes-base.webhook',
				2.1,
				[0, 0],
				{
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					options: {},
				},
				{ webhookId: crypto.randomUUID() },
			),
			node(NODES.agent, '@n8n/n8n-nodes-langchain.agent', 3.1, [260, 0], {
				promptType: 'define',
				text: '={{ $json.body.prompt }}',
				options: {},
			}),
			node(
				NODES.model,
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				1.3,
				[180, 220],
				{
					model: { __rl: true, mode: 'id', value: 'xobin-e2e-model' },
					responsesApiEnabled: api === 'responses',
					options: {},
				},
				{ credentials: { openAiApi: ref(openAiCredential) } },
			),
			node(
				NODES.tool,
				`${stack.PACKAGE_NAME}.xobinTool`,
				2,
				[420, 220],
				{
					descriptionType: 'auto',
					resource: 'aiInterview',
					operation: 'invite',
					candidateName: fromAI('candidateName', 'Full name of the candidate', 'string'),
					candidateEmail: fromAI('candidateEmail', 'Email address of the candidate', 'string'),
					aiInterviewId: fromAI('aiInterviewId', 'Number of the Xobin AI interview', 'number'),
					inviteFormat: 'getlink',
					options: {},
				},
				{ credentials: { [stack.CREDENTIAL_TYPE]: ref(xobinCredential) } },
			),
		],
		connections: {
			[NODES.webhook]: link(NODES.agent, 'main'),
			[NODES.model]: link(NODES.agent, 'ai_languageModel'),
			[NODES.tool]: link(NODES.agent, 'ai_tool'),
		},
		settings: { executionOrder: 'v1' },
	};
}

// --- checks --------------------------------------------------------------------------------------

/** The last run of a node in an unflattened execution: the agent's resumed run holds its answer. */
function lastRun(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName] || [];
	return runs[runs.length - 1];
}

/** POST the prompt to the workflow's webhook; -> what the run left behind, for the checks. */
async function runAgent(n8n, { workflowId, xobin, openai, webhookPath, exclude }) {
	const marks = {
		xobin: xobin.requests.length,
		openai: openai.requests.length,
		invites: xobin.invites.length,
	};
	const since = Date.now();
	const t0 = Date.now();
	const res = await n8n.runWebhook(webhookPath, { prompt: PROMPT }, { timeout: WAIT_MS });
	const execution = await n8n.waitForExecution({ workflowId, since, exclude, timeoutMs: WAIT_MS });
	const agentRun = lastRun(execution, NODES.agent);
	return {
		seconds: (Date.now() - t0) / 1000,
		response: res,
		execution,
		agentOutput: agentRun?.data?.main?.[0]?.[0]?.json?.output,
		toolRuns: execution.data?.resultData?.runData?.[NODES.tool] || [],
		xobinRequests: xobin.requests.slice(marks.xobin),
		invites: xobin.invites.slice(marks.invites),
		modelCalls: openai.requests.slice(marks.openai),
	};
}

/** Run one check; a thrown error or a false result becomes { ok: false, detail }. */
async function checked(name, fn) {
	try {
		const { ok, detail } = await fn();
		return { name, ok: Boolean(ok), detail };
	} catch (err) {
		return { name, ok: false, detail: err.stack || String(err) };
	}
}

const short = (v) => (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 1500);

function checkToolOffered(run) {
	const first = run.modelCalls[0];
	const tool = first?.tools.find((t) => t.name === TOOL_NAME);
	const props = Object.keys(tool?.parameters?.properties || {}).sort();
	const want = ['aiInterviewId', 'candidateEmail', 'candidateName'];
	return {
		ok: tool && JSON.stringify(props) === JSON.stringify(want),
		detail: tool
			? `${first.api}: tool "${tool.name}" ("${tool.description}"), arguments ${props.join(', ')}`
			: `no tool ${TOOL_NAME} in the first model call: ${short(first?.tools ?? 'no model call')}`,
	};
}

function checkOneInvite(run) {
	const posts = run.xobinRequests.filter((r) => r.method === 'POST' && r.path === INVITE_PATH);
	const b = posts[0]?.body || {};
	const ok =
		posts.length === 1 &&
		run.xobinRequests.length === 1 &&
		b.candidate_name === CANDIDATE.name &&
		b.candidate_email === CANDIDATE.email &&
		b.ai_interview_id === CANDIDATE.aiInterviewId &&
		b.invite_format === 'getlink' &&
		posts[0].headers.apikey === stack.MOCK_API_KEY;
	return {
		ok,
		detail: `Xobin got ${run.xobinRequests.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing'}; body ${short(b)}`,
	};
}

function checkAnswerHasLink(run) {
	const inviteLink = run.invites[0]?.invite_link;
	const webhookOutput = run.response.data?.output;
	const ok =
		Boolean(inviteLink) &&
		run.response.status === 200 &&
		run.execution.status === 'success' &&
		typeof run.agentOutput === 'string' &&
		run.agentOutput.includes(inviteLink) &&
		typeof webhookOutput === 'string' &&
		webhookOutput.includes(inviteLink);
	return {
		ok,
		detail: `invite_link ${inviteLink}; webhook ${run.response.status} ${short(run.response.data)}; execution ${run.execution.id} ${run.execution.status} in ${run.seconds.toFixed(1)} s; model calls ${run.modelCalls.length}`,
	};
}

function checkNotInvitedSeen(run) {
	const second = run.modelCalls[1];
	const result = second?.toolResults?.[0] ?? '';
	const items = parseJson(result);
	const item = Array.isArray(items) ? items[0] : null;
	const posts = run.xobinRequests.filter((r) => r.method === 'POST' && r.path === INVITE_PATH);
	const ok =
		run.modelCalls.length === 2 &&
		item?.invited === false &&
		typeof item.message === 'string' &&
		item.message.startsWith(NOT_INVITED) &&
		!/invite_link/.test(result) &&
		// only what was sent and why: the webhook's headers and body never reach the model
		!('headers' in item) &&
		!('body' in item) &&
		posts.length === 1 &&
		run.invites.length === 0 &&
		typeof run.agentOutput === 'string' &&
		run.agentOutput.includes(NOT_INVITED);
	return {
		ok,
		detail: `model calls ${run.modelCalls.length}; tool result the model saw: ${short(result)}; Xobin invite POSTs ${posts.length}; agent said: ${short(run.agentOutput)}`,
	};
}

/**
 * Against a started n8n (our package installed, owner set up) and a started mock Xobin (`mock`):
 * starts the scripted model, imports and activates the agent workflow, runs it once with invites
 * left and once with none. -> [{ name, ok, detail }]. Leaves `mock`'s invites as it found them.
 */
async function runAgentChecks({
	n8n,
	mock,
	api = 'responses',
	webhookPath = `${WEBHOOK_PATH}-${api}`,
}) {
	const tag = `[n8n ${n8n.version}, AI Agent, ${api === 'chat' ? 'Chat Completions' : 'Responses'} API]`;
	const results = [];
	const invitesBefore = mock.invitesLeft;
	const openai = await startOpenAiMock();
	let workflow = null;
	try {
		const openAiCredential = await createOpenAiCredential(n8n, openai.url, {
			name: `OpenAI (mock, ${api})`,
		});
		const xobinCredential = await stack.createXobinCredential(n8n, mock, {
			name: `Xobin (mock, agent ${api})`,
		});
		workflow = await n8n.importWorkflow(
			agentWorkflow({ openAiCredential, xobinCredential, webhookPath, api }),
		);
		await n8n.activateWorkflow(workflow.id);

		mock.setInvitesLeft(1);
		const ok = await runAgent(n8n, {
			workflowId: workflow.id,
			xobin: mock,
			openai,
			webhookPath,
			exclude: [],
		});
		results.push(
			await checked(
				`${tag} the model is offered the Xobin tool "${TOOL_NAME}" with the $fromAI() arguments`,
				() => checkToolOffered(ok),
			),
		);
		results.push(
			await checked(
				`${tag} (1) Xobin gets exactly one POST ${INVITE_PATH} with the name, email and interview the model chose`,
				() => checkOneInvite(ok),
			),
		);
		results.push(
			await checked(
				`${tag} (2) the agent's answer (webhook response and Agent output) contains the invite_link Xobin returned`,
				() => checkAnswerHasLink(ok),
			),
		);

		mock.setInvitesLeft(0);
		const none = await runAgent(n8n, {
			workflowId: workflow.id,
			xobin: mock,
			openai,
			webhookPath,
			exclude: [ok.execution.id],
		});
		results.push(
			await checked(
				`${tag} (3) with no invites left the model gets the plain "${NOT_INVITED} …" tool result`,
				() => checkNotInvitedSeen(none),
			),
		);
	} catch (err) {
		results.push({ name: `${tag} run`, ok: false, detail: err.stack || String(err) });
	} finally {
		mock.setInvitesLeft(invitesBefore);
		if (workflow) await n8n.deactivateWorkflow(workflow.id).catch(() => {});
		await openai.close();
	}
	// The workflow stays (deactivated), e.g. for a screenshot of its canvas.
	results.workflowId = workflow?.id;
	return results;
}

// --- CLI -----------------------------------------------------------------------------------------

function parseArgs(argv) {
	const o = { apis: ['responses', 'chat'], build: true, keep: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--api') {
			const v = argv[++i];
			if (!['responses', 'chat', 'both'].includes(v)) throw new Error('--api responses|chat|both');
			o.apis = v === 'both' ? ['responses', 'chat'] : [v];
		} else if (a === '--no-build') o.build = false;
		else if (a === '--keep') o.keep = true;
		else
			throw new Error(`unknown argument ${a} (use --api responses|chat|both, --no-build, --keep)`);
	}
	return o;
}

async function timed(label, fn) {
	const t0 = Date.now();
	const out = await fn();
	console.log(`::: ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return out;
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	let pack = null;
	let n8n = null;
	let mock = null;
	const results = [];
	try {
		pack = await timed(o.build ? 'build + npm pack' : 'npm pack', () =>
			stack.buildAndPack({ build: o.build }),
		);
		n8n = await timed(`start n8n ${N8N_VERSION} with ${path.basename(pack.tarball)}`, () =>
			startN8n({ version: N8N_VERSION, packedTarball: pack.tarball }),
		);
		await n8n.setupOwner();
		mock = await stack.startMock({ invitesLeft: 1 });
		for (const api of o.apis) {
			results.push(
				...(await timed(`agent checks (${api})`, () => runAgentChecks({ n8n, mock, api }))),
			);
		}
	} catch (err) {
		results.push({ name: 'setup', ok: false, detail: err.stack || String(err) });
	} finally {
		const failed = results.some((r) => !r.ok);
		if (n8n) {
			if (failed) console.log(`--- n8n log tail ---\n${n8n.logs().slice(-4000)}`);
			await n8n.stop({ removeUserFolder: !o.keep && !failed });
			if (o.keep || failed) console.log(`n8n user folder kept: ${n8n.userFolder}`);
		}
		if (mock) await mock.close();
		if (pack) pack.cleanup();
	}
	for (const r of results)
		console.log(
			`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}\n       ${String(r.detail).replace(/\n/g, '\n       ')}`,
		);
	const passed = results.filter((r) => r.ok).length;
	console.log(
		`${passed} passed, ${results.length - passed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
	);
	process.exitCode = passed === results.length && passed > 0 ? 0 : 1;
}

if (require.main === module) {
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
	main().catch((err) => {
		console.error(err.stack || err);
		process.exit(1);
	});
}

module.exports = {
	NODES,
	startOpenAiMock,
	agentWorkflow,
	createOpenAiCredential,
	runAgentChecks,
	TOOL_NAME,
};
