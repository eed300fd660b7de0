const builtin = process.getBuiltinModule('node:stream/promises');

export const { pipeline } = builtin;
export default builtin;
