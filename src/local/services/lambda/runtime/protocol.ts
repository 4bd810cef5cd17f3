// Constants shared by the parent (runtimeApi.ts, environment.ts) and the child bootstrap; kept
// dependency-free because it is bundled into the bootstrap.

export const RUNTIME_API_VERSION = '2018-06-01';
export const NEXT_PATH = `/${RUNTIME_API_VERSION}/runtime/invocation/next`;
export const INVOCATION_PREFIX = `/${RUNTIME_API_VERSION}/runtime/invocation/`;
export const INIT_ERROR_PATH = `/${RUNTIME_API_VERSION}/runtime/init/error`;
export const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

/** Lambda's synchronous response limit: 6 MB plus the 100 bytes AWS allows on top. */
export const MAX_RESPONSE_BYTES = 6_291_556;

/**
 * Written by the bootstrap to stdout and stderr right before it posts a result, as
 * `<marker><requestId> <maxRssKb>\n`. Pipes and HTTP race each other into the parent; seeing the
 * marker on both streams proves every line the invocation printed has arrived, so the parent can
 * close the invocation's log (END/REPORT) without guessing. The NUL keeps it out of user output.
 */
export const END_MARKER = '\u0000faas-invocation-end:';
