import type { Msg } from '../../../shared/i18n/msg.js';
import type { Data } from '../db/data.js';
import type { Reachability } from './update-poller.js';

/**
 * On an office server only the counter holding the exchange lease talks to the agencies
 * (decision 0040); the others showed "unknown" for ever. The holder records each server's last
 * exchange here and every counter's status bar reads it (decision 0047). A record older than
 * `STALE_MS` says nothing about now (the holder died, or the server has no holder): it is left
 * out, and the bar says the state is unknown.
 */
export const STALE_MS = 5 * 60_000;

export class SharedReachability {
  constructor(
    private readonly data: Data,
    private readonly counterCode: () => string,
    private readonly now: () => Date,
  ) {}

  async record(r: Reachability): Promise<void> {
    const row = { ok: r.ok ? 1 : 0, at: r.at, problem: r.problem ? JSON.stringify(r.problem) : null, counter_code: this.counterCode() };
    await this.data.insertInto('agency_reachability').values({ server: r.serverUrl, ...row }).onConflict((oc) => oc.column('server').doUpdateSet(row)).execute();
  }

  /** The fresh records of the servers named. */
  async read(servers: readonly string[]): Promise<Reachability[]> {
    if (servers.length === 0) return [];
    const since = new Date(this.now().getTime() - STALE_MS).toISOString();
    const rows = await this.data.selectFrom('agency_reachability').selectAll().where('server', 'in', servers).where('at', '>=', since).execute();
    return rows.map((r) => ({ serverUrl: r.server, ok: r.ok === 1, at: r.at, problem: r.problem ? (JSON.parse(r.problem) as Msg) : null }));
  }
}
