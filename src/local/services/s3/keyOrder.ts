// S3 lists keys in UTF-8 byte order. JavaScript compares UTF-16 code units, which agrees with
// UTF-8 order except between surrogate pairs (U+10000 and up) and U+E000–U+FFFF.

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return utf8Rank(x) - utf8Rank(y);
    return x - y;
  }
  return a.length - b.length;
}

/** Moves surrogates (D800–DFFF) above E000–FFFF, as their 4-byte UTF-8 forms sort. */
const utf8Rank = (c: number): number => (c >= 0xe000 ? c - 0x800 : c + 0x2000);

/** First index whose key is not below `key` in a sorted key array. */
export function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is above `key`. */
export function upperBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid], key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
