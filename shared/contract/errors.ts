import type { Msg } from '../i18n/msg.js';

/**
 * What travels in an oRPC error's `data` for every failure the clerk should read:
 * the words in both languages, and the form field it concerns when there is one.
 */
export interface AppErrorData extends Msg {
  /** stable code for logs and tests, never shown alone */
  code: string;
  field?: string;
  problems?: (Msg & { field?: string })[];
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorData).vi === 'string' &&
    typeof (value as AppErrorData).en === 'string'
  );
}
