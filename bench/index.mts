// `npm run bench`: every benchmark, each printing side-by-side ratios from one run.
import { run as runActions } from './actions.mts';
import { run as runVerify } from './verify.mts';

await runVerify();
await runActions();
