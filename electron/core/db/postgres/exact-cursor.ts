import Cursor from 'pg-cursor';

/** What pg-cursor does with each row the server sends, which its types do not declare. */
interface RowHandling {
  handleDataRow(msg: unknown): void;
  handleError(error: unknown): void;
}

/**
 * The server-side cursor a query read row by row goes through (a year's register export).
 * pg-cursor reads each row with the connection's parsers, so streamed rows get the pool's exact
 * integers; but a value a parser refuses (a bigint past 2^53, pool.ts) is thrown out of the
 * socket's data handler, where nothing catches it: the process ends, or the read waits for
 * ever. Here the refusal fails the read instead, as it fails an ordinary query, and the rows
 * still arriving for that read are dropped.
 */
export class ExactCursor<Row = unknown> extends Cursor<Row> {
  private refused = false;

  handleDataRow(msg: unknown): void {
    if (this.refused) return;
    try {
      (Cursor.prototype as unknown as RowHandling).handleDataRow.call(this, msg);
    } catch (error) {
      this.refused = true;
      (this as unknown as RowHandling).handleError(error);
    }
  }
}
