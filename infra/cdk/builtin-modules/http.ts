const builtin = process.getBuiltinModule('node:http');

export const { STATUS_CODES } = builtin;
export default builtin;
