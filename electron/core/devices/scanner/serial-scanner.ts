import type { Msg } from '../../../../shared/i18n/msg.js';
import { msg } from '../../../../shared/i18n/msg.js';
import { FrameDecoder, type DecodedFrame, type FrameSuffix } from './frame-decoder.js';

/** What the OS says about a serial port (serialport's PortInfo, trimmed). */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
}

/** The part of a serialport stream the scanner uses; tests pass a mock or a pty-backed port. */
export interface PortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error & { disconnected?: boolean }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export interface SerialSettings {
  path: string;
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  dataBits: 7 | 8;
  stopBits: 1 | 2;
}

export interface ScannerConfig extends SerialSettings {
  /** remembered identity: a scanner re-plugged on another COM name is found again by it */
  vendorId: string;
  productId: string;
  serialNumber: string;
  suffix: FrameSuffix;
}

export type ScannerState =
  | { state: 'off' }
  | { state: 'connected'; path: string }
  | { state: 'searching'; reason: Msg }
  | { state: 'error'; reason: Msg };

export interface SerialScannerDeps {
  listPorts: () => Promise<PortInfo[]>;
  openPort: (settings: SerialSettings) => PortLike;
  onFrame: (text: string) => void;
  onState: (state: ScannerState) => void;
  onProblem?: (problem: Exclude<DecodedFrame, { kind: 'frame' }>) => void;
  /** reconnect backoff in ms; doubles from min to max */
  retry?: { minMs: number; maxMs: number };
}

const hasIdentity = (c: ScannerConfig) => Boolean(c.vendorId || c.productId || c.serialNumber);

/** A port matches the remembered scanner when every remembered identity field agrees. */
export function matchesIdentity(p: PortInfo, c: ScannerConfig): boolean {
  const same = (a: string | undefined, b: string) => !b || (a ?? '').toLowerCase() === b.toLowerCase();
  return hasIdentity(c) && same(p.vendorId, c.vendorId) && same(p.productId, c.productId) && same(p.serialNumber, c.serialNumber);
}

/**
 * One serial scanner: opens it, decodes frames, notices an unplug (the port closes with
 * `disconnected`), and polls the port list with backoff until the same scanner — by
 * vendor, product and serial number, whatever its COM name — comes back.
 * It holds the port only while configured; `configure(null)` and `close()` release it.
 */
export class SerialScanner {
  private config: ScannerConfig | null = null;
  private port: PortLike | null = null;
  private decoder = new FrameDecoder();
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private generation = 0;
  private state: ScannerState = { state: 'off' };

  constructor(private readonly deps: SerialScannerDeps) {
    this.delay = deps.retry?.minMs ?? 250;
  }

  get current(): ScannerState {
    return this.state;
  }

  async configure(config: ScannerConfig | null): Promise<void> {
    await this.release();
    this.config = config;
    if (!config) return this.setState({ state: 'off' });
    this.decoder = new FrameDecoder(config.suffix);
    this.delay = this.deps.retry?.minMs ?? 250;
    await this.connect(this.generation);
  }

  async close(): Promise<void> {
    this.config = null;
    await this.release();
    this.setState({ state: 'off' });
  }

  private async release(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const port = this.port;
    this.port = null;
    if (port) {
      port.removeAllListeners();
      port.on('error', () => {}); // a late error from a port we let go must not crash the app
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    }
  }

  private setState(state: ScannerState): void {
    this.state = state;
    this.deps.onState(state);
  }

  private async findPath(config: ScannerConfig): Promise<string | null> {
    if (!hasIdentity(config)) return config.path || null;
    let ports: PortInfo[] = [];
    try {
      ports = await this.deps.listPorts();
    } catch {
      // Listing can fail (no udev, driver hiccup); fall back to the remembered path.
    }
    return ports.find((p) => matchesIdentity(p, config))?.path ?? null;
  }

  private async connect(generation: number): Promise<void> {
    const config = this.config;
    if (!config || generation !== this.generation) return;
    const path = await this.findPath(config);
    if (generation !== this.generation) return;
    if (!path) {
      return this.retry(generation, msg('Không thấy máy quét; đang tìm lại…', 'Scanner not found; searching…'));
    }
    const port = this.deps.openPort({ ...config, path });
    const opened = await new Promise<Error | null>((resolve) => port.open(resolve));
    if (generation !== this.generation) {
      if (!opened) port.close();
      return;
    }
    if (opened) {
      port.removeAllListeners();
      return this.retry(generation, msg(`Không mở được cổng ${path}; đang thử lại…`, `Cannot open ${path}; retrying…`));
    }
    this.port = port;
    this.decoder.reset();
    this.delay = this.deps.retry?.minMs ?? 250;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('error', () => {}); // followed by 'close' when the device is gone
    port.on('close', () => {
      if (generation !== this.generation) return;
      this.port = null;
      this.retry(generation, msg('Máy quét đã bị rút ra hoặc mất kết nối; đang tìm lại…', 'Scanner unplugged or disconnected; searching…'));
    });
    this.setState({ state: 'connected', path });
  }

  private retry(generation: number, reason: Msg): void {
    if (this.state.state !== 'searching' || this.state.reason.vi !== reason.vi) this.setState({ state: 'searching', reason });
    this.timer = setTimeout(() => void this.connect(generation), this.delay);
    this.delay = Math.min(this.delay * 2, this.deps.retry?.maxMs ?? 2000);
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      if (frame.kind === 'frame') this.deps.onFrame(frame.text);
      else this.deps.onProblem?.(frame);
    }
  }
}
