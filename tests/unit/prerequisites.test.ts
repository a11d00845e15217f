import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-harness.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SOCAT =
  'missing socat: virtual serial cables for the serial scanner and printer tests. Install: Debian/Ubuntu: sudo apt-get install socat · macOS: brew install socat · Windows: run the tests in WSL, then the Debian/Ubuntu command';
const ZBARIMG =
  'missing zbarimg: reads printed and on-screen barcodes back in the printing and scanning tests. Install: Debian/Ubuntu: sudo apt-get install zbar-tools · macOS: brew install zbar · Windows: run the tests in WSL, then the Debian/Ubuntu command';
const PDFTOTEXT =
  'missing pdftotext: reads the text of exported PDF reports back in the report tests. Install: Debian/Ubuntu: sudo apt-get install poppler-utils · macOS: brew install poppler · Windows: run the tests in WSL, then the Debian/Ubuntu command';
const POSTGRES =
  'missing postgres: a throwaway PostgreSQL server (initdb, pg_ctl) for the office-server tests. Install: Debian/Ubuntu: sudo apt-get install postgresql · macOS: brew install postgresql@15 · Windows: run the tests in WSL, then the Debian/Ubuntu command';
const OPENSSL =
  'missing openssl: makes throw-away certificates for the HTTPS and TLS tests (agency client, office server). Install: Debian/Ubuntu: sudo apt-get install openssl · macOS: brew install openssl · Windows: run the tests in WSL, then the Debian/Ubuntu command';
const STRACE =
  'missing strace: counts the waits for the disk (fsync) an intake and its printing make, in the print durability test. Install: Debian/Ubuntu: sudo apt-get install strace (as a user other than root, also sudo sysctl kernel.yama.ptrace_scope=0) · macOS, Windows: run the tests in WSL or a Linux container, then the Debian/Ubuntu command';
const TESSERACT_INSTALL =
  'reads the Vietnamese on printed receipts back in the printing tests (tesseract with its "vie" data). Install: Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-vie · macOS: brew install tesseract tesseract-lang · Windows: winget install UB-Mannheim.TesseractOCR, ticking Vietnamese under additional language data';

/** Runs `npm test`'s pre-check with PATH reduced to `bin` (node itself is called by its full path). */
function precheck(bin: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-prerequisites.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    // any existing file stands in for the browser, and PostgreSQL is looked for in `bin` only,
    // so the machine's own Chromium and PostgreSQL do not matter
    env: { HOME: process.env['HOME'] ?? '', PATH: bin, CHROMIUM_PATH: process.execPath, PG_BINDIR: bin, ...env },
  });
  return { status: r.status, lines: r.stdout.split('\n').filter(Boolean), stderr: r.stderr };
}

function fakeTool(dir: string, name: string, script = 'exit 0') {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

describe("npm test's pre-check", () => {
  it('names each missing tool with what it is for and how to install it, and goes on outside CI', () => {
    const r = precheck(tempDir('bcci-nobin-'));
    expect(r.lines).toEqual([SOCAT, ZBARIMG, `missing tesseract: ${TESSERACT_INSTALL}`, PDFTOTEXT, POSTGRES, OPENSSL, STRACE, 'The tests that need these are reported as skipped.']);
    expect(r.status).toBe(0);
  });

  it('stops the run on CI', () => {
    const r = precheck(tempDir('bcci-nobin-'), { CI: 'true' });
    expect(r.lines.slice(0, 2)).toEqual([SOCAT, ZBARIMG]);
    expect(r.lines.at(-1)).toBe('CI=true: every test must run, so the run stops here.');
    expect(r.status).toBe(1);
  });

  it("tells tesseract without Vietnamese apart, and says nothing when everything is there", () => {
    const bin = tempDir('bcci-bin-');
    fakeTool(bin, 'socat');
    fakeTool(bin, 'zbarimg');
    fakeTool(bin, 'pdftotext');
    fakeTool(bin, 'initdb');
    fakeTool(bin, 'pg_ctl');
    fakeTool(bin, 'openssl');
    fakeTool(bin, 'strace');
    fakeTool(bin, 'tesseract', 'printf "List of available languages (2):\\neng\\nosd\\n"');
    expect(precheck(bin, { CI: 'true' })).toMatchObject({ status: 1, lines: [`missing tesseract's Vietnamese data: ${TESSERACT_INSTALL}`, expect.any(String)] });
    fakeTool(bin, 'tesseract', 'printf "List of available languages (3):\\neng\\nosd\\nvie\\n"');
    expect(precheck(bin, { CI: 'true' })).toMatchObject({ status: 0, lines: [] });
  });

  it('names a CHROMIUM_PATH that points nowhere', () => {
    const bin = tempDir('bcci-bin-');
    for (const t of ['socat', 'zbarimg', 'pdftotext', 'initdb', 'pg_ctl', 'openssl', 'strace']) fakeTool(bin, t);
    fakeTool(bin, 'tesseract', 'echo vie');
    const r = precheck(bin, { CHROMIUM_PATH: '/nowhere/chromium' });
    expect(r.lines[0]).toBe(
      'missing chromium (CHROMIUM_PATH=/nowhere/chromium does not exist): the browser the end-to-end tests drive. Install: Debian: sudo apt-get install chromium · Ubuntu, macOS, Windows: npx playwright install --with-deps chromium',
    );
    expect(r.status).toBe(0);
  });
});
