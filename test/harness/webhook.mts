// Serves trigger nodes over real HTTP the way n8n's server does: the raw bytes kept as
// `rawBody`, n8n's own body parsing in front, the node's webhook() run in n8n-core's
// WebhookContext, and the answer written as n8n's `onReceived` mode writes it. The lifecycle
// methods run in n8n-core's HookContext with n8n's arguments for test and production URLs.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { readBody } from '../../sandbox/server.mts';
import { additionalDataFor, core, type Engine, workflowLib } from './n8n.mts';

const { Workflow: WorkflowClass, NodeHelpers, createRunExecutionData } = workflowLib;

/** A workflow's static data as n8n keeps it between calls: saved after each lifecycle method. */
export interface StaticStore {
	data: IDataObject;
}

export interface EndpointSetup {
	type: string;
	parameters: INodeParameters;
	/** Credential type → data, stored the way n8n stores credentials. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The test URL (`/webhook-test/…`, manual mode) instead of the production one. */
	test?: boolean;
	/** Share one node between a test and a production endpoint, as one workflow has both. */
	node?: INode;
	workflowId?: string;
	/** Old n8n versions gave test webhooks the production static data; pass one store to both. */
	store?: StaticStore;
	/**
	 * The webhook context of n8n 1.x, which has no getWebhookResourceUrl: a node learns only
	 * the production URL and the mode there.
	 */
	withoutResourceUrl?: boolean;
}

/** What the harness answered, and whether the node started a run. */
export interface Exchange {
	status: number;
	body: string;
	contentType: string | undefined;
	/** The node's output, when it started a run. */
	run?: INodeExecutionData[][];
}

type WebhookRequest = IncomingMessage & {
	rawBody: Buffer;
	body: unknown;
	contentType: string;
	encoding: BufferEncoding;
	query: Record<string, string>;
	params: Record<string, string>;
};

function copy(data: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}

/** Writes the answer as Express's res.send does for n8n, and returns its content type. */
function send(res: ServerResponse, status: number, body: unknown): string | undefined {
	res.statusCode = status;
	if (body === undefined) {
		res.end();
		return undefined;
	}
	const [type, text] =
		typeof body === 'string'
			? ['text/html; charset=utf-8', body]
			: ['application/json; charset=utf-8', JSON.stringify(body)];
	res.setHeader('content-type', type);
	res.end(text);
	return type;
}

export class TriggerEndpoint {
	readonly node: INode;
	readonly url: string;
	readonly path: string;
	readonly store: StaticStore;
	readonly exchanges: Exchange[] = [];
	readonly test: boolean;
	/**
	 * How many of the next runs fail to start, as when n8n cannot save the execution or reach its
	 * queue: n8n then answers 500 and nothing runs.
	 */
	runStartFailures = 0;
	readonly workflowId: string;
	private readonly withoutResourceUrl: boolean;
	private readonly description: IWebhookDescription;

	constructor(
		private readonly engine: Engine,
		private readonly harness: WebhookHarness,
		setup: EndpointSetup,
	) {
		this.test = setup.test ?? false;
		this.withoutResourceUrl = setup.withoutResourceUrl ?? false;
		this.workflowId = setup.workflowId ?? `wf-${randomUUID()}`;
		this.store = setup.store ?? { data: {} };
		this.node = setup.node ?? {
			id: randomUUID(),
			name: 'Trigger',
			type: setup.type,
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: setup.parameters,
			credentials: engine.storeCredentials(setup.credentials),
		};
		const nodeType = engine.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		if (!description) throw new Error(`${this.node.type} declares no webhook`);
		this.description = description;
		this.path = NodeHelpers.getNodeWebhookPath(
			this.workflowId,
			this.node,
			String(description.path),
			false,
			false,
		);
		const base = this.test ? harness.testBaseUrl : harness.productionBaseUrl;
		this.url = NodeHelpers.getNodeWebhookUrl(
			base,
			this.workflowId,
			this.node,
			String(description.path),
			false,
		);
	}

	/** Runs after every request and method: what started a run. */
	get runs(): INodeExecutionData[][][] {
		return this.exchanges.flatMap((e) => (e.run ? [e.run] : []));
	}

	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parameters;
	}

	setCredentials(credentials: Record<string, ICredentialDataDecryptedObject>): void {
		this.node.credentials = this.engine.storeCredentials(credentials);
	}

	/** A fresh workflow over the saved static data, as n8n loads one for each call. */
	workflow(): Workflow {
		return new WorkflowClass({
			id: this.workflowId,
			name: 'trigger under test',
			nodes: [this.node],
			connections: {},
			active: !this.test,
			nodeTypes: this.engine.nodeTypes,
			staticData: copy(this.store.data),
		});
	}

	private nodeType(): INodeType {
		return this.engine.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: this.path,
			webhookDescription: this.description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: undefined,
			isTest: this.test,
		};
	}

	/** One lifecycle method in a HookContext, then the static data saved, as WebhookService does. */
	async hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean | undefined> {
		const fn = this.nodeType().webhookMethods?.default?.[method];
		if (!fn) return undefined;
		const workflow = this.workflow();
		const additionalData = this.harness.additionalData();
		// n8n's arguments: test webhooks are created in manual mode; every removal is internal/update.
		const [mode, activation]: [WorkflowExecuteMode, 'manual' | 'activate' | 'update'] =
			method === 'delete'
				? ['internal', 'update']
				: this.test
					? ['manual', 'manual']
					: ['trigger', 'activate'];
		const context = new core.HookContext(
			workflow,
			this.node,
			additionalData,
			mode,
			activation,
			this.webhookData(additionalData),
		);
		try {
			return (await fn.call(context)) as boolean;
		} finally {
			this.store.data = copy(workflow.staticData);
		}
	}

	/** n8n's createWebhookIfNotExists: create only when checkExists says there is none. */
	async activate(): Promise<{ created: boolean }> {
		if (await this.hook('checkExists')) return { created: false };
		await this.hook('create');
		return { created: true };
	}

	async deactivate(): Promise<void> {
		await this.hook('delete');
	}

	/** The part of n8n's executeWebhook that runs before the workflow: the node, then the answer. */
	async serve(req: WebhookRequest, res: ServerResponse): Promise<void> {
		const workflow = this.workflow();
		const mode: WorkflowExecuteMode = this.test ? 'manual' : 'webhook';
		const additionalData = {
			...this.harness.additionalData(),
			httpRequest: req,
			httpResponse: res,
		};
		const context = new core.WebhookContext(
			workflow,
			this.node,
			additionalData as unknown as IWorkflowExecuteAdditionalData,
			mode,
			this.webhookData(additionalData as unknown as IWorkflowExecuteAdditionalData),
			[],
			null,
		);
		if (this.withoutResourceUrl) {
			Object.defineProperty(context, 'getWebhookResourceUrl', { value: undefined });
		}
		const exchange = (
			status: number,
			body: string,
			contentType?: string,
			run?: INodeExecutionData[][],
		) => this.exchanges.push({ status, body, contentType, ...(run ? { run } : {}) });

		let result: IWebhookResponseData;
		try {
			result = (await this.nodeType().webhook!.call(context)) as IWebhookResponseData;
		} catch (error) {
			send(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			exchange(500, String((error as Error).stack));
			return;
		}

		if (result.noWebhookResponse) {
			if (!res.writableEnded)
				throw new Error('The node claimed to answer but did not end the response');
			exchange(
				res.statusCode,
				(res as ServerResponse & { sentBody?: string }).sentBody ?? '',
				String(res.getHeader('content-type')),
			);
			return;
		}
		const expression = workflow.expression;
		const responseCode = expression.getSimpleParameterValue(
			this.node,
			this.description.responseCode,
			mode,
			{},
			undefined,
			200,
		) as number;
		if (result.workflowData === undefined) {
			const body =
				result.webhookResponse !== undefined
					? result.webhookResponse
					: { message: 'Webhook call received' };
			const type = send(res, responseCode, body);
			exchange(responseCode, typeof body === 'string' ? body : JSON.stringify(body), type);
			return;
		}
		const responseMode = expression.getSimpleParameterValue(
			this.node,
			this.description.responseMode,
			mode,
			{},
			undefined,
			'onReceived',
		);
		if (responseMode !== 'onReceived')
			throw new Error(`The harness serves only onReceived, not ${String(responseMode)}`);
		if (this.runStartFailures > 0) {
			this.runStartFailures--;
			// n8n's executeWebhook when WorkflowRunner.run throws.
			const failure = { code: 0, message: 'There was a problem executing the workflow' };
			send(res, 500, failure);
			exchange(500, JSON.stringify(failure));
			return;
		}
		// n8n 2.x's extractWebhookOnReceivedResponse, after the run is queued.
		const responseData = expression.getComplexParameterValue(
			this.node,
			this.description.responseData,
			mode,
			{},
			undefined,
			'firstEntryJson',
		);
		const body =
			responseData === 'noData'
				? undefined
				: responseData
					? responseData
					: result.webhookResponse !== undefined
						? result.webhookResponse
						: { message: 'Workflow was started' };
		const type = send(res, responseCode, body);
		exchange(
			responseCode,
			body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
			type,
			result.workflowData,
		);
	}
}

export class WebhookHarness {
	private readonly endpoints = new Map<string, TriggerEndpoint>();
	private server!: Server;
	baseUrl = '';

	private constructor(private readonly engine: Engine) {}

	static async start(engine: Engine): Promise<WebhookHarness> {
		const harness = new WebhookHarness(engine);
		harness.server = createServer((req, res) => void harness.handle(req, res));
		await new Promise<void>((resolve) => harness.server.listen(0, '127.0.0.1', resolve));
		harness.baseUrl = `http://127.0.0.1:${(harness.server.address() as AddressInfo).port}`;
		return harness;
	}

	get productionBaseUrl(): string {
		return `${this.baseUrl}/webhook`;
	}

	get testBaseUrl(): string {
		return `${this.baseUrl}/webhook-test`;
	}

	additionalData(): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.engine.credentials),
			webhookBaseUrl: this.productionBaseUrl,
			webhookTestBaseUrl: this.testBaseUrl,
		} as IWorkflowExecuteAdditionalData;
	}

	/** Registers the URL before any lifecycle method runs, as n8n does, so a handshake finds it. */
	endpoint(setup: EndpointSetup): TriggerEndpoint {
		const endpoint = new TriggerEndpoint(this.engine, this, setup);
		this.endpoints.set(`${endpoint.test ? 'test' : 'production'}/${endpoint.path}`, endpoint);
		return endpoint;
	}

	remove(endpoint: TriggerEndpoint): void {
		this.endpoints.delete(`${endpoint.test ? 'test' : 'production'}/${endpoint.path}`);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
		const req = incoming as WebhookRequest;
		const url = new URL(req.url ?? '/', this.baseUrl);
		// Keep what was written, for the exchange log (the socket gets it unchanged).
		const end = res.end.bind(res);
		(res as ServerResponse & { end: typeof res.end }).end = ((
			chunk?: unknown,
			...rest: unknown[]
		) => {
			if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
				(res as ServerResponse & { sentBody?: string }).sentBody = chunk.toString();
			}
			return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as typeof res.end;

		try {
			req.rawBody = await readBody(req);
			const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
			req.contentType = type.trim().toLowerCase();
			const charset = params
				.map((p) => p.trim().toLowerCase())
				.find((p) => p.startsWith('charset='));
			req.encoding = (charset?.slice('charset='.length) ?? 'utf-8') as BufferEncoding;
			req.query = Object.fromEntries(url.searchParams);
			req.params = {};
			// n8n's parseBody for version-1 nodes: JSON that does not parse is refused before the node.
			if (req.rawBody.length > 0) {
				if (req.contentType === 'application/json') {
					try {
						req.body = workflowLib.jsonParse(req.rawBody.toString(req.encoding));
					} catch (error) {
						send(res, 422, {
							code: 422,
							message: 'Failed to parse request body',
							hint: (error as Error).message,
						});
						return;
					}
				} else if (req.contentType === 'text/plain') {
					req.body = req.rawBody.toString(req.encoding);
				}
			}
			req.body ??= {};

			const match = /^\/(webhook|webhook-test)\/(.+)$/.exec(url.pathname);
			const endpoint =
				req.method === 'POST' && match
					? this.endpoints.get(`${match[1] === 'webhook-test' ? 'test' : 'production'}/${match[2]}`)
					: undefined;
			if (!endpoint) {
				send(res, 404, {
					code: 404,
					message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
				});
				return;
			}
			await endpoint.serve(req, res);
		} catch (error) {
			if (!res.headersSent) send(res, 500, { message: String((error as Error).message) });
			else res.end();
		}
	}
}

/**
 * Runs the workflow from the trigger's output as n8n does after a webhook: the trigger's items
 * on the execution stack, then the engine follows the connections of each output.
 */
export async function runFromTrigger(
	engine: Engine,
	workflow: Workflow,
	trigger: INode,
	workflowData: INodeExecutionData[][],
) {
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: trigger, data: { main: workflowData }, source: null }],
		},
	});
	const hooks = new core.ExecutionLifecycleHooks('webhook', `exec-${randomUUID()}`, {
		id: workflow.id,
		name: workflow.name,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: true,
		isArchived: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(engine.credentials, hooks);
	return await new core.WorkflowExecute(
		additionalData,
		'webhook',
		runExecutionData,
	).processRunExecutionData(workflow);
}
