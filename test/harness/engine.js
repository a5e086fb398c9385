/*
 * In-engine test harness: runs real n8n workflows through n8n-core's WorkflowExecute with our
 * *built* package loaded the way n8n loads community packages (PackageDirectoryLoader reading
 * package.json → n8n.nodes / n8n.credentials → dist/...).
 *
 * Plain CommonJS on purpose: `n8n-node lint` (strict) lints every .ts file in the repository and
 * forbids Node built-ins, timers and `process` there; .js files are not linted. Types for TS specs
 * live next to this file in engine.d.ts.
 *
 * Exports: runNode, runWorkflow, startTrigger (webhook triggers), startPoller (polling triggers),
 * loadOptions (the editor's list search and dropdowns), testCredential (+ loadPackage);
 * engine.d.ts has the contract.
 */
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

// Resolve n8n's packages from the repository's node_modules (the harness lives inside the repo),
// and the private dependencies of n8n-core (@n8n/di, @n8n/backend-common) from n8n-core's own
// location: the DI container and the Logger class must be the *same module instances* n8n-core
// uses, otherwise Container.set() registers a token n8n-core never asks for.
const core = require('n8n-core');
const workflowLib = require('n8n-workflow');

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const requireFromCore = (id) => require(require.resolve(id, { paths: [coreDir] }));
const { Container } = requireFromCore('@n8n/di');
const { Logger } = requireFromCore('@n8n/backend-common');

const {
	PackageDirectoryLoader,
	WorkflowExecute,
	ExecutionLifecycleHooks,
	ExecuteContext,
	HookContext,
	WebhookContext,
	PollContext,
	LoadOptionsContext,
	RoutingNode,
	InstanceSettings,
	ErrorReporter,
	BinaryDataService,
	BinaryDataConfig,
} = core;
const {
	Workflow,
	ICredentialsHelper,
	NodeHelpers,
	NodeConnectionTypes,
	UnexpectedError,
	deepCopy,
	isExpression,
	LoggerProxy,
} = workflowLib;

const DEFAULT_PACKAGE_DIR = path.resolve(__dirname, '..', '..');
const HARNESS_SOURCE_TYPE = 'n8n-harness.itemsSource';
const HARNESS_STANDIN_TYPE = 'n8n-harness.standIn';
const SOURCE_NODE_NAME = 'Harness Input';

// ---------------------------------------------------------------------------------------------
// DI container
// ---------------------------------------------------------------------------------------------

/*
 * n8n-core 2.x pulls a few services out of @n8n/di's Container while a workflow runs. Left alone,
 * the container would build the real ones, which read ~/.n8n (InstanceSettings writes an
 * encryption key file there), log to the console (Logger) or need an initialised storage backend
 * (BinaryDataService). So we register harmless stand-ins before anything asks for them:
 *  - Logger: n8n-core and the loader log through it; a silent object keeps test output clean.
 *  - InstanceSettings: node contexts read instanceId / hmacSignatureSecret from it, and Cipher
 *    (used by ExecutionContextService at the start of every run) reads encryptionKey.
 *  - ErrorReporter: the engine reports internal problems to Sentry through it; here a no-op.
 *  - BinaryDataService / BinaryDataConfig: real service, never init()-ed, so it has no storage
 *    manager and keeps binary data in memory as base64 on the item (no disk, nothing to clean).
 * Everything else the engine needs (SecurityConfig, OutboundHttp for HTTP requests,
 * ExecutionContextService, Cipher) is built by the container from env defaults.
 */
let containerReady = false;
function ensureContainer() {
	if (containerReady) return;
	const silentLogger = {
		error() {},
		warn() {},
		info() {},
		debug() {},
		verbose() {},
		scoped() {
			return silentLogger;
		},
	};
	Container.set(Logger, silentLogger);
	LoggerProxy.init(silentLogger);

	const n8nFolder = path.join(os.tmpdir(), 'n8n-harness');
	Container.set(InstanceSettings, {
		n8nFolder,
		staticCacheDir: path.join(n8nFolder, 'cache'),
		customExtensionDir: path.join(n8nFolder, 'custom'),
		nodesDownloadDir: path.join(n8nFolder, 'nodes'),
		encryptionKey: 'n8n-harness-encryption-key',
		hmacSignatureSecret: 'n8n-harness-hmac-secret',
		instanceId: 'n8n-harness-instance',
		instanceType: 'main',
		instanceRole: 'leader',
		isLeader: true,
		isFollower: false,
		isMultiMain: false,
		isSingleMain: true,
	});

	const errorReporter = { error() {}, warn() {}, info() {} };
	Container.set(ErrorReporter, errorReporter);

	const binaryDataConfig = {
		mode: 'default',
		availableModes: ['default'],
		localStoragePath: path.join(n8nFolder, 'storage'),
		signingSecret: 'n8n-harness-signing-secret',
	};
	Container.set(BinaryDataConfig, binaryDataConfig);
	Container.set(BinaryDataService, new BinaryDataService(binaryDataConfig, errorReporter, silentLogger));

	containerReady = true;
}

// ---------------------------------------------------------------------------------------------
// Package loading (cached per package directory)
// ---------------------------------------------------------------------------------------------

const packageCache = new Map();

async function loadPackage(packageDir = DEFAULT_PACKAGE_DIR) {
	ensureContainer();
	const dir = path.resolve(packageDir);
	if (!packageCache.has(dir)) {
		// Cache the promise so concurrent first calls share a single load.
		const promise = (async () => {
			const loader = new PackageDirectoryLoader(dir);
			await loader.loadAll();
			if (Object.keys(loader.nodeTypes).length === 0) {
				throw new Error(
					`No nodes loaded from ${dir}: check package.json "n8n.nodes" and that the package is built (dist/).`,
				);
			}
			return loader;
		})();
		packageCache.set(dir, promise);
		promise.catch(() => packageCache.delete(dir));
	}
	return await packageCache.get(dir);
}

/* The node that feeds the test items into the node under test: it re-emits its input with
 * pairedItem set, exactly like an upstream node in a real workflow would. */
class HarnessItemsSource {
	constructor() {
		this.description = {
			displayName: 'Harness Input',
			name: HARNESS_SOURCE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Emits the items given to the harness',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	async execute() {
		return [
			this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } })),
		];
	}
}

/* Stand-in for node types that are not part of the tested package (n8n-nodes-base.* etc. in
 * committed example workflows): passes its input through unchanged so the workflow can run. */
class HarnessStandIn {
	constructor() {
		this.description = {
			displayName: 'Stand-in',
			name: HARNESS_STANDIN_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Passes items through (stand-in for a node type not loaded by the harness)',
			defaults: { name: 'Stand-in' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	async execute() {
		return [
			this.getInputData().map((item, index) => ({
				...item,
				pairedItem: item.pairedItem ?? { item: index },
			})),
		];
	}
}

const harnessSource = new HarnessItemsSource();
const harnessStandIn = new HarnessStandIn();

/*
 * n8n offers every `usableAsTool` node to AI agents as a type named `<name>Tool` (in 1.x that
 * name is how a node can tell it runs as a tool). Resolving `xobinTool` to the node itself lets
 * tests run the node the way an agent's tool call does.
 */
function packageNodeType(loader, name) {
	const entry = loader.nodeTypes[name];
	if (entry || !name.endsWith('Tool')) return entry;
	const base = loader.nodeTypes[name.slice(0, -'Tool'.length)];
	return base?.type.description.usableAsTool ? base : undefined;
}

/** Short node name from a full type, accepting both install styles (`pkg.x`, `CUSTOM.x`). */
function shortName(loader, type) {
	for (const prefix of [`${loader.packageName}.`, 'CUSTOM.']) {
		if (type.startsWith(prefix)) return type.slice(prefix.length);
	}
	return undefined;
}

/*
 * The engine records a failed node's error as a spread copy (`{ ...error, message, stack }`), so
 * the run data never holds the NodeApiError / NodeOperationError instance the node threw. To hand
 * tests the real instance (instanceof, getters) we wrap `execute` of the package's nodes and
 * remember the last error each node threw; executionError() then swaps it in when it is the
 * error the engine recorded.
 */
function withErrorCapture(nodeType, thrownErrors) {
	if (typeof nodeType.execute !== 'function') return nodeType;
	const original = nodeType.execute;
	// Object.create keeps description, methods and the node-class tag reachable via the prototype.
	return Object.create(nodeType, {
		execute: {
			value: async function (...args) {
				try {
					return await original.apply(this, args);
				} catch (error) {
					// Classic nodes get the execution context as `this`, node classes as argument.
					const context = typeof this?.getNode === 'function' ? this : args[0];
					thrownErrors.set(context.getNode().name, error);
					throw error;
				}
			},
		},
	});
}

/** INodeTypes over the loaded package plus the harness' own node types (one per run). */
function makeNodeTypes(loader, { standIns, extraNodeTypes = {}, thrownErrors = new Map() }) {
	const wrapped = new Map();
	const lookup = (type) => {
		if (type === HARNESS_SOURCE_TYPE) return harnessSource;
		if (extraNodeTypes[type]) return extraNodeTypes[type];
		const name = shortName(loader, type);
		if (name !== undefined) return packageNodeType(loader, name)?.type;
		return standIns ? harnessStandIn : undefined;
	};
	return {
		thrownErrors,
		getByName: (type) => lookup(type),
		// Returning undefined (not throwing) for unknown types lets the engine report them as
		// workflow issues, like n8n does.
		getByNameAndVersion: (type, version) => {
			const nodeType = lookup(type);
			if (nodeType === undefined) return undefined;
			const versioned = NodeHelpers.getVersionedNodeType(nodeType, version);
			if (shortName(loader, type) === undefined) return versioned;
			if (!wrapped.has(versioned)) {
				wrapped.set(versioned, withErrorCapture(versioned, thrownErrors));
			}
			return wrapped.get(versioned);
		},
		getKnownTypes: () => loader.known.nodes,
	};
}

function latestVersion(nodeType) {
	if ('nodeVersions' in nodeType) {
		return Math.max(...Object.keys(nodeType.nodeVersions).map(Number));
	}
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

// ---------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------

/*
 * In-memory ICredentialsHelper modelled on n8n's real CredentialsHelper (packages/cli): the
 * credentials handed to the harness are the "decrypted" credentials; authenticate() applies the
 * credential type's `authenticate` (function, or generic headers/qs/body/auth objects whose
 * `={{ $credentials.x }}` expressions are resolved by n8n's own expression engine), and
 * preAuthentication follows n8n's expirable-property rule.
 */
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(loader, credentialsByType) {
		super();
		this.loader = loader;
		this.store = {};
		for (const [type, data] of Object.entries(credentialsByType ?? {})) {
			this.store[type] = deepCopy(data);
		}
	}

	getCredentialType(type) {
		const entry = this.loader.credentialTypes[type];
		if (!entry) {
			throw new UnexpectedError(`Unknown credential type "${type}" (not in the tested package)`);
		}
		return entry.type;
	}

	getParentTypes(type) {
		const credentialType = this.loader.credentialTypes[type]?.type;
		const parents = credentialType?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		const typeDef = this.loader.credentialTypes[credentialType]?.type;
		if (!typeDef?.restrictToSupportedNodes) return true;
		const supported = (this.loader.known.credentials[credentialType]?.supportedNodes ?? []).map(
			(name) => `${this.loader.packageName}.${name}`,
		);
		return supported.includes(nodeType);
	}

	getCredentialsProperties(type) {
		const credentialType = this.getCredentialType(type);
		if (!credentialType.extends) return credentialType.properties;
		const combined = [];
		for (const parent of credentialType.extends) {
			if (this.loader.credentialTypes[parent]) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!(type in this.store)) {
			throw new UnexpectedError(`The harness was given no credentials of type "${type}"`);
		}
		// n8n fills in the credential type's defaults for fields the user left unset.
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			deepCopy(this.store[type]),
			true,
			false,
			null,
			null,
		);
		return { ...deepCopy(this.store[type]), ...withDefaults };
	}

	async getCredentials(nodeCredentials, type) {
		const data = this.store[type] ?? {};
		return {
			id: nodeCredentials?.id ?? null,
			name: nodeCredentials?.name ?? type,
			type,
			data: undefined,
			getData: () => deepCopy(data),
			getDataToSave: () => ({ id: nodeCredentials?.id ?? null, name: type, type, data: '' }),
			setData: () => {},
			updateData: () => {},
		};
	}

	async updateCredentials(_nodeCredentials, type, data) {
		this.store[type] = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.store[type] = { ...this.store[type], oauthTokenData: deepCopy(data.oauthTokenData) };
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const credentialType = this.getCredentialType(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue)) {
					const keyResolved = this.resolveValue(key, credentials, workflow, node);
					const valueResolved = this.resolveValue(value, credentials, workflow, node);
					if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	// Same call n8n makes: the node's workflow resolves the expression with $credentials in scope.
	resolveValue(value, credentials, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.getCredentialType(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		// n8n persists the refreshed token; here it lives for the rest of this run.
		this.store[typeName] = { ...this.store[typeName], ...output };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(helpers, credentials)) ?? undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Running workflows
// ---------------------------------------------------------------------------------------------

let executionCounter = 0;

function makeAdditionalData({ executionId, hooks, credentialsHelper }) {
	return {
		executionId,
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		userId: 'harness-user',
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		setExecutionStatus() {},
		sendDataToUI() {},
		logAiEvent() {},
		async executeWorkflow() {
			throw new UnexpectedError('Sub-workflow execution is not supported by the test harness');
		},
		async getRunExecutionData() {
			return undefined;
		},
	};
}

function toItems(items) {
	// Clone so nothing the engine or the node does leaks back into the caller's fixtures.
	return (items ?? [{}]).map((json) => ({ json: deepCopy(json) }));
}

function declaredMainOutputs(workflow, node) {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType) return 1;
	const outputs = NodeHelpers.getNodeOutputs(workflow, node, nodeType.description);
	return outputs.filter((o) => (typeof o === 'string' ? o : o.type) === NodeConnectionTypes.Main)
		.length;
}

/** One array per main output (error output included), even when the node produced nothing. */
function outputsOf(workflow, runData, nodeName, runIndex = 0) {
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node named "${nodeName}" in the workflow`);
	const main = runData[nodeName]?.[runIndex]?.data?.main ?? [];
	const count = Math.max(declaredMainOutputs(workflow, node), main.length);
	return Array.from({ length: count }, (_, i) => main[i] ?? []);
}

/*
 * The execution-level error: the engine's record (resultData.error, a plain copy), replaced by the
 * instance the failing node actually threw when we captured it and it is the same error (the
 * engine may also have wrapped it, e.g. a raw axios error into a NodeApiError: then keep its copy).
 */
function executionError(run, thrownErrors) {
	const { resultData } = run.data;
	if (!resultData.error) return undefined;
	const thrown = thrownErrors.get(resultData.lastNodeExecuted);
	if (thrown instanceof Error && thrown.message === resultData.error.message) return thrown;
	return resultData.error;
}

async function execute({ loader, workflowData, startNodeName, items, credentials, mode }) {
	const executionId = `harness-${++executionCounter}`;
	const nodeTypes = workflowData.nodeTypes;
	const workflow = new Workflow({
		id: workflowData.id ?? 'harness-workflow',
		name: workflowData.name ?? 'Harness workflow',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: workflowData.settings,
		pinData: {},
	});

	const startNode = workflow.getNode(startNodeName);
	if (!startNode) throw new Error(`Start node "${startNodeName}" is not in the workflow`);

	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		settings: workflowData.settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	// Like n8n's own harness we take the run from the workflowExecuteAfter hook; the engine calls
	// it before processRunExecutionData settles, so no extra waiting is needed (and a run that
	// skipped the hook, e.g. a cancelled one, still returns).
	let hookRun;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		hookRun = fullRunData;
	});

	const credentialsHelper = new HarnessCredentialsHelper(loader, credentials);
	const additionalData = makeAdditionalData({ executionId, hooks, credentialsHelper });

	const runExecutionData = workflowLib.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [toItems(items)] }, source: null }],
		},
	});
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const returned = await workflowExecute.processRunExecutionData(workflow);
	const run = hookRun ?? returned;

	const { runData } = run.data.resultData;
	return {
		workflow,
		run,
		runData,
		status: run.status,
		error: executionError(run, nodeTypes.thrownErrors),
		outputsOf: (nodeName, runIndex) => outputsOf(workflow, runData, nodeName, runIndex),
	};
}

const NODE_SETTINGS = [
	'onError',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'alwaysOutputData',
	'executeOnce',
	'continueOnFail',
	'disabled',
];

async function runNode(options) {
	const {
		packageDir,
		nodeType: nodeTypeName,
		typeVersion,
		parameters = {},
		items,
		credentials = {},
		settings = {},
		timezone = 'UTC',
		mode = 'manual',
		nodeName,
	} = options;
	const loader = await loadPackage(packageDir);
	const nodeTypeEntry = packageNodeType(loader, nodeTypeName);
	if (!nodeTypeEntry) {
		throw new Error(
			`Node "${nodeTypeName}" not found in ${loader.packageName}; loaded: ${Object.keys(loader.nodeTypes).join(', ')}`,
		);
	}
	const name = nodeName ?? nodeTypeEntry.type.description.defaults?.name ?? nodeTypeName;

	const node = {
		id: 'harness-node-under-test',
		name,
		type: `${loader.packageName}.${nodeTypeName}`,
		typeVersion: typeVersion ?? latestVersion(nodeTypeEntry.type),
		position: [200, 0],
		parameters: deepCopy(parameters),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `harness-${type}`, name: type }]),
		),
	};
	for (const key of NODE_SETTINGS) if (settings[key] !== undefined) node[key] = settings[key];

	const source = {
		id: 'harness-source',
		name: SOURCE_NODE_NAME,
		type: HARNESS_SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	const result = await execute({
		loader,
		workflowData: {
			nodes: [source, node],
			connections: {
				[SOURCE_NODE_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1', timezone },
			nodeTypes: makeNodeTypes(loader, { standIns: false }),
		},
		startNodeName: SOURCE_NODE_NAME,
		items,
		credentials,
		mode,
	});

	return {
		outputs: result.outputsOf(name),
		error: result.error,
		status: result.status,
		runData: result.runData,
		nodeName: name,
		outputsOf: result.outputsOf,
	};
}

async function runWorkflow(options) {
	const {
		packageDir,
		workflow: workflowJson,
		startNode,
		items,
		credentials = {},
		timezone,
		mode = 'manual',
	} = options;
	const loader = await loadPackage(packageDir);
	const nodeTypes = makeNodeTypes(loader, { standIns: true, extraNodeTypes: options.extraNodeTypes });
	// Fresh copy: the engine mutates nodes (and the caller may reuse the JSON across tests).
	const json = deepCopy(workflowJson);

	for (const node of json.nodes) {
		// Exported workflows carry credential references; add one for every credential type we
		// were given that the node declares, so example workflows without them still run.
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const declared = (type?.description.credentials ?? []).map((c) => c.name);
		for (const credType of declared) {
			if (credType in credentials && !node.credentials?.[credType]) {
				node.credentials = {
					...node.credentials,
					[credType]: { id: `harness-${credType}`, name: credType },
				};
			}
		}
	}

	const settings = { executionOrder: 'v1', ...(json.settings ?? {}) };
	if (timezone !== undefined) settings.timezone = timezone;
	if (settings.timezone === undefined) settings.timezone = 'UTC';

	// Default start: the first enabled node nothing connects into (the workflow's trigger).
	const targets = new Set(
		Object.values(json.connections ?? {}).flatMap((byType) =>
			Object.values(byType).flatMap((outputs) =>
				(outputs ?? []).flatMap((conns) => (conns ?? []).map((c) => c.node)),
			),
		),
	);
	const startNodeName =
		startNode ?? json.nodes.find((n) => !n.disabled && !targets.has(n.name))?.name;
	const result = await execute({
		loader,
		workflowData: {
			id: json.id,
			name: json.name,
			nodes: json.nodes,
			connections: json.connections ?? {},
			settings,
			nodeTypes,
		},
		startNodeName,
		items,
		credentials,
		mode,
	});

	return {
		runData: result.runData,
		outputsOf: result.outputsOf,
		error: result.error,
		status: result.status,
	};
}

// ---------------------------------------------------------------------------------------------
// Webhook triggers: the lifecycle n8n runs on activation, and calls to the webhook URL
// ---------------------------------------------------------------------------------------------

/*
 * Mirrors what n8n does for a node with `webhooks` (packages/cli WebhookService and the webhook
 * server), with n8n-core's real HookContext and WebhookContext:
 *  - activation: webhookMethods.<name>.checkExists, then create when it answered false;
 *    deactivation: delete. Mode 'trigger' / activation 'activate' for the production URL, mode
 *    and activation 'manual' for the test URL ("Listen for test event"), 'internal' / 'update'
 *    for delete; test listening has its own static data, as in n8n's TestWebhooks.
 *  - a loopback HTTP server plays n8n's webhook endpoint at <base>/webhook/<webhookId>/<path>
 *    (and /webhook-test/...). A POST there is parsed as JSON and handed to the node's webhook()
 *    with the real request and response objects, then answered the way n8n answers for
 *    responseMode "onReceived": the node's own response (noWebhookResponse), "Workflow was
 *    started" when it returned workflowData, or "Webhook call received".
 *  - the workflow's static data outlives calls, edits and restarts, as n8n persists it.
 */
async function startTrigger(options) {
	const {
		packageDir,
		nodeType: nodeTypeName,
		typeVersion,
		parameters = {},
		credentials = {},
		timezone = 'UTC',
		nodeName,
		webhookId = crypto.randomUUID(),
		workflowId = 'harness-trigger-workflow',
	} = options;
	const loader = await loadPackage(packageDir);
	const entry = packageNodeType(loader, nodeTypeName);
	if (!entry) throw new Error(`Node "${nodeTypeName}" not found in ${loader.packageName}`);
	const nodeTypeDef = NodeHelpers.getVersionedNodeType(entry.type, typeVersion ?? latestVersion(entry.type));
	const name = nodeName ?? nodeTypeDef.description.defaults?.name ?? nodeTypeName;
	const nodeTypes = makeNodeTypes(loader, { standIns: false });
	const credentialsHelper = new HarnessCredentialsHelper(loader, credentials);

	const calls = [];
	const executions = [];
	let workflow;
	let currentParameters = deepCopy(parameters);
	let staticData = {};

	const server = http.createServer((req, res) => {
		receive(req, res).catch((error) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: String(error?.message ?? error) }));
			}
		});
	});
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;

	const executionId = `harness-${++executionCounter}`;
	const baseAdditionalData = {
		...makeAdditionalData({
			executionId,
			hooks: new ExecutionLifecycleHooks('trigger', executionId, { nodes: [], connections: {} }),
			credentialsHelper,
		}),
		webhookBaseUrl: `${origin}/webhook`,
		webhookTestBaseUrl: `${origin}/webhook-test`,
	};

	/** A fresh Workflow over the current parameters and the persisted static data (n8n reloading it). */
	function load() {
		const node = {
			id: 'harness-trigger-node',
			name,
			type: `${loader.packageName}.${nodeTypeName}`,
			typeVersion: typeVersion ?? latestVersion(entry.type),
			position: [0, 0],
			parameters: deepCopy(currentParameters),
			webhookId,
			credentials: Object.fromEntries(
				Object.keys(credentials).map((type) => [type, { id: `harness-${type}`, name: type }]),
			),
		};
		workflow = new Workflow({
			id: workflowId,
			name: 'Harness trigger workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: deepCopy(staticData),
			settings: { executionOrder: 'v1', timezone },
		});
	}
	load();

	/** Saves the workflow's static data, as n8n does after activation and after each execution. */
	function persist() {
		staticData = JSON.parse(JSON.stringify(workflow.staticData));
	}

	function webhookDatas(isTest) {
		const node = workflow.getNode(name);
		return (nodeTypeDef.description.webhooks ?? []).map((description) => {
			const webhookPath = String(
				workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {}),
			).replace(/^\/|\/$/g, '');
			const isFullPath = workflow.expression.getSimpleParameterValue(
				node,
				description.isFullPath,
				'internal',
				{},
				undefined,
				false,
			);
			return {
				httpMethod: String(
					workflow.expression.getSimpleParameterValue(node, description.httpMethod, 'internal', {}, undefined, 'GET'),
				),
				node: name,
				path: NodeHelpers.getNodeWebhookPath(workflow.id, node, webhookPath, isFullPath, false),
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: baseAdditionalData,
				isTest,
			};
		});
	}

	/**
	 * n8n's TestWebhooks runs "Listen for test event" on a copy of the workflow whose static data
	 * starts empty (at checkExists) and lasts, apart from the workflow's own, until delete.
	 */
	let testStaticData = {};
	async function withStaticDataOf(test, fn) {
		if (!test) {
			const result = await fn();
			persist();
			return result;
		}
		const own = workflow.staticData;
		workflow.staticData = testStaticData;
		try {
			return await fn();
		} finally {
			testStaticData = workflow.staticData;
			workflow.staticData = own;
		}
	}

	async function runLifecycle(method, { test = false } = {}) {
		if (test && method === 'checkExists') testStaticData = {};
		return await withStaticDataOf(test, async () => {
			const results = [];
			for (const webhookData of webhookDatas(test)) {
				const fn = nodeTypeDef.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
				if (fn === undefined) continue;
				// n8n's modes: removing webhooks (test or production) runs as 'internal' / 'update'.
				const [mode, activation] =
					method === 'delete' ? ['internal', 'update'] : test ? ['manual', 'manual'] : ['trigger', 'activate'];
				const context = new HookContext(workflow, workflow.getNode(name), baseAdditionalData, mode, activation, webhookData);
				results.push(await fn.call(context));
			}
			return results.every(Boolean);
		});
	}

	async function receive(req, res) {
		const url = new URL(req.url, origin);
		const isTest = url.pathname.startsWith('/webhook-test/');
		const requestPath = url.pathname.replace(/^\/webhook(-test)?\//, '');
		const webhookData = webhookDatas(isTest).find(
			(data) => data.path === requestPath && data.httpMethod === req.method,
		);
		const rawBody = await new Promise((resolve, reject) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', reject);
		});
		const call = { method: req.method, path: url.pathname, headers: { ...req.headers }, rawBody };
		calls.push(call);
		const answer = (status, body) => {
			call.status = status;
			call.response = body;
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (!webhookData) return answer(404, { message: `The requested webhook "${req.method} ${requestPath}" is not registered.` });
		let body = {};
		if (rawBody !== '') {
			try {
				body = JSON.parse(rawBody);
			} catch {
				return answer(400, { message: 'Invalid JSON body' });
			}
		}
		call.body = body;
		const httpRequest = { method: req.method, url: req.url, headers: req.headers, body, query: Object.fromEntries(url.searchParams), params: {} };
		const context = new WebhookContext(
			workflow,
			workflow.getNode(name),
			{ ...baseAdditionalData, httpRequest, httpResponse: res },
			isTest ? 'manual' : 'webhook',
			webhookData,
			[],
			null,
		);
		let result;
		try {
			result = await withStaticDataOf(isTest, async () => await nodeTypeDef.webhook.call(context));
		} catch (error) {
			call.error = error;
			return answer(500, { message: error.message });
		}
		if (result.noWebhookResponse === true) {
			call.status = res.statusCode;
			return;
		}
		if (result.workflowData !== undefined) {
			call.items = result.workflowData[0] ?? [];
			executions.push(result.workflowData);
			return answer(200, { message: 'Workflow was started' });
		}
		return answer(200, result.webhookResponse ?? { message: 'Webhook call received' });
	}

	return {
		get productionUrl() {
			return webhookDatas(false).map((data) => `${baseAdditionalData.webhookBaseUrl}/${data.path}`)[0];
		},
		get testUrl() {
			return webhookDatas(true).map((data) => `${baseAdditionalData.webhookTestBaseUrl}/${data.path}`)[0];
		},
		urlOf(webhookName, { test = false } = {}) {
			const data = webhookDatas(test).find((entry) => entry.webhookDescription.name === webhookName);
			if (!data) throw new Error(`The node has no webhook named "${webhookName}"`);
			return `${test ? baseAdditionalData.webhookTestBaseUrl : baseAdditionalData.webhookBaseUrl}/${data.path}`;
		},
		urls({ test = false } = {}) {
			const base = test ? baseAdditionalData.webhookTestBaseUrl : baseAdditionalData.webhookBaseUrl;
			return webhookDatas(test).map((data) => `${base}/${data.path}`);
		},
		calls,
		executions,
		staticData: () => deepCopy(staticData),
		checkExists: (opts) => runLifecycle('checkExists', opts),
		create: (opts) => runLifecycle('create', opts),
		delete: (opts) => runLifecycle('delete', opts),
		async activate(opts) {
			const exists = await runLifecycle('checkExists', opts);
			if (!exists) await runLifecycle('create', opts);
			return { created: !exists };
		},
		deactivate: (opts) => runLifecycle('delete', opts),
		edit(parameterChanges) {
			currentParameters = { ...currentParameters, ...deepCopy(parameterChanges) };
			load();
		},
		restart() {
			load();
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Polling triggers and the editor's lists
// ---------------------------------------------------------------------------------------------

/** The one node of a harness workflow, with the credentials it was given. */
function harnessNode(loader, nodeTypeName, entry, { typeVersion, parameters, credentials, nodeName }) {
	return {
		id: 'harness-poll-node',
		name: nodeName ?? entry.type.description.defaults?.name ?? nodeTypeName,
		type: `${loader.packageName}.${nodeTypeName}`,
		typeVersion: typeVersion ?? latestVersion(entry.type),
		position: [0, 0],
		parameters: deepCopy(parameters),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `harness-${type}`, name: type }]),
		),
	};
}

/*
 * Sets up a polling trigger node of the package the way n8n runs one (packages/core
 * ScheduledTaskManager + PollContext, packages/cli ActiveWorkflowManager):
 *  - poll() runs the node's poll() in n8n-core's PollContext, mode 'trigger' (an active workflow)
 *    or 'manual' (Fetch Test Event);
 *  - static data: an active workflow keeps one Workflow (and its static data) in memory from poll
 *    to poll; n8n persists the static data only when a poll emits (its __emit saves it). A manual
 *    run gets a fresh copy of the persisted static data and its changes are dropped;
 *  - restart() reloads the workflow from its persisted state (an n8n restart), edit() changes
 *    parameters (saving the workflow re-activates it: reload from persisted state).
 */
async function startPoller(options) {
	const { packageDir, nodeType: nodeTypeName, parameters = {}, credentials = {}, timezone = 'UTC' } =
		options;
	const loader = await loadPackage(packageDir);
	const entry = packageNodeType(loader, nodeTypeName);
	if (!entry) throw new Error(`Node "${nodeTypeName}" not found in ${loader.packageName}`);
	const nodeTypes = makeNodeTypes(loader, { standIns: false });
	const credentialsHelper = new HarnessCredentialsHelper(loader, credentials);
	let currentParameters = deepCopy(parameters);
	let persisted = {};
	const emitted = [];

	const build = () =>
		new Workflow({
			id: 'harness-poll-workflow',
			name: 'Harness polling workflow',
			nodes: [harnessNode(loader, nodeTypeName, entry, { ...options, parameters: currentParameters, credentials })],
			connections: {},
			active: true,
			nodeTypes,
			staticData: deepCopy(persisted),
			settings: { executionOrder: 'v1', timezone },
		});
	let active = build();

	async function poll({ mode = 'trigger' } = {}) {
		const workflow = mode === 'manual' ? build() : active;
		const node = workflow.nodes[Object.keys(workflow.nodes)[0]];
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const executionId = `harness-${++executionCounter}`;
		const additionalData = makeAdditionalData({
			executionId,
			hooks: new ExecutionLifecycleHooks(mode, executionId, { nodes: [], connections: {} }),
			credentialsHelper,
		});
		let emittedNow = false;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			(data) => {
				emittedNow = true;
				emitted.push(data);
				persisted = JSON.parse(JSON.stringify(workflow.staticData));
			},
			(error) => {
				throw error;
			},
		);
		try {
			const items = await nodeType.poll.call(context);
			if (mode !== 'manual' && items !== null && items !== undefined) context.__emit(items);
			return { items: items ?? null, emitted: emittedNow, error: undefined };
		} catch (error) {
			return { items: null, emitted: false, error };
		}
	}

	return {
		poll,
		/** Everything the active workflow emitted, one entry per poll that emitted. */
		emitted,
		/** The persisted static data (a copy). */
		staticData: () => deepCopy(persisted),
		/** The in-memory static data of the active workflow (a copy). */
		liveStaticData: () => JSON.parse(JSON.stringify(active.staticData)),
		edit(parameterChanges) {
			currentParameters = { ...currentParameters, ...deepCopy(parameterChanges) };
			active = build();
		},
		restart() {
			active = build();
		},
	};
}

/*
 * What the editor does to fill a resource locator's list ("listSearch") or a dropdown
 * ("loadOptions"): n8n-core's LoadOptionsContext over the node with the parameters the panel
 * holds (getCurrentNodeParameter reads those), then the node's method.
 */
async function loadOptions(options) {
	const { packageDir, nodeType: nodeTypeName, method, kind = 'loadOptions', filter, parameters = {}, credentials = {} } =
		options;
	const loader = await loadPackage(packageDir);
	const entry = packageNodeType(loader, nodeTypeName);
	if (!entry) throw new Error(`Node "${nodeTypeName}" not found in ${loader.packageName}`);
	const node = harnessNode(loader, nodeTypeName, entry, { ...options, parameters, credentials });
	const workflow = new Workflow({
		id: 'harness-load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: makeNodeTypes(loader, { standIns: false }),
		settings: { executionOrder: 'v1', timezone: 'UTC' },
	});
	const nodeType = NodeHelpers.getVersionedNodeType(entry.type, node.typeVersion);
	const fn = nodeType.methods?.[kind]?.[method];
	if (typeof fn !== 'function') throw new Error(`The node has no ${kind} method "${method}"`);
	const additionalData = {
		...makeAdditionalData({
			executionId: `harness-${++executionCounter}`,
			hooks: undefined,
			credentialsHelper: new HarnessCredentialsHelper(loader, credentials),
		}),
		currentNodeParameters: deepCopy(parameters),
	};
	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name), additionalData, `parameters.${method}`);
	return kind === 'listSearch' ? await fn.call(context, filter) : await fn.call(context);
}

// ---------------------------------------------------------------------------------------------
// Credential "Test" button
// ---------------------------------------------------------------------------------------------

/*
 * Mirrors n8n's CredentialsTester for credentials with a `test` request: the request is run by
 * n8n-core's RoutingNode inside a throwaway one-node workflow (so baseURL/url expressions over
 * $credentials resolve exactly as in n8n), authenticated through our credentials helper
 * (generic headers/qs or function), and the outcome is judged with the same rules: non-2xx fails
 * (`responseCode` rules can supply the message), `responseSuccessBody` rules inspect a 2xx body.
 */
async function testCredential(options) {
	const { packageDir, credentialType, data = {} } = options;
	const loader = await loadPackage(packageDir);
	const credentialTypeDef = loader.credentialTypes[credentialType]?.type;
	if (!credentialTypeDef) {
		throw new Error(`Credential type "${credentialType}" not found in ${loader.packageName}`);
	}
	const testRequest = credentialTypeDef.test;
	if (!testRequest?.request) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const testNodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'n8n-harness.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType]: { id: 'harness-test', name: credentialType } },
	};
	const nodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: 'UTC' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(loader, { [credentialType]: data });
	const executionId = `harness-${++executionCounter}`;
	const additionalData = makeAdditionalData({
		executionId,
		hooks: new ExecutionLifecycleHooks('internal', executionId, { nodes: [node], connections: {} }),
		credentialsHelper,
	});
	const decrypted = {
		id: 'harness-test',
		name: credentialType,
		type: credentialType,
		data: await credentialsHelper.getDecrypted(additionalData, node.credentials[credentialType], credentialType),
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		workflowLib.createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, decrypted);

	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			const statusCode = httpResponse.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			// n8n shows only the code; the address the failed request went to is for tests to check.
			const config = error.cause.config ?? {};
			return { status: 'Error', message: error.cause.code, attemptedUrl: `${config.baseURL ?? ''}${config.url ?? ''}` };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

// lodash.get equivalent for the dotted keys `responseSuccessBody` rules use.
function getPath(object, key) {
	return String(key)
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter(Boolean)
		.reduce((value, part) => (value == null ? undefined : value[part]), object);
}

module.exports = {
	runNode,
	runWorkflow,
	startTrigger,
	startPoller,
	loadOptions,
	testCredential,
	loadPackage,
	DEFAULT_PACKAGE_DIR,
};
