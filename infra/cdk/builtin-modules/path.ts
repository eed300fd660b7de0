const builtin = process.getBuiltinModule('node:path');

export const { join } = builtin;
export default builtin;
