import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.drop());

describe('console sign-in', () => {
  it('signs in through the local provider and opens a page', async () => {
    const cookie = await consoleSignIn(t.app, 'admin', '/console/settings');
    const page = await consoleRequest(t.app, cookie, '/console/settings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<!DOCTYPE html>');
    console.log(page.headers.get('content-security-policy'));
    console.log(html.slice(0, 3000));
  });
});
