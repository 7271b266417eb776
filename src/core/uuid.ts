// crypto.randomUUID only exists in secure contexts; getRandomValues exists on plain http too.

/** A random RFC 4122 version-4 UUID. */
export function uuid(): string {
  const b = new Uint8Array(16);
  const c = typeof crypto !== 'undefined' ? crypto : undefined;
  if (c && c.getRandomValues) c.getRandomValues(b);
  // Without Web Crypto at all (very old engines) the id is still unique enough to deduplicate receipts.
  else for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0;
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++) s += (i == 4 || i == 6 || i == 8 || i == 10 ? '-' : '') + (b[i]! + 256).toString(16).slice(1);
  return s;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
