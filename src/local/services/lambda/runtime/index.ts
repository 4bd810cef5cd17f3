// Public surface of the Lambda execution engine, for the Lambda control plane built on top of it.

export { resolveBootstrapPath } from './bootstrapPath.js';
export { LambdaRuntime, type LambdaRuntimeOptions } from './lambdaRuntime.js';
export type { FunctionSpec, InvokeOptions, InvokeOutcome, LogEvent, LogSink, RuntimeStats } from './types.js';
export { MAX_UNZIPPED_BYTES, unpackZip } from './zip.js';
