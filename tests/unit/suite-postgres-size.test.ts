import { describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_FILE, filesAtOnce, suiteMaxConnections } from '../support/postgres-suite.js';

describe('the suite’s PostgreSQL server takes every file the machine runs at once', () => {
  it('a 16-thread developer machine: fifteen office files at once, each with its four counters, fit', () => {
    const files = filesAtOnce(undefined, 16);
    expect(files).toBe(15);
    expect(suiteMaxConnections(files)).toBeGreaterThanOrEqual(15 * CONNECTIONS_PER_FILE);
  });

  it('workers given on the command line count, not the threads', () => {
    expect(filesAtOnce(4, 32)).toBe(4);
    expect(suiteMaxConnections(filesAtOnce(24, 2))).toBeGreaterThanOrEqual(24 * CONNECTIONS_PER_FILE);
  });

  it('a 2-core machine keeps the limit known to work there', () => {
    expect(suiteMaxConnections(filesAtOnce(undefined, 2))).toBe(150);
  });
});
