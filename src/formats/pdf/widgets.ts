/**
 * Whether a widget annotation shows anything: what decides if a form field added after
 * signing can paint over the signed page.
 *
 * A widget shows something when all of these hold: its /Rect has an area; its /F flags
 * do not set Hidden (2) or NoView (32); and its /AP has a normal, rollover or down
 * appearance (a stream, or a dictionary of state streams) whose decoded content has a
 * byte other than white space. Whatever cannot be read (an unreadable object, an
 * unsupported filter, an inflate limit) counts as showing something: fail closed.
 * Not considered (so a widget may be reported as showing something it does not): the
 * form XObject's /BBox and /Matrix, optional content (/OC), and content that paints
 * nothing visible.
 */
import type { Message } from '../../report/messages.js';
import { safeDeref } from './document.js';
import type { ObjectStore } from './objects.js';
import type { PdfValue } from './syntax.js';
import { dictGet, integerOf, isWhitespace } from './syntax.js';

const HIDDEN = 2;
const NO_VIEW = 32;

export async function showsAppearance(store: ObjectStore, widget: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  if (!hasArea(await safeDeref(store, dictGet(widget, 'Rect'), revision, messages))) return false;
  const flags = integerOf(await safeDeref(store, dictGet(widget, 'F'), revision, messages)) ?? 0;
  if ((flags & (HIDDEN | NO_VIEW)) !== 0) return false;
  const appearances = await safeDeref(store, dictGet(widget, 'AP'), revision, messages);
  if (appearances?.kind !== 'dict') return false;
  for (const key of ['N', 'R', 'D']) {
    const entry = appearances.entries.get(key);
    // A stream, or a dictionary of state streams (direct or not).
    const states = entry?.kind === 'dict' ? [...entry.entries.values()] : entry ? [entry] : [];
    for (const state of states) {
      const painted = await paints(store, state, revision, true);
      if (painted) return true;
    }
  }
  return false;
}

/** A stream with a byte other than white space once decoded; unreadable counts as painting. */
async function paints(store: ObjectStore, value: PdfValue, revision: number, statesAllowed: boolean): Promise<boolean> {
  if (value.kind !== 'ref') return false;
  let data: Uint8Array;
  try {
    const object = await store.resolve(value.num, revision);
    if (!object) return false;
    if (!object.stream) {
      if (!statesAllowed || object.value.kind !== 'dict') return false;
      for (const state of object.value.entries.values()) if (await paints(store, state, revision, false)) return true;
      return false;
    }
    if (object.stream.length === 0) return false;
    data = await store.decoded(object);
  } catch {
    return true;
  }
  return data.some((byte) => !isWhitespace(byte));
}

export function hasArea(rect: PdfValue | undefined): boolean {
  if (rect?.kind !== 'array' || rect.items.length !== 4) return false;
  const [x1, y1, x2, y2] = rect.items.map((item) => (item.kind === 'number' ? item.value : 0)) as [number, number, number, number];
  return x1 !== x2 && y1 !== y2;
}
