// Runs our nodes inside n8n's own engine (n8n-core), the way an n8n server does:
// a real Workflow, WorkflowExecute, and credentials resolved through the credential
// type's declarative `authenticate` block with n8n's expression engine.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type * as BackendCommonModule from '@n8n/backend-common';
import type * as DiModule from '@n8n/di';
import type * as CoreModule from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type * as WorkflowModule from 'n8n-workflow';

// n8n-core reads its configuration from the environment when first loaded.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'conversa-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'conversa-test-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';

// n8n-workflow's ESM build does not import natively, and node code loads the CJS copy:
// the engine must see the same error classes, so everything goes through `require`.
const require = createRequire(import.meta.url);
export const core = require('n8n-core') as typeof CoreModule;
export const workflowLib = require('n8n-workflow') as typeof WorkflowModule;

const { WorkflowExecute, ExecutionLifecycleHooks } = core;
// The logger nodes get is n8n-core's, from the copies of these packages n8n-core resolves.
const requireFromCore = createRequire(require.resolve('n8n-core'));
const { Container } = requireFromCore('@n8n/di') as typeof DiModule;
const { Logger } = requireFromCore('@n8n/backend-common') as typeof BackendCommonModule;
const { Workflow, ICredentialsHelper, NodeHelpers, isExpression } = workflowLib;

export const START_NODE_TYPE = 'test.start';

/** Emits the items a test hands it, like a manual trigger with pinned data. */
class StartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the test items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export type NodeClass = new () => INodeType | IVersionedNodeType;

export class NodeRegistry implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodes: Record<string, NodeClass>) {
		this.byName.set(START_NODE_TYPE, new StartNode());
		for (const [name, NodeType] of Object.entries(nodes)) this.byName.set(name, new NodeType());
	}

	/** Loads another class under a name, as n8n does after the package is updated. */
	install(name: string, NodeType: NodeClass): void {
		this.byName.set(name, new NodeType());
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.byName.get(nodeType);
		if (!found) throw new Error(`Unknown node type ${nodeType}`);
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * What n8n's server does with a credential, minus the database: defaults from the
 * credential type's properties, and its declarative `authenticate` block resolved
 * with n8n's expression engine against `$credentials`.
 */
export class CredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();
	private readonly stored = new Map<string, StoredCredential>();
	/** How many times a node read a credential: each is a database read in n8n's server. */
	reads = 0;

	constructor(types: Array<new () => ICredentialType>) {
		super();
		for (const Type of types) {
			const type = new Type();
			this.types.set(type.name, type);
		}
	}

	add(credential: StoredCredential): void {
		if (!this.types.has(credential.type)) throw new Error(`Unknown credential type ${credential.type}`);
		this.stored.set(credential.id, credential);
	}

	getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowModule.Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		if (!workflow || !node) throw new Error('Declarative authentication needs the workflow and node');
		const resolve = (value: string): string => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			target[section] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[section][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Encrypted credentials are not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const stored = nodeCredentials.id ? this.stored.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`Credential ${nodeCredentials.id ?? nodeCredentials.name} of type ${type} not found`);
		}
		const defaults = NodeHelpers.getNodeParameters(
			this.getType(type).properties,
			stored.data as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...(defaults as ICredentialDataDecryptedObject), ...stored.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.getType(type).properties;
	}
}

export function additionalDataFor(
	credentialsHelper: CredentialsHelper,
	hooks?: CoreModule.ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not used in tests');
		},
		currentNodeParameters: undefined,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface LoggedWarning {
	message: string;
	meta: Record<string, unknown>;
}

/**
 * Records the warnings nodes write through n8n's logger (the one `this.logger` is in every node
 * context), until `stop()`; they still reach the logger itself.
 */
export function recordWarnings(): { warnings: LoggedWarning[]; stop: () => void } {
	const logger = Container.get(Logger);
	const original = logger.warn;
	const warnings: LoggedWarning[] = [];
	logger.warn = (message: string, meta: Record<string, unknown> = {}) => {
		warnings.push({ message, meta });
		original.call(logger, message, meta);
	};
	return { warnings, stop: () => void (logger.warn = original) };
}

export interface EngineOptions {
	nodes: Record<string, NodeClass>;
	credentialTypes: Array<new () => ICredentialType>;
}

export interface NodeUnderTest {
	type: string;
	parameters: INodeParameters;
	/** Credential type → credential data; stored and referenced the way n8n stores them. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	onError?: INode['onError'];
	typeVersion?: number;
	/** The workflow's settings, such as its time zone, which `getTimezone()` answers. */
	workflowSettings?: IWorkflowSettings;
}

export interface NodeRun {
	/** Items on each output of the node under test. */
	outputs: INodeExecutionData[][];
	/** The node's error when the run failed. */
	error?: Error & { description?: string; httpCode?: string | number | null };
	run: IRun;
}

export interface ListSearchCall {
	type: string;
	/** The node's current parameters, as the editor sends them. */
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	typeVersion?: number;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** A node type that only carries a credential's test request, as n8n's CredentialsTester builds it. */
function credentialTestNodeType(credentialType: string, type: ICredentialType): INodeType {
	if (!type.test || !('request' in type.test)) throw new Error(`${credentialType} has no test request`);
	return {
		description: {
			displayName: 'Credential test',
			name: 'test.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: type.test.request },
					default: '',
				},
			],
		},
	} as INodeType;
}

/** One engine per test file: node types and credential types registered once. */
export class Engine {
	readonly nodeTypes: NodeRegistry;
	readonly credentials: CredentialsHelper;
	private counter = 0;

	constructor(options: EngineOptions) {
		this.nodeTypes = new NodeRegistry(options.nodes);
		this.credentials = new CredentialsHelper(options.credentialTypes);
	}

	/** Stores credentials and returns the `credentials` field an INode carries. */
	storeCredentials(
		credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
	): INode['credentials'] {
		if (!credentials) return undefined;
		const refs: NonNullable<INode['credentials']> = {};
		for (const [type, data] of Object.entries(credentials)) {
			const id = `cred-${++this.counter}`;
			this.credentials.add({ id, name: `${type} test`, type, data });
			refs[type] = { id, name: `${type} test` };
		}
		return refs;
	}

	workflow(
		nodes: INode[],
		connections: WorkflowModule.IConnections,
		staticData?: IDataObject,
		settings?: IWorkflowSettings,
	) {
		return new Workflow({
			id: `wf-${++this.counter}`,
			name: 'test',
			nodes,
			connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
			settings,
		});
	}

	/** Runs Start → node under test over `input`, in n8n's engine. */
	async run(
		node: NodeUnderTest,
		input: IDataObject[] = [{}],
		mode: WorkflowExecuteMode = 'manual',
	): Promise<NodeRun> {
		return await this.start(node, input, mode).done;
	}

	/** Starts a run; `stop()` cancels it as n8n's Stop does, `done` settles when the node returns. */
	start(
		node: NodeUnderTest,
		input: IDataObject[] = [{}],
		mode: WorkflowExecuteMode = 'manual',
	): { stop: () => void; done: Promise<NodeRun> } {
		const start: INode = {
			id: 'start',
			name: 'Start',
			type: START_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(input) },
		};
		const underTest: INode = {
			id: 'under-test',
			name: 'Under Test',
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: [200, 0],
			parameters: node.parameters,
			credentials: this.storeCredentials(node.credentials),
			onError: node.onError,
		};
		const workflow = this.workflow(
			[start, underTest],
			{ Start: { main: [[{ node: 'Under Test', type: 'main', index: 0 }]] } },
			undefined,
			node.workflowSettings,
		);
		const hooks = new ExecutionLifecycleHooks(mode, `exec-${++this.counter}`, {
			id: workflow.id,
			name: workflow.name,
			nodes: [start, underTest],
			connections: workflow.connectionsBySourceNode,
			active: false,
			isArchived: false,
			settings: node.workflowSettings ?? {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as WorkflowModule.IWorkflowBase);
		const additionalData = additionalDataFor(this.credentials, hooks);
		const execution = new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode: start,
		});
		const done = execution.then((run): NodeRun => {
			const runData: IRunData = run.data.resultData.runData;
			const task = runData['Under Test']?.[0];
			const outputs = (task?.data?.main ?? []).map((items) => items ?? []);
			const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'];
			return { outputs, error, run };
		});
		return { stop: () => execution.cancel(), done };
	}

	/**
	 * Runs a node's listSearch method the way n8n's editor backend does: a one-node
	 * workflow and a LoadOptionsContext over it.
	 */
	async listSearch(
		call: ListSearchCall,
		method: string,
		filter?: string,
		paginationToken?: string,
	): Promise<WorkflowModule.INodeListSearchResult> {
		const nodeType = this.nodeTypes.getByNameAndVersion(call.type, call.typeVersion);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new Error(`${call.type} has no listSearch method ${method}`);
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: call.type,
			typeVersion: call.typeVersion ?? 1,
			position: [0, 0],
			parameters: call.parameters ?? {},
			credentials: this.storeCredentials(call.credentials),
		};
		const workflow = this.workflow([node], {});
		const context = new core.LoadOptionsContext(workflow, node, additionalDataFor(this.credentials), 'parameters');
		return await search.call(context, filter, paginationToken);
	}

	/** Tests a credential the way n8n's CredentialsTester does for a declarative `test` request. */
	async testCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<CredentialTestResult> {
		const nodeType = credentialTestNodeType(type, this.credentials.getType(type));
		const refs = this.storeCredentials({ [type]: data }) ?? {};
		const { id, name } = refs[type];
		const decrypted = await this.credentials.getDecrypted(
			{} as IWorkflowExecuteAdditionalData,
			{ id, name },
			type,
		);
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: nodeType.description.name,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: refs,
		};
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const context = new core.ExecuteContext(
			workflow,
			node,
			additionalDataFor(this.credentials),
			'internal',
			{ resultData: { runData: {} } } as unknown as WorkflowModule.IRunExecutionData,
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		try {
			await new core.RoutingNode(context, nodeType, { id: id ?? '', name, type, data: decrypted }).runNode();
		} catch (error) {
			const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
				.cause;
			if (cause?.response) {
				const { test } = this.credentials.getType(type);
				const rules = test && 'rules' in test ? (test.rules ?? []) : [];
				for (const rule of rules) {
					if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
				};
			}
			return { status: 'Error', message: cause?.code ?? (error as Error).message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}
}
