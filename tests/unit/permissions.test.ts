import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { PERMISSIONS } from '../../electron/core/auth/permissions.js';

/** Every procedure's dotted path, read from the contract object itself. */
function pathsOf(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value && typeof value === 'object' && '~orpc' in value ? [`${prefix}${key}`] : pathsOf(value as object, `${prefix}${key}.`),
  );
}

describe('the permission table', () => {
  it('decides every procedure of the contract, and nothing else', () => {
    const paths = pathsOf(contract);
    expect(paths.length).toBeGreaterThan(30);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...paths].sort());
  });

  it('leaves before sign-in only what the sign-in screen needs', () => {
    const open = Object.entries(PERMISSIONS).filter(([, r]) => r.need === 'public').map(([p]) => p);
    // The office data link too: with the server unreachable, the sign-in screen must say why. And
    // taking in the office's audit key: nobody can sign in while the counter's own key is refused.
    expect(open.sort()).toEqual(['audit.importKey', 'office.link', 'session.setup', 'session.signIn', 'session.signOut', 'session.state', 'session.unlock']);
    expect(PERMISSIONS['audit.importKey'].curesKey).toBe(true);
  });

  it('keeps settings and the catalogue import to the administrator, accounts to supervisors', () => {
    expect(PERMISSIONS['settings.update'].need).toBe('admin');
    expect(PERMISSIONS['catalog.confirmImport'].need).toBe('admin');
    expect(PERMISSIONS['catalog.previewImport'].need).toBe('admin');
    expect(PERMISSIONS['accounts.create'].need).toBe('supervisor');
  });

  it('keeps every backup and restore call to the administrator', () => {
    const backup = Object.entries(PERMISSIONS).filter(([p]) => p.startsWith('backup.'));
    expect(backup.length).toBe(5);
    for (const [path, rule] of backup) expect(rule.need, path).toBe('admin');
  });
});
