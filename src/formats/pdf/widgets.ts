/**
 * Whether a widget annotation shows anything: what decides if a form field added after
 * signing can paint over the signed page.
 *
 * A widget shows something when all of these hold: its /Rect has an area; its /F flags
 * do not set Hidden (2) or NoView (32); and either its /AP has a normal, rollover or down
 * appearance (a stream, or a dictionary of state streams) whose decoded content has a
 * byte other than white space, or it has no such appearance and its /MK asks for a
 * background or border colour, a caption or an icon (viewers then draw one themselves:
 * ISO 32000-1 §12.5.6.19, Table 189). Values may be indirect (§7.3.10) and are resolved;
 * whatever cannot be read (an unreadable or missing object, a value of another type, an
 * unsupported filter, an inflate limit) counts as showing something: fail closed.
 * Not considered (so a widget may be reported as showing something it does not): the
 * form XObject's /BBox and /Matrix, optional content (/OC), and content that paints
 * nothing visible.
 *
 * Under the form's /NeedAppearances true (ISO 32000-1 §12.7.2, Table 218: the viewer shall
 * construct appearance streams for all widget annotations), an /AP is no longer what a viewer
 * shows: Acrobat and poppler build the widget's appearance again from its /MK (and a text or
 * choice field's value). Then a widget also shows something when its /MK asks for a drawing,
 * whatever its /AP; a painting /AP still counts, for viewers that keep it. Every caller judges
 * widgets of signature fields, whose built appearance is their /MK (a text field's value is
 * judged as form filling, modifications.ts).
 */
import type { Message } from '../../report/messages.js';
import { safeDeref } from './document.js';
import type { ObjectStore } from './objects.js';
import type { PdfValue } from './syntax.js';
import { dictGet, integerOf, isWhitespace } from './syntax.js';

const HIDDEN = 2;
const NO_VIEW = 32;

export async function showsAppearance(
  store: ObjectStore,
  widget: PdfValue | undefined,
  revision: number,
  messages: Message[],
  /** The form's /NeedAppearances in this revision (needAppearances()). */
  rebuilt = false,
): Promise<boolean> {
  if (!(await visible(store, widget, revision, messages))) return false;
  if (rebuilt && (await characteristicsShow(store, dictGet(widget, 'MK'), revision, messages))) return true;
  const written = dictGet(widget, 'AP');
  const appearances = await safeDeref(store, written, revision, messages);
  // An /AP that is there but cannot be read as a dictionary may be anything.
  if (written !== undefined && written.kind !== 'null' && appearances?.kind !== 'dict') return true;
  // Without a normal appearance to show, viewers build one from the widget's /MK.
  if (!(await hasNormalAppearance(store, widget, dictGet(appearances, 'N'), revision, messages))) {
    if (await characteristicsShow(store, dictGet(widget, 'MK'), revision, messages)) return true;
  }
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

/** A /Rect with an area, and no Hidden or NoView flag. */
async function visible(store: ObjectStore, widget: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  if (!(await rectHasArea(store, dictGet(widget, 'Rect'), revision, messages))) return false;
  const flags = integerOf(await safeDeref(store, dictGet(widget, 'F'), revision, messages)) ?? 0;
  return (flags & (HIDDEN | NO_VIEW)) === 0;
}

/**
 * Whether a viewer that builds the widget's appearance itself (/NeedAppearances) draws
 * something from its /MK: a visible widget whose characteristics ask for colours, a
 * caption or an icon. What it showed before from its /AP is then replaced.
 */
export async function drawnWhenRebuilt(store: ObjectStore, widget: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  return (await visible(store, widget, revision, messages)) && (await characteristicsShow(store, dictGet(widget, 'MK'), revision, messages));
}

/**
 * The form's /NeedAppearances (ISO 32000-1 Table 218), resolved when indirect: true only for
 * the boolean true, as viewers read it; a reference that cannot be read counts as
 * `unreadableAs`: true by default (the strictest reading: every appearance may be rebuilt),
 * false for the value before a change (so that turning the flag on is never missed).
 */
export async function needAppearances(store: ObjectStore, acroForm: PdfValue | undefined, revision: number, messages: Message[], unreadableAs = true): Promise<boolean> {
  const value = dictGet(acroForm, 'NeedAppearances');
  if (value === undefined || value.kind === 'null') return false;
  const resolved = await safeDeref(store, value, revision, messages);
  if (value.kind === 'ref' && resolved === undefined) return unreadableAs;
  return resolved?.kind === 'bool' && resolved.value;
}

/**
 * Whether /N gives a viewer an appearance to show: a stream, or a dictionary of states
 * with the one /AS names. None (absent, a reference to nothing, a state not there) lets
 * the viewer build one; an object that cannot be read counts as an appearance (paints
 * judges it).
 */
async function hasNormalAppearance(store: ObjectStore, widget: PdfValue | undefined, normal: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  if (normal === undefined || normal.kind === 'null') return false;
  let states: PdfValue | undefined = normal;
  if (normal.kind === 'ref') {
    let object;
    try {
      object = await store.resolve(normal.num, revision);
    } catch {
      return true;
    }
    if (!object) return false;
    if (object.stream) return true;
    states = object.value;
  }
  if (states.kind !== 'dict') return false;
  const state = await safeDeref(store, dictGet(widget, 'AS'), revision, messages);
  return state?.kind === 'name' && states.entries.has(state.value);
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

/**
 * A /Rect of four numbers with an area. A /Rect or item that is not resolved here (an
 * indirect one), or an item of another type, may have any value: it counts as an area.
 */
export function hasArea(rect: PdfValue | undefined): boolean {
  if (rect?.kind === 'ref') return true;
  if (rect?.kind !== 'array' || rect.items.length !== 4) return false;
  if (rect.items.some((item) => item.kind !== 'number')) return true;
  return spans(rect.items.map((item) => (item.kind === 'number' ? item.value : 0)));
}

/** Four numbers x1 y1 x2 y2 that enclose an area. */
function spans([x1, y1, x2, y2]: readonly number[]): boolean {
  return x1 !== x2 && y1 !== y2;
}

/**
 * A /Rect's four items with references resolved: each a number, or undefined where it
 * cannot be read as one; undefined when the /Rect is not an array of four.
 */
export async function rectItems(store: ObjectStore, value: PdfValue | undefined, revision: number, messages: Message[]): Promise<(number | undefined)[] | undefined> {
  const rect = await safeDeref(store, value, revision, messages);
  if (rect?.kind !== 'array' || rect.items.length !== 4) return undefined;
  const items: (number | undefined)[] = [];
  for (const item of rect.items) {
    const resolved = item.kind === 'ref' ? await safeDeref(store, item, revision, messages) : item;
    items.push(resolved?.kind === 'number' ? resolved.value : undefined);
  }
  return items;
}

/** hasArea with the /Rect and its items resolved; an item that resolves to no number counts as an area. */
async function rectHasArea(store: ObjectStore, value: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  const items = await rectItems(store, value, revision, messages);
  if (!items) return false;
  return items.some((item) => item === undefined) || spans(items as number[]);
}

/**
 * Whether a widget's appearance characteristics (/MK) make a viewer draw something when
 * the widget has no appearance stream: a background or border colour with at least one
 * component (an empty array is transparent), a caption, or an icon. Whatever cannot be
 * read (a reference that resolves to nothing included) counts as drawing.
 */
async function characteristicsShow(store: ObjectStore, value: PdfValue | undefined, revision: number, messages: Message[]): Promise<boolean> {
  if (value === undefined || value.kind === 'null') return false;
  const mk = await safeDeref(store, value, revision, messages);
  if (mk?.kind !== 'dict') return true;
  for (const key of DRAWN) {
    const entry = mk.entries.get(key);
    if (entry === undefined || entry.kind === 'null') continue;
    const resolved = await safeDeref(store, entry, revision, messages);
    if (resolved?.kind === 'array' && (key === 'BG' || key === 'BC')) {
      if (resolved.items.length > 0) return true;
    } else if (resolved?.kind === 'string' && (key === 'CA' || key === 'RC' || key === 'AC')) {
      if (resolved.bytes.length > 0) return true;
    } else {
      return true;
    }
  }
  return false;
}

/** The /MK entries a viewer draws from: colours, captions, icons. */
const DRAWN = ['BG', 'BC', 'CA', 'RC', 'AC', 'I', 'RI', 'IX'] as const;
