const builtin = process.getBuiltinModule('node:util');

export const { isDeepStrictEqual, promisify } = builtin;
export default builtin;
