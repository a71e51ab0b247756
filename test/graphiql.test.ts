// GraphiQL with the network closed: everything the page needs comes from the server itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('GraphiQL', () => {
  let server: TestServer;
  let browser: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 5 });
    profile = await mkdtemp(path.join(tmpdir(), 'rapport-chromium-'));
    // A fresh profile (--user-data-dir, which Playwright sets from its first argument).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('loads with every non-loopback request blocked, opens with the sign-in example and runs the login mutation', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    const served: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'blob:' || url.protocol === 'data:' || ['127.0.0.1', 'localhost'].includes(url.hostname)) {
        served.push(url.href);
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort();
    });
    const response = await page.goto(server.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);

    // Monaco renders spaces as no-break spaces.
    const textOf = async (selector: string) => (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(() => textOf('.graphiql-query-editor'), { timeout: 60_000 }).toContain('mutation Login');
    const text = await textOf('.graphiql-query-editor');
    expect(text).toContain('query Customers');
    expect(text).toContain('Authorization');
    expect(text).toContain('Bearer <accessToken>');

    await page.locator('.graphiql-execute-button').click();
    const login = page.getByText('Login', { exact: true }).last();
    if (await login.isVisible().catch(() => false)) await login.click();
    await expect.poll(() => textOf('.graphiql-response'), { timeout: 30_000 }).toContain('accessToken');
    expect(await textOf('.graphiql-response')).toMatch(/"accessToken": "ey/);
    expect(blocked).toEqual([]);
    expect(served.some((url) => url.startsWith(server.url))).toBe(true);
  }, 120_000);
});
