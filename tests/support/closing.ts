import { afterEach } from 'vitest';

type Closable = { stop?(): unknown; close?(): unknown };

/** A list for what a test opens (simulators, counters): each is closed after the test, last first. */
export function closedAfterEach(): Closable[] {
  const open: Closable[] = [];
  afterEach(async () => {
    while (open.length) {
      const o = open.pop()!;
      await (o.stop ? o.stop() : o.close?.());
    }
  });
  return open;
}
