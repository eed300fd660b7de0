const builtin = process.getBuiltinModule('node:https');

export default builtin;
