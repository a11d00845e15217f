/**
 * A process that uploads batches L-K0 … L-K{n-1} in turn, as the outbox worker will: the same
 * batches rebuilt from the same data on every start. Crash tests SIGKILL it at random moments
 * and start it again. Usage: agency-uploader.ts <url> <token> <batches> <dossiers per batch>
 */
import { uploadBatch } from '../../electron/core/agency/upload-batch.js';
import { AgencyHttp } from '../../electron/core/agency/http-client.js';
import { batch } from './agency.js';

const [url, token, batches, size] = process.argv.slice(2);
const http = AgencyHttp.open({ url: url!, token: token! }, 2000) as AgencyHttp;
const fast = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20))) };
for (let i = 0; i < Number(batches); i++) {
  let out = await uploadBatch(http, batch(`L-K${i}`, 10_000 + i * 100, Number(size)), { clock: fast });
  while (out.state === 'queued') out = await uploadBatch(http, batch(`L-K${i}`, 10_000 + i * 100, Number(size)), { clock: fast, resume: out.resume });
  console.log(`${out.state} L-K${i}`);
}
http.close();
