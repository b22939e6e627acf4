/**
 * ISO 8601 text of an instant, as Date.prototype.toISOString gives it. Every report writes
 * the same few instants (the validation time, the signing and timestamp times a folder's
 * documents share) several times, and toISOString was a microsecond each: the text is a
 * pure function of the time value, so it is remembered by that number (bounded). An
 * invalid date throws toISOString's own RangeError.
 */
const TEXTS = new Map<number, string>();
const MAX_TEXTS = 1024;

export function isoTime(date: Date): string {
  const time = date.getTime();
  let text = TEXTS.get(time);
  if (text === undefined) {
    text = date.toISOString();
    if (TEXTS.size >= MAX_TEXTS) TEXTS.clear();
    TEXTS.set(time, text);
  }
  return text;
}
