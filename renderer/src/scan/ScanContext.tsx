import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ScannerEvent } from '../../../shared/contract/index.js';
import { classifyScan, type Scan } from '../../../shared/scan/classify.js';
import type { ItemCodeRules } from '../../../shared/ids/item-code.js';
import { api } from '../rpc.js';
import { KeyboardWedge } from './keyboard-wedge.js';
import { useSession } from '../session/SessionGate.js';

export type ScanSource = 'keyboard' | 'serial';
export type ScanHandler = (scan: Scan, source: ScanSource) => void;

type ScannerState = Extract<ScannerEvent, { type: 'state' }>['state'];

const Ctx = createContext<{ current: ScanHandler | null }>({ current: null });
const StateCtx = createContext<{ state: ScannerState | null; problem: Extract<ScannerEvent, { type: 'problem' }> | null }>({ state: null, problem: null });

/** Sets an input's value the way typing does, so React's onChange sees it. */
function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Scans from both inputs reach the screen in front of the clerk: keyboard-wedge bursts
 * caught on window (capture phase, before any field sees the Enter), and serial scans
 * pushed by the core. A burst read as an ID card or a code never stays typed in the focused
 * field: its value is put back as it was when the burst began. One that is neither stays typed.
 */
export function ScanProvider({ children, itemCodes }: { children: ReactNode; itemCodes: ItemCodeRules }) {
  const handler = useRef<ScanHandler | null>(null);
  // Behind the lock a scan is taken and dropped: it must not fill the form of the clerk away.
  const { locked } = useSession();
  const lockedRef = useRef(locked);
  lockedRef.current = locked;
  const deliver = (scan: Scan, source: ScanSource) => {
    if (!lockedRef.current) handler.current?.(scan, source);
  };
  const rules = useRef(itemCodes);
  rules.current = itemCodes;
  const [status, setStatus] = useState<{ state: ScannerState | null; problem: Extract<ScannerEvent, { type: 'problem' }> | null }>({
    state: null,
    problem: null,
  });

  useEffect(() => {
    const wedge = new KeyboardWedge();
    let snapshot: { el: HTMLInputElement | HTMLTextAreaElement; value: string } | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return wedge.reset();
      if (wedge.startsBurst(e)) {
        const el = document.activeElement;
        snapshot = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? { el, value: el.value } : null;
      }
      const r = wedge.feed(e);
      if (r.type !== 'scan') return;
      const scan = classifyScan(r.text, rules.current);
      const typedInto = snapshot;
      snapshot = null;
      // A fast typist (a phone number typed in one go) makes bursts too: what no scanner would
      // send stays typed in the field, and its Enter or Tab moves on as usual.
      if (scan.kind === 'other' && typedInto) return;
      e.preventDefault();
      e.stopPropagation();
      if (typedInto && typedInto.el.value !== typedInto.value) setNativeValue(typedInto.el, typedInto.value);
      deliver(scan, 'keyboard');
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    // Serial scans: keep listening, reconnecting after a dropped stream.
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          for await (const event of await api.scanner.events(undefined, { signal: controller.signal })) {
            if (event.type === 'scan') deliver(event.scan, 'serial');
            else if (event.type === 'state') setStatus({ state: event.state, problem: null });
            else setStatus((s) => ({ ...s, problem: event }));
          }
        } catch {
          // stream ended or failed; retry below
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();
    return () => controller.abort();
  }, []);

  return (
    <Ctx.Provider value={handler}>
      <StateCtx.Provider value={status}>{children}</StateCtx.Provider>
    </Ctx.Provider>
  );
}

/** The serial scanner's state as the core last reported it, and the last line problem. */
export const useScannerStatus = () => useContext(StateCtx);

/** The screen in front of the clerk takes the scans while it is mounted (and, for one kept mounted behind another, in front). */
export function useScanHandler(fn: ScanHandler, inFront = true) {
  const ref = useContext(Ctx);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (!inFront) return;
    const mine: ScanHandler = (scan, source) => latest.current(scan, source);
    ref.current = mine;
    return () => {
      if (ref.current === mine) ref.current = null;
    };
  }, [ref, inFront]);
}

/** A short low tone for a refused scan (the clerk may be looking at the citizen). */
export function refuseTone() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 220;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.18);
    osc.onended = () => void ctx.close();
  } catch {
    // no audio device: the message beside the field is enough
  }
}
