/**
 * Every file the console's pages load, by the name its hashed URL starts with. Libraries come from
 * their npm packages (pinned in package.json), the console's own files from this folder; in AWS the
 * build copies them all, flat, beside the function's bundle (`CONSOLE_ASSETS_DIR`).
 */
export const assetCatalog = {
  'pico.css': { package: '@picocss/pico', file: 'css/pico.min.css' },
  'htmx.js': { package: 'htmx.org', file: 'dist/htmx.min.js' },
  'console.css': { own: 'console.css' },
  'console.js': { own: 'console.js' },
  'board.js': { own: 'board.js' },
} as const satisfies Record<string, { package: string; file: string } | { own: string }>;

export type AssetName = keyof typeof assetCatalog;

export const assetNames = Object.keys(assetCatalog) as AssetName[];

export const assetContentTypes: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
