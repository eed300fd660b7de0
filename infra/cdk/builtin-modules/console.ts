const builtin = process.getBuiltinModule('node:console');

export const { Console } = builtin;
export default builtin;
