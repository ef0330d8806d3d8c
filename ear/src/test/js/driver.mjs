// A line-oriented bridge between the Java tests and a real headless Chromium:
// each stdin line is a JSON command, each stdout line the JSON answer with the
// same id. Pages are named so a test can hold several (alice, bob) at once.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const profile = mkdtempSync(join(tmpdir(), 'callway-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  ignoreHTTPSErrors: true, // the server's certificate is self-signed
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
});
const pages = new Map();

function reply(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function handle(command) {
  switch (command.op) {
    case 'open': {
      const page = await context.newPage();
      page.on('console', m => process.stderr.write(`[${command.page}] ${m.type()}: ${m.text()}\n`));
      page.on('pageerror', e => process.stderr.write(`[${command.page}] pageerror: ${e}\n`));
      await page.goto(command.url);
      pages.set(command.page, page);
      return null;
    }
    case 'script': {
      await pages.get(command.page).addScriptTag({ url: command.url });
      return null;
    }
    case 'eval':
      // The expression may yield a promise; evaluate() awaits it.
      return await pages.get(command.page).evaluate(command.js);
    case 'credentials':
      // What a user types into the browser's HTTP Basic prompt; answered on every 401 from now on.
      await context.setHTTPCredentials(command.username ? { username: command.username, password: command.password } : null);
      return null;
    case 'screenshot':
      await pages.get(command.page).screenshot({ path: command.path, fullPage: true });
      return null;
    case 'close': {
      const page = pages.get(command.page);
      pages.delete(command.page);
      if (page) await page.close();
      return null;
    }
    default:
      throw new Error(`unknown op ${command.op}`);
  }
}

async function quit() {
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}

reply({ id: 0, ok: true, value: 'ready' });
const lines = createInterface({ input: process.stdin });
lines.on('line', async line => {
  const command = JSON.parse(line);
  if (command.op === 'quit') return quit();
  try {
    reply({ id: command.id, ok: true, value: (await handle(command)) ?? null });
  } catch (e) {
    reply({ id: command.id, ok: false, error: String(e && e.message || e) });
  }
});
lines.on('close', quit);
