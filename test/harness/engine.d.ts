/*
 * Type declarations for engine.js, the in-engine test harness (real n8n WorkflowExecute + our
 * built package loaded by PackageDirectoryLoader), so TypeScript jest specs get typed imports.
 * The implementation is JavaScript because the n8n lint forbids Node built-ins in .ts files.
 */
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	IRunData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** Node-level settings as stored on a node in workflow JSON. */
export interface NodeSettings {
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	maxTries?: number;
	/** Milliseconds; the engine really sleeps this long between tries. */
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	disabled?: boolean;
}

/**
 * The error a failed run ended with. When the failing node of our package threw it, this is the
 * thrown NodeApiError / NodeOperationError instance itself (instanceof works); otherwise it is the
 * engine's own record of the error (a plain object with the same fields).
 */
export interface HarnessExecutionError {
	message: string;
	name?: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject & { itemIndex?: number };
	node?: INode;
	stack?: string;
	[key: string]: unknown;
}

/** Input items: the `json` of each item. `undefined` means one empty item; `[]` means none. */
export type HarnessItems = IDataObject[];

/** Credentials by credential type name, e.g. `{ xobinApi: { apiKey, baseUrl } }`. */
export type HarnessCredentials = Record<string, ICredentialDataDecryptedObject>;

/** One array per main output, the continueErrorOutput "Error" output included (last). */
export type NodeOutputs = INodeExecutionData[][];

export interface RunNodeOptions {
	/** Package root containing package.json (default: this repository's root). */
	packageDir?: string;
	/** Short node name from the node description (`xobin`); the package name is prefixed. */
	nodeType: string;
	/** Default: the latest version the node declares. */
	typeVersion?: number;
	/** Node parameters as stored in workflow JSON; `={{ ... }}` expressions are evaluated. */
	parameters?: IDataObject;
	items?: HarnessItems;
	credentials?: HarnessCredentials;
	settings?: NodeSettings;
	/** Workflow settings.timezone (default 'UTC'); what `this.getTimezone()` returns. */
	timezone?: string;
	/** Execution mode (default 'manual'). */
	mode?: WorkflowExecuteMode;
	/** Name of the node in the workflow (default: the node's `defaults.name`). */
	nodeName?: string;
}

export interface RunNodeResult {
	outputs: NodeOutputs;
	error: HarnessExecutionError | undefined;
	status: ExecutionStatus;
	runData: IRunData;
	nodeName: string;
	/** Outputs of any node of the run (e.g. 'Harness Input', the node feeding the items). */
	outputsOf(nodeName: string, runIndex?: number): NodeOutputs;
}

/** Workflow JSON as exported from n8n (loosely typed so `import wf from './x.json'` fits). */
export interface WorkflowJson {
	nodes: Array<{ name: string; type: string; [key: string]: unknown }>;
	connections?: object;
	settings?: object;
	[key: string]: unknown;
}

export interface RunWorkflowOptions {
	packageDir?: string;
	workflow: WorkflowJson;
	/** Node that receives `items` as its input (default: first enabled node without inputs). */
	startNode?: string;
	items?: HarnessItems;
	credentials?: HarnessCredentials;
	/**
	 * Real implementations for node types from other packages, by full type name (e.g. n8n's
	 * HTTP Request node for benchmarks); other foreign types stay pass-through stand-ins.
	 */
	extraNodeTypes?: Record<string, unknown>;
	/** Overrides the workflow's settings.timezone (which otherwise applies; fallback 'UTC'). */
	timezone?: string;
	mode?: WorkflowExecuteMode;
}

export interface RunWorkflowResult {
	runData: IRunData;
	outputsOf(nodeName: string, runIndex?: number): NodeOutputs;
	error: HarnessExecutionError | undefined;
	status: ExecutionStatus;
}

export interface TestCredentialOptions {
	packageDir?: string;
	credentialType: string;
	data?: ICredentialDataDecryptedObject;
}

export interface StartTriggerOptions {
	packageDir?: string;
	/** Short node name from the node description (`xobinTrigger`). */
	nodeType: string;
	typeVersion?: number;
	parameters?: IDataObject;
	credentials?: HarnessCredentials;
	timezone?: string;
	nodeName?: string;
	/** The node's webhookId (part of its URL). Default: a random UUID, as n8n assigns. */
	webhookId?: string;
	/** The workflow's id. Default: 'harness-trigger-workflow'. */
	workflowId?: string;
}

/** Lifecycle calls on the test URL ("Listen for test event") instead of the production URL. */
export interface LifecycleOptions {
	test?: boolean;
}

/** One HTTP call the trigger's webhook endpoint received. */
export interface TriggerCall {
	method: string;
	path: string;
	/** Request headers, names lower-cased. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body?: unknown;
	/** The status the caller got. */
	status?: number;
	/** The JSON the harness answered with (absent when the node wrote its own response). */
	response?: unknown;
	/** The items the node emitted, when the call started the workflow. */
	items?: INodeExecutionData[];
	error?: Error;
}

export interface HarnessTrigger {
	/** n8n's production webhook URL of the node's first webhook (served by the harness on loopback). */
	readonly productionUrl: string;
	readonly testUrl: string;
	/** The production (or test) URL of the webhook with this name, e.g. 'default' or 'setup'. */
	urlOf(webhookName: string, options?: LifecycleOptions): string;
	/** Every production (or test) URL the node's webhooks are served at, in the node's order. */
	urls(options?: LifecycleOptions): string[];
	/** Every call to the webhook URLs, in order. */
	readonly calls: TriggerCall[];
	/** The workflowData of each call that started the workflow. */
	readonly executions: INodeExecutionData[][][];
	/** The workflow's persisted static data (a copy). */
	staticData(): IDataObject;
	/** webhookMethods.default.checkExists / create / delete through n8n-core's HookContext. */
	checkExists(options?: LifecycleOptions): Promise<boolean>;
	create(options?: LifecycleOptions): Promise<boolean>;
	delete(options?: LifecycleOptions): Promise<boolean>;
	/** What n8n does when the workflow is activated: checkExists, then create if needed. */
	activate(options?: LifecycleOptions): Promise<{ created: boolean }>;
	/** What n8n does when the workflow is deactivated: delete. */
	deactivate(options?: LifecycleOptions): Promise<boolean>;
	/** Changes node parameters and reloads the workflow (static data kept), like saving an edit. */
	edit(parameters: IDataObject): void;
	/** Reloads the workflow from its persisted state, like an n8n restart. */
	restart(): void;
	close(): Promise<void>;
}

/**
 * Sets up a webhook trigger node of the package the way n8n does: a loopback server serves its
 * webhook URLs and hands each call to the node's webhook() through n8n-core's WebhookContext.
 */
export function startTrigger(options: StartTriggerOptions): Promise<HarnessTrigger>;

/**
 * Runs one node of the package, fed by `items` from a harness input node, in a fresh workflow.
 * Rejects (instead of resolving with `error`) only when n8n refuses to start the run, e.g. a
 * required parameter is missing (WorkflowHasIssuesError) or the node type does not exist.
 */
export function runNode(options: RunNodeOptions): Promise<RunNodeResult>;

/**
 * Runs a workflow JSON starting at `startNode` with `items` as that node's input. Node types
 * from other packages (n8n-nodes-base.*) are stand-ins that pass their input through unchanged;
 * our package's nodes may be typed `<package>.<name>` or `CUSTOM.<name>`.
 */
export function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult>;

/**
 * n8n's credential "Test" button: `{ status: 'OK' | 'Error', message }`. When the request failed
 * without an answer (message is the network code, as in n8n), `attemptedUrl` says where it went.
 */
export function testCredential(
	options: TestCredentialOptions,
): Promise<INodeCredentialTestResult & { attemptedUrl?: string }>;

/** Loads (once per directory) the package the way n8n does; exposed for inspection. */
export function loadPackage(packageDir?: string): Promise<{
	packageName: string;
	nodeTypes: Record<string, { type: unknown; sourcePath: string }>;
	credentialTypes: Record<string, { type: unknown; sourcePath: string }>;
}>;

export const DEFAULT_PACKAGE_DIR: string;

/** As a trigger, without webhooks: nodeType is e.g. `xobinPollingTrigger`. */
export type StartPollerOptions = Omit<StartTriggerOptions, 'webhookId' | 'workflowId'>;

export interface PollResult {
	/** What poll() returned (null: nothing new). */
	items: INodeExecutionData[][] | null;
	/** Whether n8n would have started an execution (and saved the static data). */
	emitted: boolean;
	/** What poll() threw, if it did. */
	error: (Error & { description?: string | null; httpCode?: string | null }) | undefined;
}

export interface HarnessPoller {
	/** One poll: 'trigger' as an active workflow's schedule runs it, 'manual' as Fetch Test Event. */
	poll(options?: { mode?: 'trigger' | 'manual' }): Promise<PollResult>;
	/** Everything the active workflow emitted, one entry per emitting poll. */
	readonly emitted: INodeExecutionData[][][];
	/** The static data as n8n persisted it (a copy). */
	staticData(): IDataObject;
	/** The active workflow's static data in memory (a copy). */
	liveStaticData(): IDataObject;
	/** Changes node parameters and reloads the workflow from its persisted state. */
	edit(parameters: IDataObject): void;
	/** Reloads the workflow from its persisted state, like an n8n restart. */
	restart(): void;
}

/** Sets up a polling trigger node the way n8n runs it (PollContext, static data persisted on emit). */
export function startPoller(options: StartPollerOptions): Promise<HarnessPoller>;

export interface LoadOptionsOptions {
	packageDir?: string;
	nodeType: string;
	typeVersion?: number;
	/** The method's name, e.g. 'searchTracks' or 'getStages'. */
	method: string;
	/** 'listSearch' (a resource locator's list) or 'loadOptions' (a dropdown). Default 'loadOptions'. */
	kind?: 'listSearch' | 'loadOptions';
	/** The search text typed into a list. */
	filter?: string;
	/** The parameters the node panel holds (what getCurrentNodeParameter reads). */
	parameters?: IDataObject;
	credentials?: HarnessCredentials;
}

/** What the editor shows in a list or dropdown: the node's listSearch / loadOptions method result. */
export function loadOptions(
	options: LoadOptionsOptions,
): Promise<
	| { results: Array<{ name: string; value: string | number; url?: string }>; paginationToken?: unknown }
	| Array<{ name: string; value: string | number; description?: string }>
>;
