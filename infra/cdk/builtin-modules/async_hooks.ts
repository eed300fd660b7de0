const builtin = process.getBuiltinModule('node:async_hooks');

export const { AsyncLocalStorage } = builtin;
export default builtin;
