/**
 * What the tests need from the machine beyond `npm ci`, what each piece is for and how to
 * install it: the one list read by `npm test`'s pre-check and by the tests' skip reasons.
 * On CI a missing piece fails the run; elsewhere the tests that need it are skipped, saying so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type Tool = 'chromium' | 'socat' | 'zbarimg' | 'tesseract' | 'pdftotext' | 'postgres' | 'openssl' | 'strace';

interface Prerequisite {
  purpose: string;
  install: [platform: string, command: string][];
}

const PREREQUISITES: Record<Tool, Prerequisite> = {
  chromium: {
    purpose: 'the browser the end-to-end tests drive',
    install: [
      ['Debian', 'sudo apt-get install chromium'],
      ['Ubuntu, macOS, Windows', 'npx playwright install --with-deps chromium'],
    ],
  },
  socat: {
    purpose: 'virtual serial cables for the serial scanner and printer tests',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install socat'],
      ['macOS', 'brew install socat'],
      ['Windows', 'run the tests in WSL, then the Debian/Ubuntu command'],
    ],
  },
  zbarimg: {
    purpose: 'reads printed and on-screen barcodes back in the printing and scanning tests',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install zbar-tools'],
      ['macOS', 'brew install zbar'],
      ['Windows', 'run the tests in WSL, then the Debian/Ubuntu command'],
    ],
  },
  tesseract: {
    purpose: 'reads the Vietnamese on printed receipts back in the printing tests (tesseract with its "vie" data)',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install tesseract-ocr tesseract-ocr-vie'],
      ['macOS', 'brew install tesseract tesseract-lang'],
      ['Windows', 'winget install UB-Mannheim.TesseractOCR, ticking Vietnamese under additional language data'],
    ],
  },
  pdftotext: {
    purpose: 'reads the text of exported PDF reports back in the report tests',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install poppler-utils'],
      ['macOS', 'brew install poppler'],
      ['Windows', 'run the tests in WSL, then the Debian/Ubuntu command'],
    ],
  },
  postgres: {
    purpose: 'a throwaway PostgreSQL server (initdb, pg_ctl) for the office-server tests',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install postgresql'],
      ['macOS', 'brew install postgresql@15'],
      ['Windows', 'run the tests in WSL, then the Debian/Ubuntu command'],
    ],
  },
  openssl: {
    purpose: 'makes throw-away certificates for the HTTPS and TLS tests (agency client, office server)',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install openssl'],
      ['macOS', 'brew install openssl'],
      ['Windows', 'run the tests in WSL, then the Debian/Ubuntu command'],
    ],
  },
  strace: {
    purpose: 'counts the waits for the disk (fsync) an intake and its printing make, in the print durability test',
    install: [
      ['Debian/Ubuntu', 'sudo apt-get install strace (as a user other than root, also sudo sysctl kernel.yama.ptrace_scope=0)'],
      ['macOS, Windows', 'run the tests in WSL or a Linux container, then the Debian/Ubuntu command'],
    ],
  },
};

export const TOOLS = Object.keys(PREREQUISITES) as Tool[];

export const inCi = () => !!process.env['CI'] && process.env['CI'] !== 'false' && process.env['CI'] !== '0';

/** The executable `name` resolves to on PATH, as a shell would find it (PATHEXT on Windows). */
export function onPath(name: string): string | null {
  const exts = process.platform === 'win32' ? (process.env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  return null;
}

export interface Browser {
  /** what to pass as `executablePath`; undefined lets Playwright pick its own download */
  executablePath: string | undefined;
  source: 'CHROMIUM_PATH' | 'Debian' | 'Playwright';
}

/** The browser for end-to-end tests: CHROMIUM_PATH, else Debian's, else Playwright's own if installed. */
export function findChromium(): Browser | null {
  const given = process.env['CHROMIUM_PATH'];
  if (given) return existsSync(given) ? { executablePath: given, source: 'CHROMIUM_PATH' } : null;
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', source: 'Debian' };
  // Loaded only here, so Vitest files that ask about other tools never load Playwright.
  const { chromium } = createRequire(import.meta.url)('@playwright/test') as typeof import('@playwright/test');
  return existsSync(chromium.executablePath()) ? { executablePath: undefined, source: 'Playwright' } : null;
}

/** How the tests and the bench launch it: headless, nothing fetched, nothing synced. */
export function chromiumLaunchOptions(): { executablePath: string | undefined; args: string[] } {
  return {
    executablePath: findChromium()?.executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
}

/**
 * Where initdb and pg_ctl are: PG_BINDIR if set, else on PATH, else Debian's newest
 * /usr/lib/postgresql/N/bin (Debian keeps them off PATH).
 */
export function postgresBinDir(): string | null {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const given = process.env['PG_BINDIR'];
  if (given !== undefined) return has(given) ? given : null;
  // Through links (/usr/local/bin/initdb → the version's own folder), so pg_ctl finds its postgres.
  const initdb = onPath('initdb');
  if (initdb && has(dirname(realpathSync(initdb)))) return dirname(realpathSync(initdb));
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(debian, v, 'bin')).find(has) ?? null;
}

function hasVietnameseOcr(): boolean {
  const tesseract = onPath('tesseract');
  if (!tesseract) return false;
  const r = spawnSync(tesseract, ['--list-langs'], { encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`.split(/\r?\n/).some((l) => l.trim() === 'vie');
}

/**
 * strace attaches to the test's own process, its parent: Yama's default (ptrace_scope 1) lets only
 * root do that, so elsewhere the tool counts as missing instead of hanging the test.
 */
function mayTraceParent(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    return readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim() === '0';
  } catch {
    return true; // no Yama: ordinary ptrace rules let a user trace its own processes
  }
}

const present: Record<Tool, () => boolean> = {
  chromium: () => findChromium() !== null,
  socat: () => onPath('socat') !== null,
  zbarimg: () => onPath('zbarimg') !== null,
  tesseract: hasVietnameseOcr,
  pdftotext: () => onPath('pdftotext') !== null,
  postgres: () => postgresBinDir() !== null,
  openssl: () => onPath('openssl') !== null,
  strace: () => onPath('strace') !== null && mayTraceParent(),
};

/** One line: what is missing, what it is for, and the command that installs it on each system. */
export function missingLine(tool: Tool): string {
  const p = PREREQUISITES[tool];
  const what =
    tool === 'chromium' && process.env['CHROMIUM_PATH']
      ? `chromium (CHROMIUM_PATH=${process.env['CHROMIUM_PATH']} does not exist)`
      : tool === 'tesseract' && onPath('tesseract')
        ? 'tesseract\'s Vietnamese data'
        : tool;
  return `missing ${what}: ${p.purpose}. Install: ${p.install.map(([os, cmd]) => `${os}: ${cmd}`).join(' · ')}`;
}

const checked = new Map<Tool, string | null>();

/** The missing-line for `tool`, or null when it is here (checked once per process). */
export function missing(tool: Tool): string | null {
  if (!checked.has(tool)) checked.set(tool, present[tool]() ? null : missingLine(tool));
  return checked.get(tool)!;
}

/**
 * The reason to skip a test that needs `tool`, or false to run it. On CI a missing tool is
 * never a reason: the test runs and fails, because a green CI must have checked everything.
 */
export function skipWithout(tool: Tool): string | false {
  const line = missing(tool);
  if (!line || inCi()) return false;
  console.log(`skipped: ${line}`);
  return line;
}

/** For helpers that run a tool: the same line instead of a bare ENOENT. */
export function requireTool(tool: Tool): void {
  const line = missing(tool);
  if (line) throw new Error(line);
}
