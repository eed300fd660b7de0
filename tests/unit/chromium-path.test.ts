import { afterEach, describe, expect, it } from 'vitest';
import { chromiumInstall, chromiumPath } from '../support/browser.ts';

describe('the browser tests without Chromium', () => {
  const before = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (before === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = before;
  });

  it('fail in one line that names the install command', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(() => chromiumPath()).toThrow(
      `Chromium is missing (/nonexistent/chromium): ${chromiumInstall} (or set CHROMIUM_PATH).`,
    );
    expect(chromiumInstall).toBe(
      'apt-get install -y --no-install-recommends chromium-headless-shell fonts-liberation',
    );
  });

  it('take the path CHROMIUM_PATH names', () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(chromiumPath()).toBe(process.execPath);
  });
});
