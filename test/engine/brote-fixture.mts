// Shared set-up of the action-node engine tests: a sandbox, n8n's engine with our nodes, and
// credentials that pace the nodes on the sandbox's compressed clock.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import type * as WorkflowModule from 'n8n-workflow';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { Brote } from '../../nodes/Brote/Brote.node.ts';
import { NotMeta } from '../../nodes/NotMeta/NotMeta.node.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/index.mts';
import { Engine, type NodeRun, type NodeUnderTest } from '../harness/n8n.mts';

export const TIME_SCALE = 0.01;

export interface Fixture {
	sb: Sandbox;
	engine: Engine;
	/** The credential for the sandbox, with `fields` (a timeout, say) set on top. */
	broteCredentials(
		apiKey?: string,
		fields?: ICredentialDataDecryptedObject,
	): NodeUnderTest['credentials'];
	notMetaCredentials(
		apiKey?: string,
		fields?: ICredentialDataDecryptedObject,
	): NodeUnderTest['credentials'];
	brote(
		parameters: INodeParameters,
		input?: IDataObject[],
		node?: Partial<NodeUnderTest>,
	): Promise<NodeRun>;
	notMeta(
		parameters: INodeParameters,
		input?: IDataObject[],
		node?: Partial<NodeUnderTest>,
	): Promise<NodeRun>;
	/** Requests the sandbox received since the last reset, optionally of one method and path suffix. */
	count(method?: string, pathEnd?: string): number;
	close(): Promise<void>;
}

export async function actionFixture(options: SandboxOptions = {}): Promise<Fixture> {
	const sb = await startSandbox({ timeScale: TIME_SCALE, ...options });
	const engine = new Engine({
		nodes: { brote: Brote, notMeta: NotMeta },
		credentialTypes: [BroteApi, NotMetaApi],
	});
	const broteCredentials = (apiKey?: string, fields: ICredentialDataDecryptedObject = {}) => ({
		broteApi: { ...sb.credentials('brote', apiKey), ...fields },
	});
	const notMetaCredentials = (apiKey?: string, fields: ICredentialDataDecryptedObject = {}) => ({
		notMetaApi: { ...sb.credentials('notmeta', apiKey), ...fields },
	});
	return {
		sb,
		engine,
		broteCredentials,
		notMetaCredentials,
		brote: (parameters, input, node) =>
			engine.run({ type: 'brote', parameters, credentials: broteCredentials(), ...node }, input),
		notMeta: (parameters, input, node) =>
			engine.run(
				{ type: 'notMeta', parameters, credentials: notMetaCredentials(), ...node },
				input,
			),
		count: (method, pathEnd) =>
			sb.requests.filter(
				(r) => (!method || r.method === method) && (!pathEnd || r.path.endsWith(pathEnd)),
			).length,
		close: () => sb.close(),
	};
}

const NODE_CODE = fileURLToPath(new URL('../../nodes/', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * A fresh copy of the node code beside the one the fixture runs, with rate-limit buckets of
 * its own, as a second n8n worker process has: the two learn of each other's requests only
 * from what the server answers. `n8nWorkflow` replaces exports of n8n-workflow for that copy
 * alone, as an older n8n's differ; the engine keeps the installed one.
 */
export function separateWorker(n8nWorkflow: Partial<typeof WorkflowModule> = {}): Engine {
	const loaded = Object.keys(require.cache).filter((path) => path.startsWith(NODE_CODE));
	const saved = loaded.map((path) => [path, require.cache[path]] as const);
	for (const path of loaded) delete require.cache[path];
	const workflowPath = require.resolve('n8n-workflow');
	const installed = require.cache[workflowPath];
	if (installed) {
		require.cache[workflowPath] = {
			...installed,
			exports: { ...(installed.exports as typeof WorkflowModule), ...n8nWorkflow },
		};
	}
	try {
		const copy = require('../../nodes/Brote/Brote.node.ts') as { Brote: typeof Brote };
		return new Engine({ nodes: { brote: copy.Brote }, credentialTypes: [BroteApi] });
	} finally {
		require.cache[workflowPath] = installed;
		for (const path of Object.keys(require.cache)) {
			if (path.startsWith(NODE_CODE)) delete require.cache[path];
		}
		for (const [path, module] of saved) require.cache[path] = module;
	}
}

/** The `json` of every item on the node's first output. */
export function json(run: NodeRun): IDataObject[] {
	return (run.outputs[0] ?? []).map((item) => item.json);
}

/** A resource locator value "by ID", as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
