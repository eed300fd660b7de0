const builtin = process.getBuiltinModule('node:timers');

export const { setTimeout } = builtin;
export default builtin;
