const builtin = process.getBuiltinModule('node:crypto');

export const { createHash, createHmac, hkdfSync, randomBytes, randomInt, randomUUID, timingSafeEqual } =
  builtin;
export default builtin;
