const builtin = process.getBuiltinModule('node:net');

export default builtin;
