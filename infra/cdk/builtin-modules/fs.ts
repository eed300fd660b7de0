const builtin = process.getBuiltinModule('node:fs');

export default builtin;
