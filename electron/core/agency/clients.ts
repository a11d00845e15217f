/**
 * One client per server and token, kept for its keep-alive connections until the settings
 * change (then every client is closed and the next exchange opens new ones with the new values).
 */
import { AgencyHttp, type AgencyServer } from './http-client.js';
import type { AgencyProblem } from './problems.js';

export class AgencyClients {
  private readonly open = new Map<string, AgencyHttp>();

  constructor(private readonly timeoutMs?: number) {}

  /** The client for `server`, or why its address cannot be used. */
  get(server: AgencyServer): AgencyHttp | AgencyProblem {
    const key = `${server.url}\n${server.token}`;
    const known = this.open.get(key);
    if (known) return known;
    const opened = AgencyHttp.open(server, this.timeoutMs);
    if (opened instanceof AgencyHttp) this.open.set(key, opened);
    return opened;
  }

  /** Closes every client; a request in flight is cut (its outcome is then unknown). */
  closeAll(): void {
    for (const c of this.open.values()) c.close();
    this.open.clear();
  }
}
