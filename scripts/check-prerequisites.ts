/**
 * `npm test`'s first step: says, before minutes of tests, which machine tools are missing and
 * how to install each. On CI a missing tool fails the run; elsewhere its tests are skipped.
 */
import { TOOLS, inCi, missing } from '../tests/support/prerequisites.js';

const lines = TOOLS.map(missing).filter((l): l is string => l !== null);
for (const line of lines) console.log(line);
if (lines.length > 0) {
  if (inCi()) {
    console.log('CI=true: every test must run, so the run stops here.');
    process.exit(1);
  }
  console.log('The tests that need these are reported as skipped.');
}
