import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { inTransaction, type Data } from '../db/data.js';
import { serverKey } from './token-file.js';

/**
 * The agency servers' tokens of an office server (decision 0047): one per server address, in
 * the table `agency_tokens` every counter reads, so whichever counter holds the exchange lease
 * sends with the token an administrator typed at any counter. Never in clear: each is sealed
 * (AES-256-GCM, the server address as associated data, so a sealed token cannot be moved to
 * another server's row) with a key derived from the office's audit key — a random key every
 * counter of the office must already hold (decision 0044), kept in the counters' folders or
 * secret stores and never on the server, nor in its dumps.
 */
const SEAL_INFO = 'bcci-agency-token-seal-v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const tokenSealKey = (auditKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), SEAL_INFO, 32));

export function sealToken(key: Buffer, server: string, token: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(server, 'utf8'));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The token, or null when it was sealed with another key or for another server. */
export function openToken(key: Buffer, server: string, sealed: string): string | null {
  const raw = Buffer.from(sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES)).setAAD(Buffer.from(server, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The same reads as the counter's token file (`get`, `has`, synchronous: the outbox asks per
 * row), from the rows as last read; `refresh` reads them again (before each call and each turn
 * of the exchange, as the office-wide settings are).
 */
export class OfficeTokens {
  private tokens = new Map<string, string>();

  constructor(
    private readonly data: Data,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  async refresh(): Promise<void> {
    const rows = await this.data.selectFrom('agency_tokens').select(['server', 'sealed']).execute();
    const next = new Map<string, string>();
    for (const r of rows) {
      const token = openToken(this.key, r.server, r.sealed);
      // Another key: this counter's audit key is not the office's, which start-up already reports.
      if (token !== null) next.set(r.server, token);
    }
    this.tokens = next;
  }

  get(url: string): string | undefined {
    return this.tokens.get(serverKey(url));
  }

  has(url: string): boolean {
    return this.tokens.has(serverKey(url));
  }

  /**
   * Tokens a counter kept in its own file before they were the office's (decision 0047): each
   * configured server that has none on the server yet takes the file's, once; a token another
   * counter already brought stays. Returns the servers brought over.
   */
  async adopt(servers: string[], fromFile: { get(url: string): string | undefined }, by: string): Promise<string[]> {
    const brought: string[] = [];
    for (const server of new Set(servers.map(serverKey).filter((k) => k !== ''))) {
      const token = fromFile.get(server);
      if (!token) continue;
      const row = { server, sealed: sealToken(this.key, server, token), set_at: this.now().toISOString(), set_by: by };
      const r = await this.data.insertInto('agency_tokens').values(row).onConflict((oc) => oc.column('server').doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) brought.push(server);
    }
    if (brought.length > 0) await this.refresh();
    return brought;
  }

  /** As the token file's `replace`: sets `set`, keeps the rest of `keep`, drops every other server; one transaction. */
  async replace(keep: string[], set: Map<string, string>, by = ''): Promise<void> {
    await inTransaction(this.data, async (tx) => {
      let gone = tx.deleteFrom('agency_tokens');
      if (keep.length > 0) gone = gone.where('server', 'not in', keep);
      await gone.execute();
      for (const [server, token] of set) {
        if (!keep.includes(server)) continue;
        const row = { sealed: sealToken(this.key, server, token), set_at: this.now().toISOString(), set_by: by };
        await tx.insertInto('agency_tokens').values({ server, ...row }).onConflict((oc) => oc.column('server').doUpdateSet(row)).execute();
      }
    });
    await this.refresh();
  }
}
