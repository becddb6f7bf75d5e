// Shared set-up of the action-node engine tests: a sandbox, n8n's engine with our nodes,
// and the package's pacing compressed by the same time scale as the sandbox's clock.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { Brote } from '../../nodes/Brote/Brote.node.ts';
import { NotMeta } from '../../nodes/NotMeta/NotMeta.node.ts';
import type * as PacingModule from '../../nodes/shared/pacing.ts';
import type { PacingSettings } from '../../nodes/shared/pacing.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/index.mts';
import { Engine, type NodeRun, type NodeUnderTest } from '../harness/n8n.mts';

// The node code is CommonJS: an ESM import of one of its files would be a second copy with
// its own settings and buckets, so the copy the nodes use is loaded with `require`.
const require = createRequire(import.meta.url);
export const pacing = require('../../nodes/shared/pacing.ts') as typeof PacingModule;
const { configurePacing } = pacing;

export const TIME_SCALE = 0.01;

export interface Fixture {
	sb: Sandbox;
	engine: Engine;
	broteCredentials(apiKey?: string): NodeUnderTest['credentials'];
	notMetaCredentials(apiKey?: string): NodeUnderTest['credentials'];
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

export async function actionFixture(
	options: SandboxOptions = {},
	pacing: Partial<PacingSettings> = {},
): Promise<Fixture> {
	const timeScale = options.timeScale ?? TIME_SCALE;
	configurePacing({ timeScale, ...pacing });
	const sb = await startSandbox({ ...options, timeScale });
	const engine = new Engine({
		nodes: { brote: Brote, notMeta: NotMeta },
		credentialTypes: [BroteApi, NotMetaApi],
	});
	const broteCredentials = (apiKey = sb.apiKeys.brote) => ({
		broteApi: { apiKey, baseUrl: sb.urls.brote },
	});
	const notMetaCredentials = (apiKey = sb.apiKeys.notmeta) => ({
		notMetaApi: { apiKey, baseUrl: sb.urls.notmeta },
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
		close: async () => {
			configurePacing({});
			await sb.close();
		},
	};
}

const NODE_CODE = fileURLToPath(new URL('../../nodes/', import.meta.url));

/**
 * A fresh copy of the node code beside the one the fixture runs, with pacing settings and
 * buckets of its own, as a second n8n worker process has: the two learn of each other's
 * requests only from what the server answers.
 */
export function separateWorker(timeScale = TIME_SCALE): Engine {
	const loaded = Object.keys(require.cache).filter((path) => path.startsWith(NODE_CODE));
	const saved = loaded.map((path) => [path, require.cache[path]] as const);
	for (const path of loaded) delete require.cache[path];
	try {
		const copy = require('../../nodes/Brote/Brote.node.ts') as { Brote: typeof Brote };
		const copyPacing = require('../../nodes/shared/pacing.ts') as typeof PacingModule;
		copyPacing.configurePacing({ timeScale });
		return new Engine({ nodes: { brote: copy.Brote }, credentialTypes: [BroteApi] });
	} finally {
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
