/**
 * `npm run agency-sim -- --data <folder> [--port 8790] [--seed bcci] [--max-body-bytes n]
 *   [--receive-after-ms n] [--decide-after-ms n] [--result-after-ms n] [--refuse-share 0.1]
 *   [--supplement-share 0.1] [--appointment-days 5]`
 * Starts the reference agency server on loopback and prints the URL and token to configure.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SCHEDULE, type Schedule } from './schedule.js';
import { DEMO_POST_OFFICE, startAgencySim } from './server.js';

/** receiveAfterMs → receive-after-ms: one option per schedule field. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const scheduleKeys = Object.keys(DEFAULT_SCHEDULE) as (keyof Schedule)[];

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '8790' },
    seed: { type: 'string', default: 'bcci' },
    'max-body-bytes': { type: 'string' },
    ...Object.fromEntries(scheduleKeys.map((k) => [kebab(k), { type: 'string' as const }])),
  },
});
const fail = (vi: string, en: string) => {
  console.error(`${vi} / ${en}`);
  process.exit(2);
};
if (!values.data) fail('Cần --data <thư mục> cho kho dữ liệu của máy chủ giả lập', "--data <folder> is required for the simulator's store");
const number = (name: string): number | undefined => {
  const text = (values as Record<string, string | undefined>)[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} phải là số không âm (nhận "${text}")`, `--${name} must be a number ≥ 0 (got "${text}")`);
  return n;
};
const schedule: Partial<Schedule> = {};
for (const k of scheduleKeys) {
  const n = number(kebab(k));
  if (n !== undefined) schedule[k] = n;
}
const sim = await startAgencySim({
  dir: values.data!,
  port: number('port'),
  seed: values.seed,
  maxBodyBytes: number('max-body-bytes'),
  schedule,
});
console.log(`Agency simulator: ${sim.url}
Token (Bearer): ${sim.token}   post office (MaBuuCuc): ${DEMO_POST_OFFICE}
Store: ${values.data}   seed: ${values.seed}   schedule: ${JSON.stringify({ ...DEFAULT_SCHEDULE, ...schedule })}
Faults: ${sim.url}/_sim/faults (see tools/agency-sim/README.md)`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
