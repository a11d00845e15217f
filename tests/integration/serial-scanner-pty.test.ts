import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { ScannerEvent } from '../../shared/contract/index.js';
import { systemSerialDevices } from '../../electron/core/devices/scanner/scanner-service.js';
import type { PortInfo } from '../../electron/core/devices/scanner/serial-scanner.js';
import { startCore, tempDir, type Harness } from '../support/core-harness.js';
import { ptyPair, type PtyPair } from '../support/pty-pair.js';
import { skipWithout } from '../support/prerequisites.js';

const CARD = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';
const IDENTITY = { vendorId: '0c2e', productId: '0b61', serialNumber: 'VNP-0001' };

let h: Harness | undefined;
const pairs: PtyPair[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const p of pairs.splice(0)) await p.kill();
});

/** Collects what the core pushes over the contract's event iterator, as the renderer would. */
async function listen(harness: Harness) {
  const events: ScannerEvent[] = [];
  const controller = new AbortController();
  const iterator = await harness.client.scanner.events(undefined, { signal: controller.signal });
  void (async () => {
    try {
      for await (const e of iterator) events.push(e);
    } catch {
      // aborted at the end of the test
    }
  })();
  const waitFor = async (check: (e: ScannerEvent[]) => boolean, ms = 8000) => {
    const end = Date.now() + ms;
    while (!check(events)) {
      if (Date.now() > end) throw new Error(`timed out; events: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { events, waitFor, stop: () => controller.abort() };
}

const scans = (events: ScannerEvent[]) => events.flatMap((e) => (e.type === 'scan' ? [e.scan] : []));
const lastState = (events: ScannerEvent[]) => events.filter((e) => e.type === 'state').at(-1);

describe.skipIf(skipWithout('socat'))('a serial scanner on a pty pair', () => {
  it('delivers classified scans with full diacritics, notices an unplug and reconnects by identity', async () => {
    const dir = tempDir('bcci-pty-');
    const first = await ptyPair(dir, 'a');
    pairs.push(first);
    let listed: PortInfo[] = [{ path: first.app, ...IDENTITY }];
    h = await startCore({ serialDevices: { listPorts: async () => listed, openPort: systemSerialDevices.openPort } });
    const bus = await listen(h);
    await h.client.settings.update({
      scanner: { enabled: true, path: first.app, ...IDENTITY, baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, suffix: 'CR' },
    });
    await bus.waitFor((e) => lastState(e)?.type === 'state' && (lastState(e) as { state: { state: string } }).state.state === 'connected');

    writeFileSync(first.device, `EL471108151VN\r${CARD}\r000.00.15.H12-261128-0007\r`);
    await bus.waitFor((e) => scans(e).length === 3);
    const [item, card, code] = scans(bus.events);
    expect(item).toMatchObject({ kind: 'item', code: 'EL471108151VN' });
    expect(card).toMatchObject({ kind: 'id-card', card: { fullName: 'Nguyễn Văn Đức', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' } });
    expect(code).toMatchObject({ kind: 'dossier-code' });
    expect((await h.client.scanner.status()).last?.scan.kind).toBe('dossier-code');

    // Unplug: socat dies, both ends vanish.
    await first.kill();
    await bus.waitFor((e) => (lastState(e) as { state: { state: string } } | undefined)?.state.state === 'searching');

    // Plug back in on another name: same vendor, product and serial number.
    const second = await ptyPair(dir, 'b');
    pairs.push(second);
    listed = [{ path: second.app, ...IDENTITY }];
    await bus.waitFor((e) => {
      const s = lastState(e) as { state: { state: string; path?: string } } | undefined;
      return s?.state.state === 'connected' && s.state.path === second.app;
    });
    writeFileSync(second.device, 'EL471108151VN\r');
    await bus.waitFor((e) => scans(e).length === 4);

    // Turning the scanner off releases the port: nothing more arrives.
    await h.client.settings.update({ scanner: { ...(await h.client.settings.get()).scanner, enabled: false } });
    expect((await h.client.scanner.status()).state).toEqual({ state: 'off' });
    writeFileSync(second.device, 'EL471108151VN\r');
    await new Promise((r) => setTimeout(r, 200));
    expect(scans(bus.events)).toHaveLength(4);
    bus.stop();
  });

  it('reports wrong-baud garbage as a problem and keeps working', async () => {
    const pair = await ptyPair(tempDir('bcci-pty-'), 'c');
    pairs.push(pair);
    h = await startCore({ serialDevices: { listPorts: async () => [], openPort: systemSerialDevices.openPort } });
    const bus = await listen(h);
    await h.client.settings.update({ scanner: { ...(await h.client.settings.get()).scanner, enabled: true, path: pair.app } });
    await bus.waitFor((e) => (lastState(e) as { state: { state: string } } | undefined)?.state.state === 'connected');
    writeFileSync(pair.device, Buffer.from([0xf0, 0x9f, 0xff, 0x80, 0x0d, 0x0a]));
    writeFileSync(pair.device, 'EL471108151VN\r\n');
    await bus.waitFor((e) => e.some((x) => x.type === 'problem') && scans(e).length === 1);
    expect(bus.events.find((x) => x.type === 'problem')).toMatchObject({ problem: { vi: expect.stringContaining('baud') } });
    bus.stop();
  });
});
