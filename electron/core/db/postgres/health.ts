import pg from 'pg';
import type { OfficeServer } from '../../../../shared/contract/office-server.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { connectionProblem } from './connection-words.js';
import { clientConfig } from './pool.js';

export interface OfficeLink {
  state: 'connecting' | 'up' | 'down';
  /** when this state began (ISO) */
  since: string;
  /** what the counter shows while down: why, and that intake waits until the server is back */
  words: Msg | null;
}

export interface HealthTimings {
  /** how often a live link is checked, for a network that dies without closing the connection */
  probeMs: number;
  /** how long a probe may take before the link counts as down */
  probeTimeoutMs: number;
  /** waits between reconnection attempts while down, the last one repeated */
  retryMs: readonly number[];
}

const DEFAULT_TIMINGS: HealthTimings = { probeMs: 5000, probeTimeoutMs: 3000, retryMs: [250, 500, 1000, 2000, 5000] };

/**
 * Watches the way to the office server over one connection of its own. The server closing it
 * (shut down, restarted, killed) is known the moment the socket says so, and a network that goes
 * silent by the next probe; either is reported at once, in words. While down it reconnects by
 * itself, backing off, and reports "up" as soon as the server answers again.
 */
export class OfficeServerHealth {
  private link: OfficeLink;
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;
  private readonly listeners = new Set<(link: OfficeLink) => void>();
  private readonly timings: HealthTimings;

  constructor(
    private readonly server: OfficeServer,
    private readonly password: string,
    timings: Partial<HealthTimings> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.link = { state: 'connecting', since: this.now().toISOString(), words: null };
  }

  current(): OfficeLink {
    return this.link;
  }

  /** Calls `listener` with every change of state; returns the way to stop listening. */
  onChange(listener: (link: OfficeLink) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    void this.reconnect();
  }

  /**
   * For code whose query failed: if the failure was the server's unreachability, the counter
   * hears it now rather than at the next probe.
   */
  noteFailure(error: unknown): void {
    if (this.link.state === 'up' && connectionProblem(error, this.server)) this.lost(error);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.drop();
  }

  private set(state: OfficeLink['state'], words: Msg | null): void {
    if (this.link.state === state && this.link.words?.en === words?.en) return;
    this.link = { state, since: this.now().toISOString(), words };
    for (const listener of this.listeners) listener(this.link);
  }

  private later(ms: number, step: () => Promise<void>): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void step(), ms);
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private downWords(error: unknown): Msg {
    const why = connectionProblem(error, this.server)?.words ?? msg('máy chủ không trả lời', 'the server does not answer');
    return msg(
      `Mất kết nối tới máy chủ dữ liệu bưu cục: ${why.vi} Quầy tạm ngừng tiếp nhận để không ghi dở hồ sơ; dữ liệu đã lưu không mất. Quầy sẽ tự kết nối lại khi máy chủ trở lại.`,
      `The office data server cannot be reached: ${why.en} The counter does not take dossiers in meanwhile, so none is half written; saved data is safe. It reconnects by itself when the server is back.`,
    );
  }

  private lost(error: unknown): void {
    if (this.stopped) return;
    this.set('down', this.downWords(error));
    void this.drop();
    this.attempt = 0;
    this.later(this.timings.retryMs[0]!, () => this.reconnect());
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ ...clientConfig(this.server, this.password, 'bcci-counter (health)'), query_timeout: this.timings.probeTimeoutMs });
    // The socket closing or failing is the first sign of a server going away.
    client.on('error', (error) => this.client === client && this.lost(error));
    client.on('end', () => this.client === client && this.lost(new Error('Connection terminated')));
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      this.set('down', this.downWords(error));
      const waits = this.timings.retryMs;
      this.later(waits[Math.min(++this.attempt, waits.length - 1)]!, () => this.reconnect());
      return;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.attempt = 0;
    this.set('up', null);
    this.later(this.timings.probeMs, () => this.probe());
  }

  private async probe(): Promise<void> {
    const client = this.client;
    if (!client || this.stopped) return;
    try {
      await client.query('SELECT 1');
      this.later(this.timings.probeMs, () => this.probe());
    } catch (error) {
      if (this.client === client) this.lost(error);
    }
  }
}
