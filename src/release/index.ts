// The release side of faas: build a handler into a content-addressed zip, publish it behind the
// `live` alias, roll the alias back.

export { LIVE_ALIAS, parsePrevious } from './alias.js';
export { buildFunctionArtifact, type FunctionArtifact } from './artifact.js';
export {
  type Bundle,
  type BundleOptions,
  bundleHandler,
  HANDLER_FILE,
  LAMBDA_HANDLER,
  LAMBDA_RUNTIME,
  SOURCE_MAP_FILE,
} from './bundle.js';
export { handlerEntry, packageRoot } from './paths.js';
export { type PublishOptions, type PublishResult, publishRelease, validateCanaryPercent } from './publish.js';
export { type RollbackResult, rollback } from './rollback.js';
export { deterministicZip, sha256Base64, ZIP_DATE, ZIP_FILE_MODE, type ZipFile } from './zip.js';
