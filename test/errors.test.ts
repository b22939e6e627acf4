/** What `instanceof` says of kyso's errors: the code for KysoError itself, the class for its subclasses. */
import { describe, expect, it } from 'vitest';
import { KysoError, KysoIoError, KysoOptionsError } from '../src/errors.js';
import { TrustFileError } from '../src/node/trust-files.js';

describe('kyso errors and instanceof', () => {
  const io = new KysoIoError('cannot read x');
  const options = new KysoOptionsError('options.at must be a Date');
  const trustFile = new TrustFileError('/etc/kyso/key.pem', 'private-key', 'a private key');
  // An error that lost its class (crossed a thread, or came from another copy of kyso) but kept its code.
  const coded = Object.assign(new Error('cannot read y'), { code: 'ERR_KYSO_IO' });

  it('every kyso error is a KysoError, by its code: option errors (TypeErrors) and errors that kept only their code too', () => {
    for (const error of [io, options, trustFile, coded]) expect(error instanceof KysoError).toBe(true);
    expect(new Error('other') instanceof KysoError).toBe(false);
    expect(Object.assign(new Error('other'), { code: 'ENOENT' }) instanceof KysoError).toBe(false);
  });

  it('a subclass is only what was made as one: a read error is no trust-file error, nor the other way round', () => {
    expect(io instanceof KysoIoError).toBe(true);
    expect(io instanceof TrustFileError).toBe(false);
    expect(options instanceof TrustFileError).toBe(false);
    expect(options instanceof KysoIoError).toBe(false);
    expect(trustFile instanceof TrustFileError).toBe(true);
    expect(trustFile instanceof KysoIoError).toBe(false);
    expect(coded instanceof KysoIoError).toBe(false);
  });
});
