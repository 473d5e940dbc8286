import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { CHART_COLORS } from './chart.js';
import { renderHtml } from './html.js';
import { reportOf, sampleCases } from './testing.js';

// The HTML report as a person sees it: opened from disk in headless Chromium (Debian's package,
// never a downloaded browser). CI installs it, and there a missing browser fails rather than skips.

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const { store } = loadConfig();
if (store.ci && !available) throw new Error(`CI is set but ${CHROMIUM} is missing: the HTML report browser test would be skipped`);
if (!available) console.warn(`skipping the HTML report browser test: ${CHROMIUM} is not installed (apt-get install chromium)`);

/** What the page functions touch, typed here: the project compiles without the DOM library. */
interface Polyline {
  getAttribute(name: string): string | null;
  points: { length: number };
  getTotalLength(): number;
  style: { visibility: string };
  ownerDocument: { defaultView: { getComputedStyle(e: Polyline): { stroke: string } } };
}

/** Pixels that differ between two same-sized screenshots. */
function differingPixels(a: PNG, b: PNG): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 60) n++;
  }
  return n;
}

function pixelsNear(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r!) + Math.abs(png.data[i + 1]! - g!) + Math.abs(png.data[i + 2]! - b!) < 90) n++;
  }
  return n;
}

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'deskmate-report-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, renderHtml(reportOf(sampleCases()), { suites: ['fixtures/eval/sample.jsonl'], confidenceThreshold: 0.5 }));
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (r) => !r.url().startsWith('file:') && outside.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads from disk alone: no request leaves the file, no script runs', async () => {
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    // The customer's "<script>" is shown as text, in the failed-cases table.
    expect(await page.locator('table.failed').innerText()).toContain('<script>alert("x")</script>');
    expect(await page.locator('table.failed').innerText()).toContain('我的退款什么时候到账？');
  });

  it('lays out the risk–coverage chart with both lines', async () => {
    const chart = page.locator('#risk-coverage-chart');
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(150);
    const lines = await page.$$eval('#risk-coverage-chart polyline', (els) =>
      (els as unknown as Polyline[]).map((e) => ({ cls: e.getAttribute('class'), points: e.points.length, length: e.getTotalLength(), stroke: e.ownerDocument.defaultView.getComputedStyle(e).stroke })),
    );
    expect(lines.map((l) => l.cls)).toEqual(['resolution', 'wrong']);
    for (const l of lines) {
      expect(l.points).toBeGreaterThan(4);
      expect(l.length).toBeGreaterThan(100);
    }
    expect(lines[0]!.stroke).toBe('rgb(29, 78, 216)');
  });

  it('paints the chart: the screenshot is not blank, and hiding the two lines changes it', async () => {
    const chart = page.locator('#risk-coverage-chart');
    const shot = PNG.sync.read(await chart.screenshot());
    expect(shot.width).toBeGreaterThan(300);
    let ink = 0;
    for (let i = 0; i < shot.data.length; i += 4) if (shot.data[i]! + shot.data[i + 1]! + shot.data[i + 2]! < 600) ink++;
    expect(ink).toBeGreaterThan(2000);
    expect(pixelsNear(shot, CHART_COLORS.resolution)).toBeGreaterThan(300);
    expect(pixelsNear(shot, CHART_COLORS.wrong)).toBeGreaterThan(300);

    // The legend uses the same colours, so the lines are proven by removing them.
    await page.$$eval('#risk-coverage-chart polyline', (els) => (els as unknown as Polyline[]).forEach((e) => (e.style.visibility = 'hidden')));
    const bare = PNG.sync.read(await chart.screenshot());
    expect(differingPixels(shot, bare)).toBeGreaterThan(500);
  });
});
