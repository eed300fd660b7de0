import type { LocalApp } from '../infra/local/local-app.ts';
import { consoleRequest, consoleSignIn } from '../tests/support/console-session.ts';
import { kb, median, ms, percentile, section, table } from './report.ts';

// Issue 12's bars: a first load (the page and every file it links, compressed) under 60 KB, and a
// directory page of 50 rows under 150 ms of server time locally.
const FIRST_LOAD_BAR_BYTES = 60 * 1024;
const DIRECTORY_BAR_MS = 150;

interface PageFigure {
  name: string;
  path: string;
  status: number;
  medianMs: number;
  p95Ms: number;
  htmlBytes: number;
  compressedBytes: number;
  firstLoadBytes: number;
}

/** The console's pages to measure, the record pages on the first member, lead and event listed. */
async function pagesOf(app: LocalApp['app'], cookie: string): Promise<[string, string][]> {
  const list = await (await consoleRequest(app, cookie, '/console/members')).text();
  const member = /href="(\/console\/members\/[0-9A-Z]{26})"/.exec(list)?.[1];
  const board = await (await consoleRequest(app, cookie, '/console/leads')).text();
  const lead = /href="(\/console\/leads\/[0-9A-Z]{26})"/.exec(board)?.[1];
  const events = await (await consoleRequest(app, cookie, '/console/events')).text();
  const event = /href="(\/console\/events\/[0-9A-Z]{26})"/.exec(events)?.[1];
  const partners = await (await consoleRequest(app, cookie, '/console/partners')).text();
  const partner = /href="(\/console\/partners\/[0-9A-Z]{26})"/.exec(partners)?.[1];
  return [
    ['directory, 50 rows', '/console/members'],
    ['directory search "vla"', '/console/members?q=vla'],
    ...(member
      ? ([
          ['member record', member],
          // What the record loads after itself (here as the page it is without htmx).
          ['member record: matches, lists, history', `${member}/activity`],
        ] as [string, string][])
      : []),
    ['partners, 50 rows', '/console/partners'],
    ...(partner ? ([['partner record', partner]] as [string, string][]) : []),
    ['pipeline board', '/console/leads'],
    ...(lead ? ([['lead page', lead]] as [string, string][]) : []),
    ['campaigns', '/console/campaigns'],
    ['events', '/console/events'],
    ...(event ? ([['event page', event]] as [string, string][]) : []),
    ['reports', '/console/reports'],
    ['settings', '/console/settings'],
  ];
}

/**
 * Section 8: each console page's server time (in process, `app.request`, so no socket is timed) and
 * the bytes it transfers with `Accept-Encoding: br`, and its first load: the page plus every
 * stylesheet and script it links, compressed as a browser receives them on an empty cache.
 */
export async function consolePagesSection(local: LocalApp, requests: number): Promise<string[]> {
  section(`8. Console pages (server time over ${requests} requests each; bytes with Accept-Encoding: br)`);
  const app = local.app;
  const cookie = await consoleSignIn(app, 'staff');
  const figures: PageFigure[] = [];
  for (const [name, path] of await pagesOf(app, cookie)) {
    const times: number[] = [];
    let response: Response | undefined;
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      response = await consoleRequest(app, cookie, path, { headers: { 'accept-encoding': 'br' } });
      const body = await response.arrayBuffer();
      times.push(performance.now() - started);
      if (i === 0) {
        const plain = await (await consoleRequest(app, cookie, path)).text();
        const assets = [...plain.matchAll(/(?:href|src)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]!);
        let assetBytes = 0;
        for (const asset of new Set(assets)) {
          const file = await app.request(asset, { headers: { 'accept-encoding': 'br' } });
          assetBytes += (await file.arrayBuffer()).byteLength;
        }
        figures.push({
          name,
          path,
          status: response.status,
          medianMs: 0,
          p95Ms: 0,
          htmlBytes: Buffer.byteLength(plain),
          compressedBytes: body.byteLength,
          firstLoadBytes: body.byteLength + assetBytes,
        });
      }
    }
    const figure = figures.at(-1)!;
    figure.medianMs = median(times);
    figure.p95Ms = percentile(times, 95);
  }
  console.log(
    table(
      ['page', 'status', 'median ms', 'p95 ms', 'HTML KB', 'sent KB (br)', 'first load KB'],
      figures.map((f) => [
        f.name,
        f.status,
        ms(f.medianMs),
        ms(f.p95Ms),
        kb(f.htmlBytes),
        kb(f.compressedBytes),
        kb(f.firstLoadBytes),
      ]),
    ),
  );
  const heaviest = Math.max(...figures.map((f) => f.firstLoadBytes));
  const directory = figures.find((f) => f.path === '/console/members');
  const lines = [
    `Console first load: at most ${kb(heaviest)} KB compressed, ${(heaviest / FIRST_LOAD_BAR_BYTES).toFixed(2)}× the 60 KB bar.`,
    `Console directory page of 50 rows: ${ms(directory?.medianMs ?? Number.NaN)} ms median server time, ` +
      `${((directory?.medianMs ?? Number.NaN) / DIRECTORY_BAR_MS).toFixed(2)}× the 150 ms bar.`,
  ];
  for (const line of lines) console.log(`  ${line}`);
  return lines;
}
