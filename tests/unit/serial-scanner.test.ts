import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { SerialScanner, matchesIdentity, type ScannerConfig, type ScannerState } from '../../electron/core/devices/scanner/serial-scanner.js';

const config = (over: Partial<ScannerConfig> = {}): ScannerConfig => ({
  path: '/dev/ttyMOCK0',
  baudRate: 9600,
  parity: 'none',
  dataBits: 8,
  stopBits: 1,
  vendorId: '',
  productId: '',
  serialNumber: '',
  suffix: 'CR',
  ...over,
});

function rig() {
  const frames: string[] = [];
  const states: ScannerState[] = [];
  const problems: string[] = [];
  const opened: SerialPortMock[] = [];
  const scanner = new SerialScanner({
    listPorts: async () => [{ path: '/dev/ttyMOCK0', vendorId: '0c2e', productId: '0b61', serialNumber: 'S1' }],
    openPort: (s) => {
      const p = new SerialPortMock({ path: s.path, baudRate: s.baudRate, autoOpen: false });
      opened.push(p);
      return p;
    },
    onFrame: (t) => frames.push(t),
    onState: (s) => states.push(s),
    onProblem: (p) => problems.push(p.kind),
    retry: { minMs: 10, maxMs: 40 },
  });
  return { scanner, frames, states, problems, opened };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const emit = (p: SerialPortMock, data: string | Buffer) => p.port!.emitData(typeof data === 'string' ? Buffer.from(data) : data);

afterEach(() => SerialPortMock.binding.reset());

describe('serial scanner (mock binding)', () => {
  it('turns frames, partial frames and noise into scans and problems', async () => {
    SerialPortMock.binding.createPort('/dev/ttyMOCK0');
    const r = rig();
    await r.scanner.configure(config());
    expect(r.states.at(-1)).toEqual({ state: 'connected', path: '/dev/ttyMOCK0' });
    const port = r.opened[0]!;
    emit(port, 'EL4711');
    emit(port, '08151VN\rGARB');
    await until(() => r.frames.length === 1);
    emit(port, Buffer.from([0xff, 0xfe, 0x0d]));
    emit(port, 'Đức\r');
    await until(() => r.frames.length === 2 && r.problems.length === 1);
    // "GARB" and the two bad bytes form one noisy frame; the next frame is clean.
    expect(r.frames).toEqual(['EL471108151VN', 'Đức']);
    expect(r.problems).toEqual(['noise']);
    await r.scanner.close();
  });

  it('releases the port on close and on a settings change, and never holds two', async () => {
    SerialPortMock.binding.createPort('/dev/ttyMOCK0');
    SerialPortMock.binding.createPort('/dev/ttyMOCK1');
    const r = rig();
    await r.scanner.configure(config());
    await r.scanner.configure(config({ path: '/dev/ttyMOCK1' }));
    expect(r.opened[0]!.isOpen).toBe(false);
    expect(r.opened[1]!.isOpen).toBe(true);
    await r.scanner.configure(null);
    expect(r.opened[1]!.isOpen).toBe(false);
    expect(r.states.at(-1)).toEqual({ state: 'off' });
  });

  it('keeps searching while the port is missing, then connects when it appears', async () => {
    const r = rig();
    await r.scanner.configure(config());
    expect(r.states.at(-1)?.state).toBe('searching');
    SerialPortMock.binding.createPort('/dev/ttyMOCK0');
    await until(() => r.states.at(-1)?.state === 'connected');
    await r.scanner.close();
  });

  it('matches a scanner by vendor, product and serial number, not by its path', () => {
    const c = config({ vendorId: '0C2E', productId: '0b61', serialNumber: 's1' });
    expect(matchesIdentity({ path: '/dev/ttyACM3', vendorId: '0c2e', productId: '0b61', serialNumber: 'S1' }, c)).toBe(true);
    expect(matchesIdentity({ path: '/dev/ttyACM3', vendorId: '0c2e', productId: '0b61', serialNumber: 'S2' }, c)).toBe(false);
    expect(matchesIdentity({ path: '/dev/ttyACM3' }, config())).toBe(false);
  });
});
