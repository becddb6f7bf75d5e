// `npm run bench`: every benchmark, each printing side-by-side ratios from one run.
// `npm run bench -- --engine-only` skips the ones that boot a real n8n (about 7 min of them).
// P1, P3 and the other ids in the printed lines are defined in bench/README.md.
import { run as runActions } from './actions.mts';
import { run as runN8nActions } from './n8n-actions.mts';
import { run as runTriggers } from './n8n-triggers.mts';
import { run as runPackage } from './package.mts';
import { run as runPlanLimits } from './plan-limits.mts';
import { run as runRefusals } from './n8n-refusals.mts';
import { run as runVerify } from './verify.mts';

const engineOnly = process.argv.includes('--engine-only');

await runVerify();
await runActions();
await runPlanLimits();
if (!engineOnly) {
	// One n8n at a time: they would skew each other's figures on a small machine.
	await runPackage({ rounds: 5, startupRounds: 2 });
	await runN8nActions();
	await runTriggers();
	await runRefusals();
}
