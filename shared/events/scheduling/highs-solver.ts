import type { Highs } from 'highs';

/**
 * HiGHS (WebAssembly), loaded once per process, when the first schedule is solved: compiling the
 * 3.5 MB module takes a few hundred ms and each load keeps its own Wasm memory, and the package's
 * 100 KB loader would otherwise sit in the bundle of every request the events API answers. A bundled
 * Lambda ships the package's ESM loader and its module beside the bundle (HIGHS_MODULE_PATH,
 * HIGHS_WASM_PATH); elsewhere the package is imported from node_modules and finds its module itself.
 * A failed load is forgotten, so the next call tries again.
 */
let loading: Promise<Highs> | undefined;

type LoadHighs = (settings?: { locateFile?: (file: string) => string }) => Promise<Highs>;

async function load(): Promise<Highs> {
  // A specifier esbuild cannot resolve at build time, so it leaves the import to run time.
  const specifier = process.env.HIGHS_MODULE_PATH ?? 'highs';
  const { default: loadHighs } = (await import(specifier)) as { default: LoadHighs };
  const wasmPath = process.env.HIGHS_WASM_PATH;
  return loadHighs(wasmPath ? { locateFile: () => wasmPath } : {});
}

export function highsSolver(): Promise<Highs> {
  if (!loading) {
    const loaded = load();
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
