import { Agent, request } from 'node:http';
import { encodeBatch } from '../electron/core/agency/wire-body.js';
import { uploadBatch } from '../electron/core/agency/upload-batch.js';
import { startAgencySim } from '../tools/agency-sim/server.js';
import { batch, openHttp } from '../tests/support/agency.js';
import { tempDir } from '../tests/support/core-harness.js';
import { fromMs, summarise, type Row } from './stats.js';

const row = (variant: string, ms: number[], note?: string): Row => summarise('agency upload, 500 items', variant, fromMs(ms), note);

/** A bare keep-alive POST of a body, to the answer's last byte: the floor the client is held to. */
export function rawPost(agent: Agent, url: string, token: string, key: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/batches`, {
      method: 'POST',
      agent,
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': key, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A 500-item batch through the client (encoding, key, receipt read per item) next to raw
 * POSTs of the same bodies, alternating, against the simulator on loopback in this process.
 * Each batch carries new items, so the server does the same work for both.
 */
export async function benchAgencyUpload(n = 16): Promise<Row[]> {
  const sim = await startAgencySim({ dir: tempDir('bcci-bench-agency-') });
  const http = openHttp(sim, 60_000);
  const agent = new Agent({ keepAlive: true });
  const client: number[] = [];
  const raw: number[] = [];
  try {
    for (let i = 0; i < n + 2; i++) {
      const viaClient = batch(`BENCH-C${i}`, 1_000_000 + i * 1000, 500);
      const t0 = performance.now();
      const out = await uploadBatch(http, viaClient);
      const t1 = performance.now();
      if (out.state !== 'delivered') throw new Error(`bench upload ${out.state}`);
      const viaRaw = batch(`BENCH-R${i}`, 5_000_000 + i * 1000, 500);
      const body = encodeBatch(viaRaw);
      const t2 = performance.now();
      const status = await rawPost(agent, sim.url, sim.token, viaRaw.MaLo, body);
      const t3 = performance.now();
      if (status !== 201) throw new Error(`raw POST answered ${status}`);
      if (i < 2) continue; // warm-up
      client.push(t1 - t0);
      raw.push(t3 - t2);
    }
  } finally {
    agent.destroy();
    http.close();
    await sim.close();
  }
  return [
    row('client uploadBatch', client, 'loopback, simulator in process'),
    row('raw POST of the same bodies', raw, 'body encoded before the clock starts'),
  ];
}
