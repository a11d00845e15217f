/**
 * The labels of the forms outside intake (Settings, its backups, calendar, retention and audit
 * log, and F6's reports), as those screens show them, and which field of each procedure's input
 * the clerk types under which label: a refusal then names the field in the screen's own words.
 * Keyed per procedure, because one name means different fields ("passphrase" is the backup's,
 * the automatic backup's, the restored file's or the audit key's).
 */
export const FORM_LABELS = {
  // Settings: the office, the counter and its devices
  language: ['Ngôn ngữ', 'Language'],
  officeCode: ['Mã bưu cục', 'Post office code'],
  officeName: ['Tên bưu cục', 'Post office name'],
  counterCode: ['Mã quầy', 'Counter code'],
  idleLockMinutes: ['Tự khoá quầy sau (phút không thao tác)', 'Lock the counter after (idle minutes)'],
  s10Service: ['Mã dịch vụ (2 chữ)', 'Service letters (2)'],
  s10First: ['Số đầu', 'First serial'],
  s10Last: ['Số cuối', 'Last serial'],
  carriers: ['Mã bưu gửi của hãng khác (ngoài chuẩn S10)', 'Other carriers’ item codes (not S10)'],
  carrierName: ['Hãng vận chuyển', 'Carrier'],
  carrierPattern: ['Mẫu mã (biểu thức chính quy, khớp cả mã)', 'Code pattern (regular expression, whole code)'],
  handoverDays: ['Số ngày làm việc chuyển hồ sơ (J+n)', 'Transit working days (J+n)'],
  handoverRules: ['Quy tắc J+n theo nơi nhận (quy tắc đầu tiên khớp được dùng)', 'J+n rules by destination (the first match applies)'],
  agencyCode: ['Mã cơ quan', 'Agency code'],
  level: ['Cấp thực hiện', 'Level'],
  days: ['Số ngày', 'Days'],
  connection: ['Kết nối', 'Connection'],
  printerHost: ['Địa chỉ IP máy in', 'Printer IP address'],
  printerPort: ['Cổng', 'Port'],
  flowControl: ['Điều khiển luồng', 'Flow control'],
  devicePath: ['Đường dẫn máy in', 'Printer path'],
  paperWidth: ['Khổ giấy', 'Paper width'],
  printMode: ['Cách in chữ', 'How text prints'],
  codePage: ['Số bảng mã CP1258 (ESC t)', 'CP1258 table number (ESC t)'],
  cutPaper: ['Cắt giấy sau mỗi phiếu', 'Cut after each document'],
  openDrawer: ['Mở ngăn kéo tiền khi in phiếu gửi', 'Open the cash drawer with the receipt'],
  previewDir: ['Thư mục xem trước', 'Preview folder'],
  previewKeepDays: ['Giữ bản xem trước (ngày)', 'Keep previews (days)'],
  termsLine: ['Dòng điều khoản cuối phiếu', 'Terms line on the receipt'],
  trackingUrl: ['Nội dung mã QR', 'QR content'],
  scannerSerialOn: ['Dùng máy quét nối cổng COM (USB COM ảo hoặc RS-232)', 'Use a serial scanner (USB virtual COM or RS-232)'],
  scannerPort: ['Cổng đã phát hiện', 'Detected ports'],
  scannerPath: ['Đường dẫn cổng', 'Port path'],
  baudRate: ['Tốc độ (baud)', 'Baud rate'],
  parity: ['Kiểm tra chẵn lẻ', 'Parity'],
  dataBits: ['Số bit dữ liệu', 'Data bits'],
  stopBits: ['Số bit dừng', 'Stop bits'],
  suffix: ['Ký tự kết thúc', 'Frame suffix'],
  configCodes: ['Mã cài đặt máy quét', 'Scanner programming codes'],
  configLabel: ['Tên mã', 'Code name'],
  configContent: ['Nội dung mã', 'Code content'],
  agencies: ['Cơ quan giải quyết và máy chủ', 'Deciding agencies and their servers'],
  agencyName: ['Tên cơ quan', 'Agency name'],
  agencyAddress: ['Địa chỉ cơ quan', 'Agency address'],
  agencyServerUrl: ['Địa chỉ máy chủ', 'Server address'],
  agencyToken: ['Mã truy cập', 'Token'],
  // Settings: the holiday calendar
  calendarYear: ['Năm', 'Year'],
  noticeReference: ['Số, ngày thông báo', 'Notice number and date'],
  holidays: ['Lịch nghỉ lễ, Tết và ngày làm bù', 'Public holidays and make-up working days'],
  date: ['Ngày', 'Date'],
  dayKind: ['Loại', 'Kind'],
  dayName: ['Tên', 'Name'],
  noticeFile: ['Tệp thông báo (.xlsx, .csv: cột Ngày, Loại, Tên; hoặc .json)', 'Notice file (.xlsx, .csv: columns Ngày, Loại, Tên; or .json)'],
  // Settings: backups and restore
  backupPassphrase: ['Mật khẩu sao lưu', 'Backup passphrase'],
  automaticBackupOn: ['Bật sao lưu tự động', 'Back up automatically'],
  automaticFolder: ['Thư mục lưu bản sao lưu tự động', 'Folder for automatic backups'],
  automaticHour: ['Giờ sao lưu (0–23)', 'Hour (0–23)'],
  automaticKeep: ['Số bản giữ lại', 'Backups kept'],
  automaticPassphrase: ['Mật khẩu cho sao lưu tự động', 'Passphrase for automatic backups'],
  backupFile: ['Tệp sao lưu', 'Backup file'],
  restorePassphrase: ['Mật khẩu của bản sao lưu', 'The backup’s passphrase'],
  // Settings: retention and the audit log
  retentionYears: ['Số năm lưu trữ (ít nhất 5)', 'Years kept (at least 5)'],
  clerk: ['Giao dịch viên', 'Clerk'],
  auditAction: ['Thao tác', 'Action'],
  auditDossier: ['Hồ sơ (số hiệu bưu gửi, mã hồ sơ)', 'Dossier (item number, dossier code)'],
  auditKeyPassphrase: ['Mật khẩu của tệp khoá', 'Key file passphrase'],
  auditKeyFile: ['Tệp khoá (.bcciauditkey)', 'Key file (.bcciauditkey)'],
  // F6 reports
  fromDay: ['Từ ngày', 'From'],
  toDay: ['Đến ngày', 'To'],
  counterDaysDay: ['Ngày', 'Day'],
  notClosedClerk: ['Giao dịch viên chưa chốt', 'Clerk not closed yet'],
  closeForCash: ['Tiền mặt giao dịch viên đã đếm', 'Cash the clerk counted'],
} as const satisfies Record<string, readonly [string, string]>;

export type FormLabel = keyof typeof FORM_LABELS;

/** A server's address and token, as the agencies' form and its connection test take them. */
const AGENCY: Record<string, FormLabel> = { code: 'agencyCode', name: 'agencyName', address: 'agencyAddress', serverUrl: 'agencyServerUrl', token: 'agencyToken' };
const RANGE: Record<string, FormLabel> = { from: 'fromDay', to: 'toDay' };
const under = (prefix: string, fields: Record<string, FormLabel>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, v]));

/** Per procedure: the input's path, dotted, an array's index as `*`, to the label of its field. */
export const FORM_FIELDS: Record<string, Record<string, FormLabel>> = {
  'settings.update': {
    lang: 'language',
    'office.code': 'officeCode',
    'office.name': 'officeName',
    'counter.code': 'counterCode',
    'security.idleLockMinutes': 'idleLockMinutes',
    's10.service': 's10Service',
    's10.first': 's10First',
    's10.last': 's10Last',
    's10.carriers': 'carriers',
    's10.carriers.*.name': 'carrierName',
    's10.carriers.*.pattern': 'carrierPattern',
    'handover.defaultDays': 'handoverDays',
    'handover.rules': 'handoverRules',
    'handover.rules.*.agencyCode': 'agencyCode',
    'handover.rules.*.level': 'level',
    'handover.rules.*.days': 'days',
    'printer.connection': 'connection',
    'printer.host': 'printerHost',
    'printer.port': 'printerPort',
    'printer.serialPath': 'scannerPath',
    'printer.baudRate': 'baudRate',
    'printer.flowControl': 'flowControl',
    'printer.devicePath': 'devicePath',
    'printer.paperWidth': 'paperWidth',
    'printer.mode': 'printMode',
    'printer.codePage': 'codePage',
    'printer.cut': 'cutPaper',
    'printer.drawer': 'openDrawer',
    'printer.previewDir': 'previewDir',
    'printer.previewKeepDays': 'previewKeepDays',
    'printer.terms': 'termsLine',
    'printer.trackingUrl': 'trackingUrl',
    'scanner.enabled': 'scannerSerialOn',
    'scanner.path': 'scannerPath',
    // picked with the port from the list of those found
    'scanner.vendorId': 'scannerPort',
    'scanner.productId': 'scannerPort',
    'scanner.serialNumber': 'scannerPort',
    'scanner.baudRate': 'baudRate',
    'scanner.parity': 'parity',
    'scanner.dataBits': 'dataBits',
    'scanner.stopBits': 'stopBits',
    'scanner.suffix': 'suffix',
    'scanner.configCodes': 'configCodes',
    'scanner.configCodes.*.label': 'configLabel',
    'scanner.configCodes.*.content': 'configContent',
    agencies: 'agencies',
    ...under('agencies.*', AGENCY),
  },
  'agencies.save': { agencies: 'agencies', ...under('agencies.*', AGENCY) },
  'agencies.test': AGENCY,
  'calendar.year': { year: 'calendarYear' },
  'calendar.saveNotice': { year: 'calendarYear', reference: 'noticeReference', days: 'holidays', 'days.*.date': 'date', 'days.*.kind': 'dayKind', 'days.*.name': 'dayName' },
  'calendar.readNoticeFile': { year: 'calendarYear', fileName: 'noticeFile', contentBase64: 'noticeFile' },
  'backup.create': { passphrase: 'backupPassphrase' },
  'backup.setAutomatic': { enabled: 'automaticBackupOn', folder: 'automaticFolder', hour: 'automaticHour', keep: 'automaticKeep', passphrase: 'automaticPassphrase' },
  'backup.previewRestore': { fileName: 'backupFile', contentBase64: 'backupFile', passphrase: 'restorePassphrase' },
  'retention.setPeriod': { years: 'retentionYears' },
  'audit.list': { clerkCode: 'clerk', ...RANGE, action: 'auditAction', dossier: 'auditDossier' },
  'audit.exportKey': { passphrase: 'auditKeyPassphrase' },
  'audit.importKey': { contentBase64: 'auditKeyFile', passphrase: 'auditKeyPassphrase' },
  'reports.register': RANGE,
  'reports.registerFile': RANGE,
  'reports.periodic': RANGE,
  'reports.periodicFile': RANGE,
  'reports.counterDays': { day: 'counterDaysDay' },
  'reports.closeDayFor': { day: 'counterDaysDay', counterCode: 'notClosedClerk', clerkCode: 'notClosedClerk', cashCounted: 'closeForCash' },
};

/** The label of the field an issue's path points at in that procedure's form, the deepest one named. */
export function formLabelOf(procedure: string | undefined, keys: readonly PropertyKey[]): FormLabel | undefined {
  const fields = procedure === undefined ? undefined : FORM_FIELDS[procedure];
  if (!fields) return undefined;
  const path = keys.map((k) => (typeof k === 'number' || /^\d+$/.test(String(k)) ? '*' : String(k)));
  for (let n = path.length; n > 0; n--) {
    const label = fields[path.slice(0, n).join('.')];
    if (label) return label;
  }
  return undefined;
}
