// The AWS regions faas accepts, and the partition each belongs to (ARNs differ per partition).
// A plausible-looking id that is not on this list ("eu-west-9") is rejected early rather than
// failing later with an opaque DNS or signature error; extend the list when AWS opens a region.

export const KNOWN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
] as const;

/** The shape of a region id: `eu-west-1`, `us-gov-west-1`, `ap-southeast-7`. */
export const REGION_FORMAT = /^[a-z]{2,}(-[a-z]+)+-\d{1,2}$/;

export const isKnownRegion = (region: string): boolean =>
  (KNOWN_REGIONS as readonly string[]).includes(region);

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export const partitionOf = (region: string): Partition =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** The known region closest to a mistyped one, for a "did you mean" in the error. */
export function closestRegion(region: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const known of KNOWN_REGIONS) {
    const d = editDistance(region, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  // Only suggest near misses (a typo or two), not an arbitrary region.
  return bestDistance <= 2 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
