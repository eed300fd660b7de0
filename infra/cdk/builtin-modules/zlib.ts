const builtin = process.getBuiltinModule('node:zlib');

export const { brotliCompress, constants, gunzipSync, gzip, gzipSync } = builtin;
export default builtin;
