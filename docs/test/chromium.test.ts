import { afterEach, describe, expect, it } from 'vitest';
import { chromiumBuild, launchChromium } from './support/chromium.js';

const pathBefore = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (pathBefore === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = pathBefore;
});

describe('the browser for the docs tests', () => {
  it('comes from the @sparticuz/chromium npm package when CHROMIUM_PATH is not set', async () => {
    delete process.env.CHROMIUM_PATH;
    const build = await chromiumBuild();
    expect(build.source).toMatch(/^@sparticuz\/chromium \d+\.\d+\.\d+$/);
    expect(build.executablePath).toMatch(/[\\/]\.tools[\\/]chromium-\d+\.\d+\.\d+[\\/]chromium$/);
    const browser = await launchChromium();
    try {
      // the package's major version is the Chromium major it ships
      expect(browser.version().split('.')[0]).toBe(build.source.split(' ')[1]!.split('.')[0]);
      const page = await browser.newPage();
      await page.setContent('<p id="x">rendered</p>');
      expect(await page.textContent('#x')).toBe('rendered');
    } finally {
      await browser.close();
    }
  });

  it('fails with what to do, never a skip, when no browser can start', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const launched = launchChromium();
    await expect(launched).rejects.toThrow(/^no browser could start \(CHROMIUM_PATH=\/nonexistent\/chromium\)/);
    await expect(launched).rejects.toThrow(/set CHROMIUM_PATH to a Chromium-family browser/);
  });
});
