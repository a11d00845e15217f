import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PrintJob } from '../../../shared/contract/index.js';
import { api } from '../rpc.js';

interface PrintQueue {
  /** jobs waiting, in flight, failed or of unknown outcome */
  open: PrintJob[];
  /** the latest state of every job seen since start, by id */
  latest: Map<number, PrintJob>;
  refresh(): void;
}

const Ctx = createContext<PrintQueue>({ open: [], latest: new Map(), refresh: () => {} });

/** Jobs that need the clerk, as the core's openJobs() lists them. */
const isOpen = (j: PrintJob) => ['queued', 'sending', 'held', 'failed', 'unknown'].includes(j.state);

/** Keeps the print queue live from the core's job events, for the status bar and every screen. */
export function PrintQueueProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<PrintJob[]>([]);
  const [latest, setLatest] = useState(new Map<number, PrintJob>());

  const refresh = useCallback(() => {
    api.printing.openJobs().then(setOpen).catch(() => {});
  }, []);

  useEffect(() => {
    refresh();
    const controller = new AbortController();
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          for await (const job of await api.printing.events(undefined, { signal: controller.signal })) {
            setLatest((m) => new Map(m).set(job.id, job));
            setOpen((list) => {
              const rest = list.filter((j) => j.id !== job.id);
              return isOpen(job) ? [...rest, job].sort((a, b) => a.id - b.id) : rest;
            });
          }
        } catch {
          // stream dropped: pick up what changed meanwhile, then listen again
        }
        await new Promise((r) => setTimeout(r, 2000));
        refresh();
      }
    })();
    return () => controller.abort();
  }, [refresh]);

  return <Ctx.Provider value={{ open, latest, refresh }}>{children}</Ctx.Provider>;
}

export const usePrintQueue = () => useContext(Ctx);

/** A list of jobs kept up to date with the live events. */
export function useLiveJobs(jobs: PrintJob[]): PrintJob[] {
  const { latest } = usePrintQueue();
  return jobs.map((j) => {
    const l = latest.get(j.id);
    return l && l.updatedAt >= j.updatedAt ? l : j;
  });
}
