// One n8n worker for bench/plan-limits.mts: a process of its own, with its own n8n-core engine
// and token buckets, as a queue-mode worker has. It runs the Brote contact creates the parent
// sends over IPC and answers with what came out.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { BroteApi } from '../credentials/BroteApi.credentials.ts';
import { Brote } from '../nodes/Brote/Brote.node.ts';
import { Engine } from '../test/harness/n8n.mts';

export interface BulkJob {
	credential: ICredentialDataDecryptedObject;
	phones: string[];
}

export interface BulkResult {
	outputs: number;
	/** Items that came out as errors, or never came out. */
	failed: number;
}

const engine = new Engine({ nodes: { brote: Brote }, credentialTypes: [BroteApi] });

async function bulkCreate(job: BulkJob): Promise<BulkResult> {
	const run = await engine.run(
		{
			type: 'brote',
			parameters: {
				resource: 'contact',
				operation: 'create',
				name: 'Plan bench',
				phone: '={{ $json.phone }}',
			},
			credentials: { broteApi: job.credential },
			onError: 'continueRegularOutput',
		},
		job.phones.map((phone) => ({ phone })),
	);
	const items = run.outputs[0] ?? [];
	const errors = items.filter((item) => item.json.error !== undefined).length;
	return { outputs: items.length, failed: errors + (job.phones.length - items.length) };
}

process.on('message', (job: BulkJob) => {
	bulkCreate(job).then(
		(result) => process.send?.(result),
		(error: unknown) => process.send?.({ error: String(error) }),
	);
});
process.send?.('ready');
