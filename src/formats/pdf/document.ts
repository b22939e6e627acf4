/**
 * The document as one revision shows it: catalog, pages (with their annotations),
 * AcroForm fields (with their widgets) and the DSS. Walks are bounded (visited sets
 * against cycles, a depth bound on the field tree, the object budget on sizes) and a
 * defect becomes a message, never an exception.
 */
import type { Message } from '../../report/messages.js';
import { PDF_MESSAGES } from './messages.js';
import type { ObjectStore, PdfObject } from './objects.js';
import type { PdfDict, PdfValue } from './syntax.js';
import { dictGet, exactly, nameOf, valuesEqual } from './syntax.js';
import { decodeTextString } from './text.js';
import { LayeredMap, LayeredSet } from './layered.js';
import type { WritableMap, WritableSet } from './layered.js';

/** Field trees deeper than this are refused (real forms nest a few levels). */
export const MAX_FIELD_DEPTH = 32;
/** Distinct problems of one field walk that are reported; the rest are the same kind of damage again. */
const MAX_FIELD_PROBLEMS = 100;
/** Page tree depth bound (a balanced tree of 10^6 pages is about 6 deep). */
export const MAX_PAGE_TREE_DEPTH = 64;

export interface PageInfo {
  readonly num: number;
  /** 0-based. */
  readonly index: number;
  readonly dict: PdfDict;
  /** The /Annots array object, when indirect. */
  readonly annotsNum?: number;
  /** Object numbers of the annotations listed in /Annots. */
  readonly annots: readonly number[];
}

export interface FieldInfo {
  /** The field dictionary's object number (undefined for a direct kid, which writers do not produce). */
  readonly num: number | undefined;
  /** Fully qualified name (partial names joined with '.'). */
  readonly name: string;
  /** /FT, inherited from ancestors. */
  readonly type: string | undefined;
  readonly dict: PdfDict;
  /** Widget annotations of this field (the field itself when merged). */
  readonly widgets: readonly number[];
  /** Terminal field (has no field kids). */
  readonly terminal: boolean;
  /**
   * What the field walk read of the dictionary and its /Kids (absent for a widget no field
   * lists): the next revision's walk takes the field over from it. Never reported. In the
   * record, not in a weak map beside it: a form of thousands of fields paid a weak map
   * entry per field and revision, which the collector then had to trace.
   */
  readonly kids?: FieldKids;
}

export interface AnnotationInfo {
  readonly num: number;
  readonly subtype: string | undefined;
  readonly page: number;
}

export interface RevisionModel {
  readonly revision: number;
  readonly trailer: PdfDict;
  readonly rootNum: number | undefined;
  readonly catalog: PdfDict | undefined;
  readonly infoNum: number | undefined;
  readonly pages: readonly PageInfo[];
  readonly pageByNum: ReadonlyMap<number, PageInfo>;
  readonly pageTreeNodes: ReadonlySet<number>;
  readonly acroFormNum: number | undefined;
  readonly acroForm: PdfDict | undefined;
  readonly fieldsArrayNum: number | undefined;
  readonly fields: readonly FieldInfo[];
  readonly fieldByNum: ReadonlyMap<number, FieldInfo>;
  /** Widget object number → its field. */
  readonly widgetField: ReadonlyMap<number, FieldInfo>;
  /** Every annotation the pages list, with the first page listing it (in no particular order: page order is `pages`). */
  readonly annotations: ReadonlyMap<number, AnnotationInfo>;
  readonly dssNum: number | undefined;
  readonly dss: PdfDict | undefined;
  readonly messages: readonly Message[];
}

/**
 * The model of `revision`. With `previous` (the model of the revision just before, built
 * without a message), pages, fields and annotations the update left alone are taken
 * over from it instead of read again: an incremental update touches a few objects, and
 * re-reading thousands of unchanged pages and fields for every revision would make the
 * cost grow with revisions times document size. The walks themselves (visited sets,
 * depth and size bounds) run as before, so the model is the one a full walk would give.
 * When the update redefined only its own entries (ObjectStore.changedIn), even the walks
 * are skipped where they read nothing it redefined: the page list is the previous one with
 * the redefined leaves read again (patchPages), and a /Fields that only grew is walked from
 * its first new item on, the previous walk standing for the rest (walkFields).
 */
export async function buildModel(store: ObjectStore, revision: number, trailer: PdfDict, previous?: RevisionModel): Promise<RevisionModel> {
  const messages: Message[] = [];
  const reuse = previous && previous.revision === revision - 1 && previous.messages.length === 0 ? previous : undefined;
  // What the update redefined, when that is its own entries (ObjectStore.changedIn): then a
  // walk of this revision takes over every part of the revision before that read none of them.
  const changed = reuse ? store.changedIn(revision) : undefined;
  const unchanged = changed
    ? (num: number | undefined): boolean => num === undefined || !changed.has(num)
    : (num: number | undefined): boolean => num === undefined || store.unchangedBetween(num, revision - 1, revision);
  const rootRef = trailer.entries.get('Root');
  const rootNum = rootRef?.kind === 'ref' ? rootRef.num : undefined;
  const infoRef = trailer.entries.get('Info');
  const catalogValue = rootNum !== undefined ? await safeResolve(store, rootNum, revision, messages) : undefined;
  const catalog = catalogValue?.value.kind === 'dict' ? catalogValue.value : undefined;

  const patchedPages = reuse && changed ? await patchPages(store, revision, catalog, messages, reuse, changed) : undefined;
  const pages = patchedPages ? patchedPages.pages : await walkPages(store, revision, catalog, messages, reuse, unchanged);
  let pageByNum: ReadonlyMap<number, PageInfo>;
  if (patchedPages) {
    // The revision before's pages with the patched ones set again: a layer, not a copy of thousands.
    const patched = patchedPages.patched;
    if (patched.length === 0) {
      pageByNum = reuse!.pageByNum;
    } else {
      const layer = LayeredMap.over(reuse!.pageByNum);
      for (let i = 0; i < patched.length; i++) layer.set(patched[i]!.num, patched[i]!);
      pageByNum = layer;
    }
  } else {
    const byNum = new Map<number, PageInfo>();
    for (let i = 0; i < pages.list.length; i++) byNum.set(pages.list[i]!.num, pages.list[i]!);
    pageByNum = byNum;
  }

  const acroFormRef = catalog?.entries.get('AcroForm');
  const acroFormValue = await safeDeref(store, acroFormRef, revision, messages);
  const acroForm = acroFormValue?.kind === 'dict' ? acroFormValue : undefined;
  const fieldsRef = acroForm?.entries.get('Fields');
  const fields = await walkFields(store, revision, fieldsRef, messages, reuse, unchanged, changed);

  // Indexed loops: these run over thousands of fields and annotations per revision, mostly
  // before the code is optimised, where for-of makes an iterator result per step.
  let widgetField: WritableMap<number, FieldInfo>;
  if (fields.from > 0) {
    // The fields taken over kept their widgets: only the appended fields' are added, in order.
    widgetField = LayeredMap.over(reuse!.widgetField);
  } else {
    widgetField = new Map<number, FieldInfo>();
  }
  for (let i = fields.from; i < fields.list.length; i++) {
    const field = fields.list[i]!;
    for (let k = 0; k < field.widgets.length; k++) widgetField.set(field.widgets[k]!, field);
  }

  const patchedAnnotations = patchedPages ? await patchAnnotations(store, revision, reuse!, changed!, pages.list, patchedPages.patched) : undefined;
  const annotations: WritableMap<number, AnnotationInfo> = patchedAnnotations ?? new Map<number, AnnotationInfo>();
  for (let i = 0; !patchedAnnotations && i < pages.list.length; i++) {
    const page = pages.list[i]!;
    for (let k = 0; k < page.annots.length; k++) {
      const num = page.annots[k]!;
      if (annotations.has(num)) continue;
      const known = reuse && unchanged(num) ? reuse.annotations.get(num) : undefined;
      if (known) {
        annotations.set(num, known.page === page.index ? known : { num, subtype: known.subtype, page: page.index });
        continue;
      }
      // Widgets read by the field walk are known without waiting.
      const now = store.known(num, revision);
      const object = now !== undefined ? (now ?? undefined) : await safeResolve(store, num, revision, messages);
      annotations.set(num, { num, subtype: nameOf(dictGet(object?.value, 'Subtype')), page: page.index });
    }
  }

  const dssRef = catalog?.entries.get('DSS');
  const dssValue = await safeDeref(store, dssRef, revision, messages);

  const model: RevisionModel = {
    revision,
    trailer,
    rootNum,
    catalog,
    infoNum: infoRef?.kind === 'ref' ? infoRef.num : undefined,
    pages: pages.list,
    pageByNum,
    pageTreeNodes: pages.nodes,
    acroFormNum: acroFormRef?.kind === 'ref' ? acroFormRef.num : undefined,
    acroForm,
    fieldsArrayNum: fieldsRef?.kind === 'ref' ? fieldsRef.num : undefined,
    fields: fields.list,
    fieldByNum: fields.byNum,
    widgetField,
    annotations,
    dssNum: dssRef?.kind === 'ref' ? dssRef.num : undefined,
    dss: dssValue?.kind === 'dict' ? dssValue : undefined,
    messages,
  };
  WALKS.set(model, {
    pages,
    fieldReads: fields.reads,
    fieldItems: fields.items,
    fieldsVisited: fields.visited,
    fieldsFrom: fields.from > 0 ? { model: reuse!, count: fields.from } : undefined,
  });
  return model;
}

const MAX_MOVED_ANNOTATIONS = 16;

/**
 * The annotations of pages patched from the revision before (patchPages): its map with the
 * patched pages' lists applied and the redefined annotations read again; an annotation's
 * page stays the first that lists it. Undefined when a read reports something: the full
 * loop then reads and reports in page order.
 */
async function patchAnnotations(
  store: ObjectStore,
  revision: number,
  reuse: RevisionModel,
  changed: ReadonlySet<number>,
  pages: readonly PageInfo[],
  patched: readonly PageInfo[],
): Promise<WritableMap<number, AnnotationInfo> | undefined> {
  const annotations = LayeredMap.over(reuse.annotations);
  const read: Message[] = [];
  const subtypeOf = async (num: number): Promise<string | undefined> => {
    const now = store.known(num, revision);
    const object = now !== undefined ? (now ?? undefined) : await safeResolve(store, num, revision, read);
    return nameOf(dictGet(object?.value, 'Subtype'));
  };
  const moved: number[] = [];
  for (let i = 0; i < patched.length; i++) {
    const page = patched[i]!;
    const before = reuse.pages[page.index]!.annots;
    // A page may list thousands of annotations: looked up in a set, not searched per item.
    const now = new Set(page.annots);
    for (let k = 0; k < before.length; k++) {
      const num = before[k]!;
      if (!now.has(num) && annotations.get(num)?.page === page.index) moved.push(num);
    }
    for (let k = 0; k < page.annots.length; k++) {
      const num = page.annots[k]!;
      const known = annotations.get(num);
      if (!known) annotations.set(num, { num, subtype: await subtypeOf(num), page: page.index });
      else if (known.page > page.index) annotations.set(num, { num, subtype: known.subtype, page: page.index });
    }
  }
  // Taken off the page that listed them first: the next page listing them, or gone. Each is
  // looked for over every page, so many of them are left to the full loop.
  if (moved.length > MAX_MOVED_ANNOTATIONS) return undefined;
  for (const num of moved) {
    const known = annotations.get(num)!;
    const page = pages.find((candidate) => candidate.annots.includes(num));
    if (page) annotations.set(num, { num, subtype: known.subtype, page: page.index });
    else annotations.delete(num);
  }
  for (const num of changed) {
    const known = annotations.get(num);
    if (known) annotations.set(num, { num, subtype: await subtypeOf(num), page: known.page });
  }
  return read.length === 0 ? annotations : undefined;
}

/** Indirect /Annots arrays of the model's pages, with the indexes of the pages listing each (undefined: not built here). */
export function annotsArrayPages(model: RevisionModel): ReadonlyMap<number, readonly number[]> | undefined {
  return WALKS.get(model)?.pages.annotsArrays;
}

/** When the model's first fields are another model's, taken over: that model and how many. */
export function fieldsTakenOver(model: RevisionModel): { readonly model: RevisionModel; readonly count: number } | undefined {
  return WALKS.get(model)?.fieldsFrom;
}

/**
 * What a model's page and field walks read, kept beside the model (never reported): the
 * next revision's walks take over every part whose objects its update left alone.
 */
interface WalkReads {
  readonly pages: PageWalk;
  /** The fields' indirect /Kids arrays and their kids (the field dictionaries themselves are the model's fieldByNum keys; not /Fields). */
  readonly fieldReads: ReadonlySet<number>;
  /** The items of /Fields as read (undefined: /Fields was no array). */
  readonly fieldItems: readonly PdfValue[] | undefined;
  readonly fieldsVisited: ReadonlySet<number>;
  readonly fieldsFrom: { readonly model: RevisionModel; readonly count: number } | undefined;
}

const WALKS = new WeakMap<RevisionModel, WalkReads>();

export async function safeResolve(store: ObjectStore, num: number, revision: number, messages: Message[]): Promise<PdfObject | undefined> {
  const known = store.known(num, revision);
  if (known !== undefined) return known ?? undefined;
  try {
    return (await store.resolve(num, revision)) ?? undefined;
  } catch (error) {
    messages.push(messageOf(error));
    return undefined;
  }
}

export async function safeDeref(store: ObjectStore, value: PdfValue | undefined, revision: number, messages: Message[]): Promise<PdfValue | undefined> {
  if (value?.kind !== 'ref') return value;
  return (await safeResolve(store, value.num, revision, messages))?.value;
}

export function messageOf(error: unknown): Message {
  if (error && typeof error === 'object' && 'report' in error) {
    const report = (error as { report: unknown }).report;
    if (report && typeof report === 'object' && 'code' in report) return report as Message;
  }
  return PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: '?', detail: error instanceof Error ? error.message : String(error) });
}

async function walkPages(
  store: ObjectStore,
  revision: number,
  catalog: PdfDict | undefined,
  messages: Message[],
  reuse: RevisionModel | undefined,
  unchanged: (num: number | undefined) => boolean,
): Promise<PageWalk> {
  const list: PageInfo[] = [];
  const nodes = new Set<number>();
  const visited = new Set<number>();
  const structure = new Set<number>();
  const annotsArrays = new Map<number, number[]>();
  const budget = store.options.budget.limit;
  const root = catalog?.entries.get('Pages');
  const problem = (detail: string): undefined => {
    messages.push(PDF_MESSAGES.PDF_PAGE_TREE_INVALID({ revision, detail }));
    return undefined;
  };
  // A visit taken over from the previous revision finishes without waiting (undefined):
  // thousands of unchanged pages then cost no promise each.
  const visit = (ref: PdfValue | undefined, depth: number): Promise<void> | undefined => {
    if (ref?.kind !== 'ref') return problem('a page tree entry is not a reference');
    if (visited.has(ref.num)) return problem(`object ${ref.num} appears twice in the page tree`);
    if (depth > MAX_PAGE_TREE_DEPTH) return problem(`deeper than ${MAX_PAGE_TREE_DEPTH} levels`);
    if (visited.size >= budget) return problem('more nodes than the object limit');
    visited.add(ref.num);
    // A page leaf whose dictionary and /Annots array the update left alone reads as before.
    const known = reuse && unchanged(ref.num) ? reuse.pageByNum.get(ref.num) : undefined;
    if (known && unchanged(known.annotsNum)) {
      if (known.annotsNum !== undefined) annotsOf(known.annotsNum, list.length);
      list.push(known.index === list.length ? known : { num: known.num, index: list.length, dict: known.dict, annotsNum: known.annotsNum, annots: known.annots });
      return undefined;
    }
    // A page leaf known without waiting, with its /Annots written in it (or none), is read here.
    const now = store.known(ref.num, revision);
    const dict = now?.value;
    if (dict?.kind === 'dict' && !isPageTreeNode(dict) && dict.entries.get('Annots')?.kind !== 'ref') {
      addPage(ref.num, dict, dict.entries.get('Annots'));
      return undefined;
    }
    return read(ref.num, depth);
  };
  const isPageTreeNode = (dict: PdfDict): boolean => {
    const type = nameOf(dict.entries.get('Type'));
    return type === 'Pages' || (type === undefined && dict.entries.get('Kids') !== undefined);
  };
  const annotsOf = (annotsNum: number, index: number): void => {
    const pages = annotsArrays.get(annotsNum);
    if (pages) pages.push(index);
    else annotsArrays.set(annotsNum, [index]);
  };
  const addPage = (num: number, dict: PdfDict, annotsValue: PdfValue | undefined, annotsArray: PdfValue | undefined = annotsValue): void => {
    if (annotsValue?.kind === 'ref') annotsOf(annotsValue.num, list.length);
    list.push(pageInfo(num, list.length, dict, annotsValue, annotsArray));
  };
  const read = async (num: number, depth: number): Promise<void> => {
    const object = await safeResolve(store, num, revision, messages);
    const dict = object?.value;
    if (dict?.kind !== 'dict') return problem(`object ${num} is not a dictionary`);
    const type = nameOf(dict.entries.get('Type'));
    const kids = dict.entries.get('Kids');
    if (type === 'Pages' || (type === undefined && kids !== undefined)) {
      nodes.add(num);
      structure.add(num);
      if (kids?.kind === 'ref') structure.add(kids.num);
      const kidsValue = await safeDeref(store, kids, revision, messages);
      if (kidsValue?.kind !== 'array') return problem(`page tree node ${num} has no /Kids array`);
      for (let i = 0; i < kidsValue.items.length; i++) {
        const pending = visit(kidsValue.items[i], depth + 1);
        if (pending) await pending;
      }
      return;
    }
    const annotsValue = dict.entries.get('Annots');
    addPage(num, dict, annotsValue, await safeDeref(store, annotsValue, revision, messages));
  };
  if (root !== undefined) await visit(root, 0);
  return { list, nodes, structure, annotsArrays };
}

function pageInfo(num: number, index: number, dict: PdfDict, annotsValue: PdfValue | undefined, annotsArray: PdfValue | undefined): PageInfo {
  let annots: number[] = [];
  if (annotsArray?.kind === 'array') {
    for (let i = 0; i < annotsArray.items.length; i++) {
      const item = annotsArray.items[i]!;
      if (item.kind === 'ref') annots.push(item.num);
    }
    annots = exactly(annots);
  }
  // One shape for every page (annotsNum present, maybe undefined): the walks' compiled code
  // was thrown away when pages with and without an indirect /Annots met.
  return { num, index, dict, annotsNum: annotsValue?.kind === 'ref' ? annotsValue.num : undefined, annots };
}

interface PageWalk {
  readonly list: PageInfo[];
  readonly nodes: ReadonlySet<number>;
  /** Page tree nodes and their indirect /Kids arrays: what the order and number of pages come from. */
  readonly structure: ReadonlySet<number>;
  /** Indirect /Annots arrays, with the indexes of the pages that list them. */
  readonly annotsArrays: ReadonlyMap<number, readonly number[]>;
}

/** A page walk patched from the revision before, with the pages read again (the others are its records). */
interface PatchedPages {
  readonly pages: PageWalk;
  readonly patched: readonly PageInfo[];
}

/**
 * The pages of `revision` from the revision before's (`reuse`), when its update redefined
 * no page tree node nor /Kids array, only page leaves or their /Annots arrays: those pages
 * are read again as the walk reads a leaf, the others are the same records. Undefined
 * (walk the tree) otherwise, and when a redefined leaf is no page dictionary any more.
 */
async function patchPages(
  store: ObjectStore,
  revision: number,
  catalog: PdfDict | undefined,
  messages: Message[],
  reuse: RevisionModel,
  changed: ReadonlySet<number>,
): Promise<PatchedPages | undefined> {
  const before = WALKS.get(reuse);
  if (!before) return undefined;
  const root = catalog?.entries.get('Pages');
  const rootBefore = reuse.catalog?.entries.get('Pages');
  if (root === undefined || rootBefore === undefined ? root !== rootBefore : !valuesEqual(root, rootBefore)) return undefined;
  const affected: number[] = [];
  for (const num of changed) {
    if (before.pages.structure.has(num)) return undefined;
    const page = reuse.pageByNum.get(num);
    if (page) affected.push(page.index);
    const listing = before.pages.annotsArrays.get(num);
    // Not spread into push: one shared /Annots array may be listed by every page.
    if (listing) for (let i = 0; i < listing.length; i++) affected.push(listing[i]!);
  }
  const walked = before.pages;
  // The walk's own shape (a spread or one more field made it another, and its readers were compiled again).
  if (affected.length === 0) return { pages: { list: reuse.pages as PageInfo[], nodes: walked.nodes, structure: walked.structure, annotsArrays: walked.annotsArrays }, patched: [] };
  affected.sort((a, b) => a - b);
  const list = reuse.pages.slice();
  const patched: PageInfo[] = [];
  // Read into messages of their own: a patch given up leaves nothing behind, and the walk reports.
  const read: Message[] = [];
  let annotsArrays: Map<number, number[]> | undefined;
  for (let i = 0; i < affected.length; i++) {
    const index = affected[i]!;
    if (i > 0 && affected[i - 1] === index) continue;
    const old = list[index]!;
    const object = await safeResolve(store, old.num, revision, read);
    const dict = object?.value;
    if (dict?.kind !== 'dict') return undefined;
    const type = nameOf(dict.entries.get('Type'));
    if (type === 'Pages' || (type === undefined && dict.entries.get('Kids') !== undefined)) return undefined;
    const annotsValue = dict.entries.get('Annots');
    const page = pageInfo(old.num, index, dict, annotsValue, await safeDeref(store, annotsValue, revision, read));
    if (page.annotsNum !== old.annotsNum) {
      annotsArrays ??= new Map([...before.pages.annotsArrays].map(([num, pages]) => [num, [...pages]]));
      if (old.annotsNum !== undefined) {
        const pages = annotsArrays.get(old.annotsNum)!.filter((p) => p !== index);
        if (pages.length > 0) annotsArrays.set(old.annotsNum, pages);
        else annotsArrays.delete(old.annotsNum);
      }
      if (page.annotsNum !== undefined) annotsArrays.set(page.annotsNum, [...(annotsArrays.get(page.annotsNum) ?? []), index].sort((a, b) => a - b));
    }
    list[index] = page;
    patched.push(page);
  }
  for (const message of read) messages.push(message);
  return { pages: { list, nodes: walked.nodes, structure: walked.structure, annotsArrays: annotsArrays ?? walked.annotsArrays }, patched };
}

/** What a field's dictionary and /Kids held when read: what the next revision needs to take it over. */
export interface FieldKids {
  /** The /Kids array object, when indirect. */
  readonly kidsNum: number | undefined;
  /** Every kid reference, fields and widgets. */
  readonly kidNums: readonly number[];
  readonly fields: readonly PdfValue[];
  readonly widgets: readonly number[];
  /** /T decoded. */
  readonly partialName: string | undefined;
}

async function walkFields(
  store: ObjectStore,
  revision: number,
  fieldsRef: PdfValue | undefined,
  messages: Message[],
  reuse: RevisionModel | undefined,
  unchanged: (num: number | undefined) => boolean,
  changed: ReadonlySet<number> | undefined,
): Promise<FieldWalk> {
  let list: FieldInfo[] = [];
  let byNum: WritableMap<number, FieldInfo> = new Map<number, FieldInfo>();
  let visited: WritableSet<number> = new Set<number>();
  let reads: WritableSet<number> = new Set<number>();
  const budget = store.options.budget.limit;
  // Every step of the walk (a field visited or refused, a kid read) counts against the object
  // limit, and problems are said once each, at most MAX_FIELD_PROBLEMS of them: a /Fields that
  // lists one field millions of times made one message per copy (a 140 KB PDF ran node out of
  // memory), while the walk's own bound counted distinct fields only.
  let steps = 0;
  let stopped = false;
  const said = new Set<string>();
  const problem = (detail: string): undefined => {
    if (said.size < MAX_FIELD_PROBLEMS && !said.has(detail)) {
      said.add(detail);
      messages.push(PDF_MESSAGES.PDF_FIELD_TREE_INVALID({ revision, detail }));
    }
    return undefined;
  };
  /** False once the walk has taken as many steps as the object limit allows (said once, as a limit: a field may lie beyond). */
  const step = (): boolean => {
    if (++steps <= budget) return true;
    if (!stopped) messages.push(PDF_MESSAGES.PDF_FIELD_TREE_TOO_LARGE({ revision, limit: budget }));
    stopped = true;
    return false;
  };
  const fields = await safeDeref(store, fieldsRef, revision, messages);
  if (fieldsRef !== undefined && fields?.kind !== 'array') problem('/Fields is not an array');

  // As in walkPages, a field taken over from the previous revision is visited without waiting.
  const visit = (ref: PdfValue, parentName: string, inheritedType: string | undefined, depth: number): Promise<void> | undefined => {
    if (!step()) return undefined;
    if (ref.kind !== 'ref') return problem('a field is not a reference');
    if (visited.has(ref.num)) return problem(`object ${ref.num} appears twice in the field tree`);
    if (depth > MAX_FIELD_DEPTH) return problem(`deeper than ${MAX_FIELD_DEPTH} levels`);
    if (visited.size >= budget) return problem('more fields than the object limit');
    visited.add(ref.num);
    // A field whose dictionary, /Kids array and kids the update left alone has the same
    // kids as before: only its name and inherited type are worked out again.
    const previous = reuse && unchanged(ref.num) ? reuse.fieldByNum.get(ref.num) : undefined;
    const known = previous?.kids;
    if (previous && known && unchanged(known.kidsNum) && known.kidNums.every(unchanged)) {
      return add(ref.num, previous.dict, known, parentName, inheritedType, depth);
    }
    // A field known without waiting and without /Kids (a merged field and widget, the usual
    // form) is read here: readKids would find nothing to wait for.
    const now = store.known(ref.num, revision);
    // A reference to a free or undefined object is the null object (ISO 32000-1 §7.3.10): no
    // field, as a null among /Kids is none. A hybrid file's classic table marks the objects of its
    // object streams free, so the revision before its /XRefStm section lists fields it does not hold.
    // It is a read all the same: a later revision that defines the object walks the tree again.
    if (now === null) {
      reads.add(ref.num);
      return undefined;
    }
    if (now?.value.kind === 'dict' && !now.value.entries.has('Kids')) {
      return add(ref.num, now.value, kidsOf(ref.num, now.value, undefined, NO_NUMS, NO_VALUES, NO_NUMS), parentName, inheritedType, depth);
    }
    return (async () => {
      const object = await safeResolve(store, ref.num, revision, messages);
      if (object?.value.kind !== 'dict') return problem(`field ${ref.num} is not a dictionary`);
      const kids = await readKids(ref.num, object.value);
      return add(ref.num, object.value, kids, parentName, inheritedType, depth);
    })();
  };
  const add = (num: number, dict: PdfDict, kids: FieldKids, parentName: string, inheritedType: string | undefined, depth: number): Promise<void> | undefined => {
    const partialName = kids.partialName;
    const name = partialName === undefined ? parentName : parentName ? `${parentName}.${partialName}` : partialName;
    const type = nameOf(dict.entries.get('FT')) ?? inheritedType;
    const fullName = name || `(field ${num})`;
    // A field taken over whole (same dictionary, kids, name and type) is the same record.
    const same = reuse?.fieldByNum.get(num);
    const info: FieldInfo =
      same && same.dict === dict && same.kids === kids && same.name === fullName && same.type === type
        ? same
        : { num, name: fullName, type, dict, widgets: kids.widgets, terminal: kids.fields.length === 0, kids };
    // The field's own number is in byNum (the walk's reads are byNum's keys and these).
    if (kids.kidsNum !== undefined) reads.add(kids.kidsNum);
    for (let i = 0; i < kids.kidNums.length; i++) reads.add(kids.kidNums[i]!);
    list.push(info);
    byNum.set(num, info);
    return visitAll(kids.fields, name, type, depth + 1, 0);
  };
  const visitAll = (refs: readonly PdfValue[], parentName: string, inheritedType: string | undefined, depth: number, from: number): Promise<void> | undefined => {
    for (let i = from; i < refs.length; i++) {
      const pending = visit(refs[i]!, parentName, inheritedType, depth);
      if (pending) return pending.then(() => visitAll(refs, parentName, inheritedType, depth, i + 1));
    }
    return undefined;
  };
  const readKids = async (num: number, dict: PdfDict): Promise<FieldKids> => {
    const kidsEntry = dict.entries.get('Kids');
    const kidsValue = await safeDeref(store, kidsEntry, revision, messages);
    const items = kidsValue?.kind === 'array' ? kidsValue.items : [];
    // Kids with /T (or their own kids) are fields; kids without are widgets of this field.
    const widgets: number[] = [];
    const fields: PdfValue[] = [];
    const kidNums: number[] = [];
    for (const kid of items) {
      if (!step()) break;
      if (kid.kind !== 'ref') continue;
      kidNums.push(kid.num);
      const kidObject = await safeResolve(store, kid.num, revision, messages);
      const kidDict = kidObject?.value;
      if (kidDict?.kind !== 'dict') continue;
      const isField = kidDict.entries.has('T') || kidDict.entries.has('Kids') || kidDict.entries.has('FT');
      if (isField) fields.push(kid);
      else widgets.push(kid.num);
    }
    return kidsOf(num, dict, kidsEntry, kidNums, fields, widgets);
  };
  const kidsOf = (num: number, dict: PdfDict, kidsEntry: PdfValue | undefined, kidNums: number[], fields: PdfValue[], widgets: number[]): FieldKids => {
    // Kept with every field of the model: each list in an array of its own size (exactly).
    const own = nameOf(dict.entries.get('Subtype')) === 'Widget';
    const allWidgets = own ? (widgets.length === 0 ? [num] : [num, ...widgets]) : exactly(widgets);
    const partial = dict.entries.get('T');
    const partialName = partial?.kind === 'string' ? decodeTextString(partial.bytes) : undefined;
    return { kidsNum: kidsEntry?.kind === 'ref' ? kidsEntry.num : undefined, kidNums: exactly(kidNums), fields: exactly(fields), widgets: allWidgets, partialName };
  };
  // /Fields of the revision before, with items appended and none of its fields' objects
  // redefined (signing adds a field): its walk ends where the full walk reaches the first
  // appended item, with the same visited fields, so the walk goes on from there.
  let from = 0;
  const before = reuse && changed ? WALKS.get(reuse) : undefined;
  const items = fields?.kind === 'array' ? fields.items : undefined;
  if (before?.fieldItems && items && items.length >= before.fieldItems.length && !intersects(changed!, before.fieldReads) && !intersects(changed!, reuse!.fieldByNum)) {
    let prefix = true;
    for (let i = 0; prefix && i < before.fieldItems.length; i++) prefix = valuesEqual(before.fieldItems[i]!, items[i]!);
    if (prefix) {
      list = reuse!.fields.slice();
      // Layers over the revision before's, which no walk changes again: a few fields are appended.
      byNum = LayeredMap.over(reuse!.fieldByNum);
      visited = LayeredSet.over(before.fieldsVisited);
      reads = LayeredSet.over(before.fieldReads);
      from = before.fieldItems.length;
    }
  }
  const listed = list.length;
  if (items) await visitAll(items, '', undefined, 0, from);
  return { list, byNum, reads, items, visited, from: from > 0 ? listed : 0 };
}

interface FieldWalk {
  readonly list: FieldInfo[];
  readonly byNum: ReadonlyMap<number, FieldInfo>;
  readonly reads: ReadonlySet<number>;
  readonly items: readonly PdfValue[] | undefined;
  readonly visited: ReadonlySet<number>;
  /** Fields before this index are the revision before's, taken over (0: none). */
  readonly from: number;
}

/** Shared empty lists for a field without /Kids (kidsOf keeps them only when empty). */
const NO_NUMS: number[] = [];
const NO_VALUES: PdfValue[] = [];

function intersects(a: ReadonlySet<number>, b: { has(num: number): boolean }): boolean {
  for (const num of a) if (b.has(num)) return true;
  return false;
}
