import { useEffect, useState } from 'react';

/** Hands each value of a live stream from the core to `onValue`, listening again two seconds after it drops (the core restarting), until `signal` ends it. */
export async function listen<T>(open: (signal: AbortSignal) => Promise<AsyncIterable<T>>, onValue: (value: T) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      for await (const next of await open(signal)) onValue(next);
    } catch {
      // stream dropped: listen again
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** The latest value of a live stream from the core (opened once per mount); null until the first. */
export function useLive<T>(open: (signal: AbortSignal) => Promise<AsyncIterable<T>>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void listen(open, setValue, controller.signal);
    return () => controller.abort();
  }, []);
  return value;
}
