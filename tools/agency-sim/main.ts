/**
 * `npm run agency-sim -- --data <folder> [--port 8790] [--seed bcci] [--max-body-bytes n]`
 * Starts the reference agency server on loopback and prints the URL and token to configure.
 */
import { parseArgs } from 'node:util';
import { DEMO_POST_OFFICE, startAgencySim } from './server.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '8790' },
    seed: { type: 'string', default: 'bcci' },
    'max-body-bytes': { type: 'string' },
    'receive-after-ms': { type: 'string' },
    'result-after-ms': { type: 'string' },
  },
});
if (!values.data) {
  console.error('Cần --data <thư mục> cho kho dữ liệu của máy chủ giả lập / --data <folder> is required for the simulator\'s store');
  process.exit(2);
}
const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const sim = await startAgencySim({
  dir: values.data,
  port: Number(values.port),
  seed: values.seed,
  maxBodyBytes: number(values['max-body-bytes']),
  schedule: {
    ...(values['receive-after-ms'] ? { receiveAfterMs: number(values['receive-after-ms'])! } : {}),
    ...(values['result-after-ms'] ? { resultAfterMs: number(values['result-after-ms'])! } : {}),
  },
});
console.log(`Agency simulator: ${sim.url}
Token (Bearer): ${sim.token}   post office (MaBuuCuc): ${DEMO_POST_OFFICE}
Store: ${values.data}   seed: ${values.seed}   faults: ${sim.url}/_sim/faults (see tools/agency-sim/README.md)`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
