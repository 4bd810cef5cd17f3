// S3 enums taken from the SDK module when the service loads it on its first request, so start-up
// does not pay for loading @aws-sdk/client-s3.

export const sdkEnums = { locations: [] as string[], storageClasses: [] as string[] };

export function useSdkEnums(sdk: Record<string, unknown>): void {
  sdkEnums.locations = Object.values((sdk.BucketLocationConstraint ?? {}) as Record<string, string>);
  sdkEnums.storageClasses = Object.values((sdk.StorageClass ?? {}) as Record<string, string>);
}
