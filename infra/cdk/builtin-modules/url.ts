const builtin = process.getBuiltinModule('node:url');

export default builtin;
