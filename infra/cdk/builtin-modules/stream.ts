const builtin = process.getBuiltinModule('node:stream');

export const { PassThrough, Transform, finished, pipeline } = builtin;
export default builtin;
