const builtin = process.getBuiltinModule('node:timers/promises');

export const { setTimeout } = builtin;
export default builtin;
