import type { ItemCodeRules } from '../../../../shared/ids/item-code.js';
import { EventPublisher } from '@orpc/server';
import { SerialPort } from 'serialport';
import type { ScannerEvent, ScannerSettings } from '../../../../shared/contract/index.js';
import { msg } from '../../../../shared/i18n/msg.js';
import { classifyScan, type Scan } from '../../../../shared/scan/classify.js';
import { SerialScanner, type PortInfo, type PortLike, type ScannerState, type SerialSettings } from './serial-scanner.js';

export interface ScannerDevices {
  listPorts: () => Promise<PortInfo[]>;
  openPort: (settings: SerialSettings) => PortLike;
}

/** The machine's real ports. SerialPort.list() needs udev on Linux and never lists ptys. */
export const systemSerialDevices: ScannerDevices = {
  listPorts: () => SerialPort.list(),
  openPort: (s) => new SerialPort({ path: s.path, baudRate: s.baudRate, parity: s.parity, dataBits: s.dataBits, stopBits: s.stopBits, autoOpen: false }),
};

/**
 * The counter's serial scanner as the rest of the core sees it: configured from settings,
 * every frame classified in shared/, and scans and state changes published to whoever
 * listens (the renderer, over the contract's event iterator).
 */
export class ScannerService {
  readonly events = new EventPublisher<{ event: ScannerEvent }>({ maxBufferedEvents: 20 });
  private readonly scanner: SerialScanner;
  private applied = '';
  private last: { at: string; scan: Scan } | null = null;

  constructor(
    private readonly devices: ScannerDevices,
    private readonly itemCodes: () => ItemCodeRules,
    private readonly now: () => Date,
  ) {
    this.scanner = new SerialScanner({
      ...devices,
      onFrame: (text) => this.onFrame(text),
      onState: (state) => this.events.publish('event', { type: 'state', state }),
      onProblem: (p) =>
        this.events.publish('event', {
          type: 'problem',
          at: this.now().toISOString(),
          problem:
            p.kind === 'noise'
              ? msg('Máy quét gửi dữ liệu không đọc được: kiểm tra tốc độ (baud), parity và số bit trong Cài đặt.', 'The scanner sent unreadable data: check baud rate, parity and bits in Settings.')
              : msg('Mã quét quá dài hoặc thiếu ký tự kết thúc (CR/LF): kiểm tra cài đặt hậu tố của máy quét.', 'A scan was too long or had no end character (CR/LF): check the scanner’s suffix setting.'),
        }),
    });
  }

  get state(): ScannerState {
    return this.scanner.current;
  }

  get lastScan() {
    return this.last;
  }

  async listPorts() {
    const ports = await this.devices.listPorts().catch(() => []);
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? '',
      vendorId: p.vendorId ?? '',
      productId: p.productId ?? '',
      serialNumber: p.serialNumber ?? '',
    }));
  }

  /** Applies settings; unchanged settings leave an open port alone, changed ones release it first. */
  async apply(settings: ScannerSettings): Promise<void> {
    const key = JSON.stringify(settings.enabled ? settings : { enabled: false });
    if (key === this.applied) return;
    this.applied = key;
    await this.scanner.configure(settings.enabled && (settings.path || settings.vendorId || settings.serialNumber) ? settings : null);
  }

  close(): Promise<void> {
    this.applied = '';
    return this.scanner.close();
  }

  private onFrame(text: string): void {
    const at = this.now().toISOString();
    const scan = classifyScan(text, this.itemCodes());
    this.last = { at, scan };
    this.events.publish('event', { type: 'scan', at, scan });
  }
}
