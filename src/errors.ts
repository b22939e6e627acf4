/**
 * Errors kyso throws. It throws only for programmer mistakes (bad options) and I/O
 * failures in the Node API; a bad document never throws, it gets a report.
 *
 * @module kyso/errors
 */

/** What went wrong: `ERR_KYSO_INVALID_OPTIONS` (bad options), `ERR_KYSO_IO` (a file or folder could not be read), `ERR_KYSO_TRUST_INPUT` (a file given as trust input holds no usable certificate, or a private key), `ERR_KYSO_MISSING_DEPENDENCY` (`kyso/queue` without its optional peer dependencies BullMQ and ioredis installed). */
export type KysoErrorCode = 'ERR_KYSO_INVALID_OPTIONS' | 'ERR_KYSO_IO' | 'ERR_KYSO_TRUST_INPUT' | 'ERR_KYSO_MISSING_DEPENDENCY';

/** Base of every kyso error: `switch (error.code)`. */
export class KysoError extends Error {
  /** What went wrong, stable across versions: switch on it rather than on the message. */
  readonly code: KysoErrorCode;
  constructor(code: KysoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KysoError';
    this.code = code;
  }

  /**
   * Option errors are TypeErrors (see KysoOptionsError) but still count as kyso errors. Only
   * `instanceof KysoError` itself asks the code: a subclass inherits this method, and
   * `instanceof TrustFileError` must not hold for every kyso error (it did: an unreadable
   * --output file was reported as a bad trust certificate).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== KysoError) return Function.prototype[Symbol.hasInstance].call(this, value);
    if (!(value instanceof Error)) return false;
    const code: unknown = (value as Error & { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('ERR_KYSO_');
  }
}

/** Options that make no sense: a TypeError, since it is the caller's mistake. */
export class KysoOptionsError extends TypeError {
  /** Always `ERR_KYSO_INVALID_OPTIONS`: an option makes no sense (the message names it). */
  readonly code = 'ERR_KYSO_INVALID_OPTIONS' as const;
  constructor(message: string) {
    super(message);
    this.name = 'KysoOptionsError';
  }
}

/** A file or folder could not be read (Node API only). */
export class KysoIoError extends KysoError {
  /** The file or folder the OS refused, when the error is about one (the command says it in the user's language). */
  readonly path?: string;
  /** The OS's own words for why (`ENOENT: no such file or directory, open '…'`), beside `path`. */
  readonly reason?: string;
  constructor(message: string, options?: { cause?: unknown; path?: string; reason?: string }) {
    super('ERR_KYSO_IO', message, options);
    this.name = 'KysoIoError';
    if (options?.path !== undefined && options.reason !== undefined) {
      this.path = options.path;
      this.reason = options.reason;
    }
  }
}
