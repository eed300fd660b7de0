import type { Highs } from 'highs';
import * as highsPackage from 'highs';

/**
 * HiGHS (WebAssembly), loaded once per process: compiling the 3.5 MB module takes a few hundred ms and
 * each load keeps its own Wasm memory. A bundled Lambda copies `highs.wasm` beside its bundle and sets
 * HIGHS_WASM_PATH to that file; otherwise the package finds the file beside its own loader.
 * A failed load is forgotten, so the next call tries again.
 */
let loading: Promise<Highs> | undefined;

// The package's types describe its CommonJS build, as if the loader were at `default.default`; `import`
// resolves its ESM build, whose default export is the loader itself (the CommonJS one is callable too).
type LoadHighs = typeof highsPackage.default.default;
const loadHighs = highsPackage.default as unknown as LoadHighs;

export function highsSolver(): Promise<Highs> {
  if (!loading) {
    const wasmPath = process.env.HIGHS_WASM_PATH;
    const loaded = loadHighs(wasmPath ? { locateFile: () => wasmPath } : {});
    loaded.catch(() => {
      loading = undefined;
    });
    loading = loaded;
  }
  return loading;
}

/** Forgets the loaded module, after a Wasm abort has left it unusable. */
export function discardHighsSolver(): void {
  loading = undefined;
}
