// Statistics over timing samples, shared by the benches so their percentiles mean the same thing.

/** Nearest-rank percentile of ascending `sorted` (with fewer than 100, p99 is the max); undefined if empty. */
function nearestRank(sorted, p) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ascending = (samples) => [...samples].sort((a, b) => a - b);

export const percentile = (samples, p) => nearestRank(ascending(samples), p);

export const median = (samples) => percentile(samples, 50);

/** n, p50, p99 and max in one sort; the percentiles are NaN when there are no samples. */
export function summarize(samples) {
  const sorted = ascending(samples);
  return {
    n: sorted.length,
    p50: nearestRank(sorted, 50) ?? Number.NaN,
    p99: nearestRank(sorted, 99) ?? Number.NaN,
    max: sorted.at(-1),
  };
}

/** The length of the union of [start, end] spans: time with at least one of them open. */
export function unionMs(spans) {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}
