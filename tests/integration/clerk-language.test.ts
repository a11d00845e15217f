import { afterEach, describe, expect, it } from 'vitest';
import { SECRET, startCore, type Harness } from '../support/core-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("each clerk's own language", () => {
  it('is kept with the account and applied at the next sign-in, whatever the counter and the other clerks use', async () => {
    h = await startCore();
    const clerk = await h.clientAs('clerk', 'gdv02', 'Lê Văn An');
    expect((await clerk.session.state()).lang).toBe('vi');
    expect(await clerk.session.setLang({ lang: 'en' })).toEqual({ lang: 'en' });
    expect((await clerk.session.state()).lang).toBe('en');
    expect((await clerk.system.status()).lang).toBe('en');
    // The administrator at another screen keeps the counter's language.
    expect((await h.client.system.status()).lang).toBe('vi');

    await clerk.session.signOut();
    expect((await clerk.session.state()).lang).toBe('vi');
    const again = h.anonymous();
    await again.session.signIn({ clerkCode: 'gdv02', secret: SECRET });
    expect((await again.session.state()).lang).toBe('en');
    expect((await again.system.status()).lang).toBe('en');
  });
});
