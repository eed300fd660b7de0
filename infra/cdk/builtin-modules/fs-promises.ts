const builtin = process.getBuiltinModule('node:fs/promises');

export const { readFile } = builtin;
export default builtin;
