// Errors the event handlers throw. Both are thrown, never swallowed, so the invocation fails and
// Lambda's async retries (then the failure destination) apply instead of an event being dropped.

/** A missing setting: the invocation fails loudly instead of dropping events. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** The event could never be stored, however often it is retried. */
export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
