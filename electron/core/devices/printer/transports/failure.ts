import { msg, type Msg } from '../../../../../shared/i18n/msg.js';

/**
 * Why a job did not print, and whether paper may have come out. `not-sent`: nothing
 * reached the printer, a retry is safe. `maybe-sent`: some or all bytes may have arrived;
 * only a person who looked at the printer may send it again.
 */
export class PrintFailure extends Error {
  constructor(
    readonly outcome: 'not-sent' | 'maybe-sent',
    readonly code: string,
    readonly words: Msg,
  ) {
    super(`${code}: ${words.en}`);
  }
}

export const notSent = (code: string, vi: string, en: string) => new PrintFailure('not-sent', code, msg(vi, en));
export const maybeSent = (code: string, vi: string, en: string) => new PrintFailure('maybe-sent', code, msg(vi, en));

/** A job as a transport needs it. */
export interface OutgoingJob {
  id: number;
  document: string;
  bytes: Buffer;
  /** drawn only for a transport that needsPicture */
  png: Buffer | null;
}

/**
 * How far a job got when nothing went wrong: `sent` on evidence the printer took every byte,
 * `unconfirmed` when every byte left but the printer never said so, `saved` to the preview folder.
 */
export type Delivered = 'sent' | 'unconfirmed' | 'saved';

export interface PrintTransport {
  /** what the clerk sees as the printer's name: "192.168.1.50:9100", "COM3", "Xem trước" */
  describe(): string;
  /** the preview folder keeps a picture of each job; printers only need the bytes */
  readonly needsPicture?: boolean;
  send(job: OutgoingJob): Promise<Delivered>;
}
