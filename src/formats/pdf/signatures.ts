/**
 * Finds every signature dictionary in every revision: the /V of signature fields in
 * the AcroForm tree, and signature widgets that sit on pages without being listed in
 * /Fields. A signature dictionary seen in several revisions is one signature as long
 * as its value does not change; a changed value is a new version, and the old one is
 * reported as overridden (never silently replaced).
 */
import type { Message } from '../../report/messages.js';
import type { AnnotationInfo, FieldInfo, RevisionModel } from './document.js';
import { fieldsTakenOver, messageOf, safeDeref, safeResolve } from './document.js';
import { PDF_MESSAGES } from './messages.js';
import { rectItems } from './widgets.js';
import type { ObjectLocation, ObjectStore } from './objects.js';
import type { PdfDict, PdfValue } from './syntax.js';
import { dictGet, integerOf, nameOf, valuesEqual } from './syntax.js';
import { decodeTextString, parsePdfDate } from './text.js';

export interface FoundSignature {
  /** Unique key: object number (or field) plus version. */
  readonly key: string;
  readonly fieldName: string;
  readonly field: FieldInfo;
  /** The signature dictionary's object number, when indirect. */
  readonly sigNum: number | undefined;
  readonly dict: PdfDict;
  /** Where the dictionary (or the field holding it directly) is stored. */
  readonly location: ObjectLocation;
  /** First and last revision (1-based) in which this version is the field's value. */
  readonly firstRevision: number;
  readonly lastRevision: number;
  /** When a later revision replaced this signature dictionary with another value. */
  readonly overriddenIn?: number;
  /** When a later revision no longer has the signature at all. */
  readonly removedIn?: number;
  /** Why the signature dictionary could not be read (the signature is then broken, never dropped). */
  readonly unreadable?: Message;
}

const EMPTY_DICT: PdfDict = { kind: 'dict', entries: new Map(), start: -1, end: -1 };
const NOWHERE: ObjectLocation = { kind: 'file', start: -1, end: -1 };

interface Sighting {
  readonly revision: number;
  readonly field: FieldInfo;
  readonly sigNum: number | undefined;
  readonly dict: PdfDict;
  readonly location: ObjectLocation;
  readonly identity: string;
  readonly unreadable?: Message;
}

/** Collects the signatures of all revisions. `models[i]` is revision i + 1. */
export async function findSignatures(store: ObjectStore, models: readonly RevisionModel[], messages: Message[]): Promise<FoundSignature[]> {
  const byIdentity = new Map<string, Sighting[]>();
  for (let i = 0; i < models.length; i++) {
    const sightings = await sightingsIn(store, models[i]!, models[i - 1], messages);
    for (const sighting of sightings) {
      const list = byIdentity.get(sighting.identity) ?? [];
      list.push(sighting);
      byIdentity.set(sighting.identity, list);
    }
  }
  const lastRevision = models.length;
  const found: FoundSignature[] = [];
  for (const [identity, sightings] of byIdentity) {
    // Split into versions: consecutive sightings with equal values.
    const versions: Sighting[][] = [];
    for (const sighting of sightings) {
      const current = versions[versions.length - 1];
      const previous = current?.[current.length - 1];
      if (current && previous && valuesEqual(previous.dict, sighting.dict) && previous.revision === sighting.revision - 1) current.push(sighting);
      else versions.push([sighting]);
    }
    versions.forEach((version, index) => {
      const first = version[0]!;
      const last = version[version.length - 1]!;
      const next = versions[index + 1];
      const overriddenIn = next && next[0]!.revision === last.revision + 1 ? next[0]!.revision : undefined;
      const removedIn = overriddenIn === undefined && last.revision < lastRevision ? last.revision + 1 : undefined;
      found.push({
        key: versions.length > 1 ? `${identity}#${index + 1}` : identity,
        fieldName: first.field.name,
        field: first.field,
        sigNum: first.sigNum,
        dict: first.dict,
        location: first.location,
        firstRevision: first.revision,
        lastRevision: last.revision,
        ...(overriddenIn !== undefined ? { overriddenIn } : {}),
        ...(removedIn !== undefined ? { removedIn } : {}),
        ...(first.unreadable ? { unreadable: first.unreadable } : {}),
      });
    });
  }
  found.sort((a, b) => a.firstRevision - b.firstRevision || locationOrder(a.location) - locationOrder(b.location));
  return found;
}

function locationOrder(location: ObjectLocation): number {
  return location.kind === 'file' ? location.start : location.streamStart;
}

/** A terminal signature field with a value: the only fields whose /V can be a signature dictionary. */
function maySign(field: FieldInfo): boolean {
  return field.type === 'Sig' && field.terminal && field.dict.entries.has('V');
}

/** What sightingsIn looked at in a revision's model, for the next revision's (see candidatesOf). */
interface Candidates {
  /** The fields that may sign (maySign), in field order. */
  readonly signing: readonly FieldInfo[];
  /** Widgets the pages list that no listed field owns, each once, in page order. */
  readonly orphans: readonly number[];
}

const CANDIDATES = new WeakMap<RevisionModel, Candidates>();

/**
 * The fields and orphan widgets sightingsIn looks at in `model`, from those of the revision
 * before (`previous`) where its fields were taken over (the same records, with fields
 * appended) and, for the widgets, its pages too (the same list) and the update redefined no
 * annotation into an orphan widget: a form of thousands of fields and widgets is then not
 * looked through again for each revision.
 *
 * Taken-over fields are the same records, so maySign says the same of them; the pages and
 * their annotations are the same but for what the update redefined, and the field maps only
 * grew, so a widget that was not an orphan before is none now unless redefined, and one
 * that was is asked again.
 */
function candidatesOf(store: ObjectStore, model: RevisionModel, previous: RevisionModel | undefined): Candidates {
  const before = previous ? CANDIDATES.get(previous) : undefined;
  const takenOver = before ? fieldsTakenOver(model) : undefined;
  const fromBefore = before !== undefined && takenOver !== undefined && takenOver.model === previous;
  const signing: FieldInfo[] = fromBefore ? before.signing.slice() : [];
  // Thousands of text fields per revision are no signature: only signature fields are awaited.
  for (let i = fromBefore ? takenOver.count : 0; i < model.fields.length; i++) {
    const field = model.fields[i]!;
    if (maySign(field)) signing.push(field);
  }
  const isOrphan = (num: number): boolean => {
    // The field maps first: in a large form nearly every annotation is a listed field's widget.
    if (model.widgetField.has(num) || model.fieldByNum.has(num)) return false;
    return model.annotations.get(num)?.subtype === 'Widget';
  };
  const changed = fromBefore && model.pages === previous!.pages ? store.changedIn(model.revision) : undefined;
  let orphans: number[] | undefined;
  if (changed) {
    let redefined = false;
    for (const num of changed) if (isOrphan(num)) redefined = true;
    if (!redefined) orphans = before!.orphans.filter(isOrphan);
  }
  if (!orphans) {
    orphans = [];
    const listed = new Set<number>();
    for (let p = 0; p < model.pages.length; p++) {
      const annots = model.pages[p]!.annots;
      for (let a = 0; a < annots.length; a++) {
        const num = annots[a]!;
        // Widgets of listed fields (all of them, in a large form) are no candidates.
        if (listed.has(num) || !isOrphan(num)) continue;
        listed.add(num);
        orphans.push(num);
      }
    }
  }
  const candidates = { signing, orphans };
  CANDIDATES.set(model, candidates);
  return candidates;
}

async function sightingsIn(store: ObjectStore, model: RevisionModel, previous: RevisionModel | undefined, messages: Message[]): Promise<Sighting[]> {
  const out: Sighting[] = [];
  const seen = new Set<string>();
  const consider = async (field: FieldInfo): Promise<void> => {
    if (!maySign(field)) return;
    const value = field.dict.entries.get('V')!;
    if (value.kind === 'ref') {
      const identity = `sig ${value.num}`;
      if (seen.has(identity)) return;
      seen.add(identity);
      let object;
      try {
        object = await store.resolve(value.num, model.revision);
      } catch (error) {
        const unreadable = messageOf(error);
        out.push({ revision: model.revision, field, sigNum: value.num, dict: EMPTY_DICT, location: NOWHERE, identity, unreadable });
        return;
      }
      if (object?.value.kind !== 'dict') return;
      out.push({ revision: model.revision, field, sigNum: value.num, dict: object.value, location: object.location, identity });
    } else if (value.kind === 'dict' && field.num !== undefined) {
      // A direct signature dictionary lives inside the field object.
      const object = await safeResolve(store, field.num, model.revision, messages);
      if (!object) return;
      const identity = `field ${field.num}`;
      if (seen.has(identity)) return;
      seen.add(identity);
      out.push({ revision: model.revision, field, sigNum: undefined, dict: value, location: object.location, identity });
    }
  };
  const candidates = candidatesOf(store, model, previous);
  for (let i = 0; i < candidates.signing.length; i++) await consider(candidates.signing[i]!);
  // Signature widgets on pages that /Fields does not list (viewers differ on these; report them all),
  // in page order (the order the model's annotations were first listed in).
  for (let i = 0; i < candidates.orphans.length; i++) await orphanWidget(model.annotations.get(candidates.orphans[i]!)!);
  return out;

  async function orphanWidget(annotation: AnnotationInfo): Promise<void> {
    const object = await safeResolve(store, annotation.num, model.revision, messages);
    const dict = object?.value;
    if (dict?.kind !== 'dict') return;
    let type = nameOf(dict.entries.get('FT'));
    let name = dict.entries.get('T');
    const parent = await safeDeref(store, dict.entries.get('Parent'), model.revision, messages);
    type ??= nameOf(dictGet(parent, 'FT'));
    name ??= dictGet(parent, 'T');
    if (type !== 'Sig') return;
    const fieldName = name?.kind === 'string' ? decodeTextString(name.bytes) : `(widget ${annotation.num})`;
    await consider({ num: annotation.num, name: fieldName, type, dict, widgets: [annotation.num], terminal: true });
  }
}

// ---------------------------------------------------------------------------
// What a signature dictionary says about itself.

/** /Type, /Filter and /SubFilter of a signature dictionary, resolved where indirect. */
export interface SignatureNames {
  readonly type: string | undefined;
  readonly filter: string | undefined;
  readonly subFilter: string | undefined;
}

const NAME_KEYS = ['Type', 'Filter', 'SubFilter'] as const;

/**
 * ISO 32000-1 §7.3.10: any value may be an indirect reference unless the standard says it
 * shall be direct, and Table 252 says so of none of these three (poppler's dictLookup and
 * pyHanko's reader resolve them). Each is read in the revision where the signature dictionary
 * first appears, the one its signature covers; a later change to the object it refers to is a
 * change after signing like any other (modifications.ts). A reference that cannot be read, or
 * to something that is not a name, counts as absent (the strictest reading), with a message:
 * no SubFilter is a broken signature (integrity.ts), no /Type /DocTimeStamp is no document
 * timestamp by type. /ByteRange and /Contents are never resolved: the signed bytes must leave
 * out exactly the signature value inside the signature dictionary (coverage.ts).
 */
export async function signatureNamesOf(store: ObjectStore, signature: FoundSignature, messages: Message[]): Promise<SignatureNames> {
  const names: { type?: string | undefined; filter?: string | undefined; subFilter?: string | undefined } = {};
  for (const key of NAME_KEYS) {
    const value = signature.dict.entries.get(key);
    let name = nameOf(value);
    if (value?.kind === 'ref') {
      const resolved = await valueOf(store, value, signature.firstRevision, messages);
      name = resolved === UNREADABLE || resolved === undefined ? undefined : nameOf(resolved);
      if (name === undefined) messages.push(PDF_MESSAGES.PDF_SIGNATURE_ENTRY_UNREADABLE({ field: signature.fieldName, key }));
    }
    if (key === 'Type') names.type = name;
    else if (key === 'Filter') names.filter = name;
    else names.subFilter = name;
  }
  return { type: names.type, filter: names.filter, subFilter: names.subFilter };
}

export interface DocMdp {
  /** 1: no changes; 2: form filling and signing; 3: also annotations. */
  readonly permission: 1 | 2 | 3;
}

export interface FieldLock {
  readonly action: 'All' | 'Include' | 'Exclude';
  readonly fields: readonly string[];
  /** PDF 2.0: a /P in the lock acts like a DocMDP permission once this field is signed. */
  readonly permission?: 1 | 2 | 3;
}

/**
 * Values of the signature dictionary, /Reference, /TransformParams and /Lock may be
 * indirect (ISO 32000-1 §7.3.10): each is resolved. A value that is there but cannot be
 * read, or is not of the type the standard gives, is read the strictest way (no changes,
 * every field locked), with a message: a signer's restriction is never dropped.
 */
const UNREADABLE = Symbol('unreadable');

async function valueOf(store: ObjectStore, value: PdfValue | undefined, revision: number, messages: Message[]): Promise<PdfValue | undefined | typeof UNREADABLE> {
  if (value === undefined || value.kind === 'null') return undefined;
  if (value.kind !== 'ref') return value;
  const resolved = await safeDeref(store, value, revision, messages);
  return resolved === undefined ? UNREADABLE : resolved.kind === 'null' ? undefined : resolved;
}

/** /P: absent is `fallback`; anything but 1, 2 or 3 is 1. */
async function permissionOf(
  store: ObjectStore,
  value: PdfValue | undefined,
  fallback: 1 | 2 | 3,
  context: Strictness,
): Promise<1 | 2 | 3> {
  const resolved = await valueOf(store, value, context.revision, context.messages);
  if (resolved === undefined) return fallback;
  const p = resolved === UNREADABLE ? undefined : integerOf(resolved);
  if (p === 1 || p === 2 || p === 3) return p;
  context.strict('P');
  return 1;
}

interface Strictness {
  readonly revision: number;
  readonly messages: Message[];
  /** Records that `key` was read the strictest way. */
  strict(key: string): void;
}

function strictness(field: string, transform: string, revision: number, messages: Message[]): Strictness {
  return {
    revision,
    messages,
    strict: (key) => messages.push(PDF_MESSAGES.PDF_MDP_VALUE_UNREADABLE({ field, transform, key })),
  };
}

/** The /Reference array as a list of dictionaries; UNREADABLE when it, or an item, cannot be read as one. */
async function referencesOf(store: ObjectStore, dict: PdfDict, revision: number, messages: Message[]): Promise<PdfDict[] | typeof UNREADABLE> {
  const references = await valueOf(store, dict.entries.get('Reference'), revision, messages);
  if (references === undefined) return [];
  if (references === UNREADABLE || references.kind !== 'array') return UNREADABLE;
  const out: PdfDict[] = [];
  for (const item of references.items) {
    const reference = await valueOf(store, item, revision, messages);
    if (reference === undefined) continue;
    if (reference === UNREADABLE || reference.kind !== 'dict') return UNREADABLE;
    out.push(reference);
  }
  return out;
}

/** A transform's /TransformMethod: a name, undefined when absent, UNREADABLE otherwise. */
async function methodOf(store: ObjectStore, reference: PdfDict, revision: number, messages: Message[]): Promise<string | undefined | typeof UNREADABLE> {
  const method = await valueOf(store, reference.entries.get('TransformMethod'), revision, messages);
  if (method === undefined || method === UNREADABLE) return method;
  return method.kind === 'name' ? method.value : UNREADABLE;
}

/**
 * The DocMDP transform of a certification signature, if this is one. A /Reference or
 * /TransformMethod that cannot be read may be a DocMDP transform: it counts as P=1.
 */
export async function docMdpOf(store: ObjectStore, dict: PdfDict, revision: number, messages: Message[], field = '?'): Promise<DocMdp | undefined> {
  const context = strictness(field, 'DocMDP', revision, messages);
  const references = await referencesOf(store, dict, revision, messages);
  if (references === UNREADABLE) {
    context.strict('Reference');
    return { permission: 1 };
  }
  for (const reference of references) {
    const method = await methodOf(store, reference, revision, messages);
    if (method === UNREADABLE) {
      context.strict('TransformMethod');
      return { permission: 1 };
    }
    if (method !== 'DocMDP') continue;
    const params = await valueOf(store, reference.entries.get('TransformParams'), revision, messages);
    // ISO 32000-1 §12.8.2.2: /P defaults to 2.
    if (params === undefined) return { permission: 2 };
    if (params === UNREADABLE || params.kind !== 'dict') {
      context.strict('TransformParams');
      return { permission: 1 };
    }
    return { permission: await permissionOf(store, params.entries.get('P'), 2, context) };
  }
  return undefined;
}

/**
 * FieldMDP locks: the signature's /Reference transforms and its field's /Lock dictionary.
 * What cannot be read locks every field (a /Reference or /TransformMethod that cannot be
 * read may be a FieldMDP transform).
 */
export async function fieldLocksOf(store: ObjectStore, signature: FoundSignature, revision: number, messages: Message[]): Promise<FieldLock[]> {
  const locks: FieldLock[] = [];
  const everything = (context: Strictness, key: string): void => {
    context.strict(key);
    locks.push({ action: 'All', fields: [] });
  };
  const read = async (value: PdfValue | undefined, transform: string): Promise<void> => {
    const context = strictness(signature.fieldName, transform, revision, messages);
    const params = await valueOf(store, value, revision, messages);
    if (params === undefined) return;
    if (params === UNREADABLE || params.kind !== 'dict') return everything(context, transform === 'Lock' ? 'Lock' : 'TransformParams');
    const actionValue = await valueOf(store, params.entries.get('Action'), revision, messages);
    const action = actionValue === undefined || actionValue === UNREADABLE ? undefined : nameOf(actionValue);
    if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return everything(context, 'Action');
    const fields: string[] = [];
    if (action !== 'All') {
      const fieldsValue = await valueOf(store, params.entries.get('Fields'), revision, messages);
      if (fieldsValue === UNREADABLE || (fieldsValue !== undefined && fieldsValue.kind !== 'array')) return everything(context, 'Fields');
      for (const item of fieldsValue?.items ?? []) {
        const name = await valueOf(store, item, revision, messages);
        if (name === undefined || name === UNREADABLE || name.kind !== 'string') return everything(context, 'Fields');
        fields.push(decodeTextString(name.bytes));
      }
    }
    const p = params.entries.get('P');
    const permission = p !== undefined && p.kind !== 'null' ? await permissionOf(store, p, 2, context) : undefined;
    locks.push({ action, fields, ...(permission !== undefined ? { permission } : {}) });
  };
  const lockContext = strictness(signature.fieldName, 'FieldMDP', revision, messages);
  const references = await referencesOf(store, signature.dict, revision, messages);
  if (references === UNREADABLE) everything(lockContext, 'Reference');
  else {
    for (const reference of references) {
      const method = await methodOf(store, reference, revision, messages);
      if (method === UNREADABLE) everything(lockContext, 'TransformMethod');
      else if (method === 'FieldMDP') await read(reference.entries.get('TransformParams'), 'FieldMDP');
    }
  }
  if (locks.length === 0) await read(signature.field.dict.entries.get('Lock'), 'Lock');
  return locks;
}

export function lockCovers(lock: FieldLock, fieldName: string): boolean {
  const listed = lock.fields.some((name) => fieldName === name || fieldName.startsWith(`${name}.`));
  return lock.action === 'All' || (lock.action === 'Include' ? listed : !listed);
}

export interface Appearance {
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** /M as written. */
  readonly signingTimeText?: string;
  readonly signingTime?: Date;
  readonly signingTimeHasZone?: boolean;
  readonly pageIndex?: number;
  readonly rect?: readonly number[];
}

/** The signer's claims in the dictionary and where the widget sits. */
export async function appearanceOf(
  store: ObjectStore,
  signature: FoundSignature,
  model: RevisionModel,
  encrypted: boolean,
  messages: Message[],
): Promise<{ appearance: Appearance; dateInvalid?: string }> {
  const text = (key: string): string | undefined => {
    const value = signature.dict.entries.get(key);
    // Strings in an encrypted file are encrypted (except /Contents); we hold no key.
    if (value?.kind !== 'string' || encrypted) return undefined;
    return decodeTextString(value.bytes);
  };
  const appearance: { -readonly [K in keyof Appearance]: Appearance[K] } = {};
  const name = text('Name');
  if (name !== undefined) appearance.name = name;
  const reason = text('Reason');
  if (reason !== undefined) appearance.reason = reason;
  const location = text('Location');
  if (location !== undefined) appearance.location = location;
  const contactInfo = text('ContactInfo');
  if (contactInfo !== undefined) appearance.contactInfo = contactInfo;
  let dateInvalid: string | undefined;
  const m = text('M');
  if (m !== undefined) {
    appearance.signingTimeText = m;
    const parsed = parsePdfDate(m);
    if (parsed) {
      appearance.signingTime = parsed.date;
      appearance.signingTimeHasZone = parsed.hasTimeZone;
    } else {
      dateInvalid = m;
    }
  }
  const widgetNum = signature.field.widgets[0];
  if (widgetNum !== undefined) {
    const widget = await safeResolve(store, widgetNum, model.revision, messages);
    // The numbers may be indirect (ISO 32000-1 §7.3.10).
    const rect = await rectItems(store, dictGet(widget?.value, 'Rect'), model.revision, messages);
    if (rect?.every((item) => item !== undefined)) appearance.rect = rect as number[];
    const pageRef = dictGet(widget?.value, 'P');
    let page = pageRef?.kind === 'ref' ? model.pageByNum.get(pageRef.num) : undefined;
    page ??= model.pages.find((candidate) => candidate.annots.includes(widgetNum));
    if (page) appearance.pageIndex = page.index;
  }
  return dateInvalid !== undefined ? { appearance, dateInvalid } : { appearance };
}
