// Number formatting for the bench tables. Each bench keeps its own units and its own text for a
// missing figure (its readers compare runs of the same script), so these take the precision.

/** `value` with `small` decimals below 10 and `large` from 10 on: 2.35 but 123.4 (or 123). */
export const fixed = (value, small, large) => (value < 10 ? value.toFixed(small) : value.toFixed(large));

/** Rounded, with thousands separators: 12,345. */
export const grouped = (value) => Math.round(value).toLocaleString('en-US');
