// What ran, as n8n itself reports it through its public API.
import type { Execution, N8nServer, WorkflowJson } from '../n8n/server.mts';

export interface WorkflowRuns {
	id: string;
	name: string;
	executions: Array<{ id: string; status: string; mode: string; nodes: string[] }>;
}

interface TimedRun {
	startTime?: number;
}

/** The nodes that ran, in the order they started; a disabled node only passes its input on. */
function nodesRun(execution: Execution, disabled: Set<string>): string[] {
	const runData = execution.data?.resultData?.runData ?? {};
	return Object.entries(runData)
		.filter(([name]) => !disabled.has(name))
		.map(([name, runs]) => ({ name, start: (runs[0] as TimedRun | undefined)?.startTime ?? 0 }))
		.sort((a, b) => a.start - b.start)
		.map(({ name }) => name);
}

function disabledNodes(workflow: WorkflowJson): Set<string> {
	const nodes = workflow.nodes as Array<{ name: string; disabled?: boolean }>;
	return new Set(nodes.filter((node) => node.disabled).map((node) => node.name));
}

export async function workflowRuns(
	n8n: N8nServer,
	workflows: Array<{ id: string; name: string; workflow: WorkflowJson }>,
): Promise<WorkflowRuns[]> {
	return await Promise.all(
		workflows.map(async ({ id, name, workflow }) => {
			const disabled = disabledNodes(workflow);
			return {
				id,
				name,
				executions: (await n8n.executions(id))
					.sort((a, b) => Number(a.id) - Number(b.id))
					.map((execution) => ({
						id: execution.id,
						status: execution.status,
						mode: execution.mode,
						nodes: nodesRun(execution, disabled),
					})),
			};
		}),
	);
}

export function formatRuns(runs: WorkflowRuns[]): string {
	const lines: string[] = [];
	for (const workflow of runs) {
		const counts = new Map<string, number>();
		for (const execution of workflow.executions)
			counts.set(execution.status, (counts.get(execution.status) ?? 0) + 1);
		const tally =
			[...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'no executions';
		lines.push(`  ${workflow.name}: ${tally}`);
		for (const execution of workflow.executions) {
			lines.push(
				`    #${execution.id} ${execution.status.padEnd(7)} ${execution.nodes.join(' → ')}`,
			);
		}
	}
	return lines.join('\n');
}
