/**
 * What each object is to the document in one revision, so that an object keeps the
 * role it had when it was signed.
 *
 * Warning first: without this, a later revision can refer to a signed page's content
 * stream from the DSS (or /Info, the XMP /Metadata, a field appearance) and the
 * revision after it rewrite that stream as "DSS data" (the role-shift variant of the
 * shadow attack). The change whitelist therefore asks for the role of an object in
 * every revision since the signed one, not only in the revision just before.
 *
 * A role is either structural (the catalog, a page, a form field, ...: what the
 * revision model names) or, for every other object, the set of parts of the document
 * it is reachable from:
 * - `content`: the catalog and everything below it (pages, their content, resources,
 *   fonts, annotations, form fields, signature dictionaries), except through the
 *   edges below;
 * - `dss`: below the catalog's /DSS; `metadata`: below the catalog's /Metadata;
 *   `info`: below the trailer's /Info;
 * - `appearance`: a form field widget's /AP dictionary and its appearance streams
 *   (what `appearanceOwners` lists); what those streams use (fonts, images) is `content`.
 * An object reachable through several parts has all of them. An object reachable
 * from nothing has no role. Walks are bounded by one budget for the whole document
 * (`WalkBudget`: every object a walk visits, in any revision, is charged), since
 * revisions times reachable objects would otherwise grow without bound; when it runs
 * out the roles of the revisions not yet walked are `unknown` and nothing is
 * whitelisted on them (fail closed).
 */
import type { Message } from '../../report/messages.js';
import type { RevisionModel } from './document.js';
import { annotsArrayPages, fieldsTakenOver, safeDeref } from './document.js';
import type { ObjectStore, PdfObject } from './objects.js';
import type { PdfValue } from './syntax.js';
import { dictGet, nameOf, referenceNums, referencesIn } from './syntax.js';
import { LayeredMap, LayeredSet } from './layered.js';
import type { WritableMap, WritableSet } from './layered.js';

export type StructuralRole =
  | 'catalog'
  | 'acroform'
  | 'fields-array'
  | 'default-resources'
  | 'page-tree'
  | 'page'
  | 'annots-array'
  | 'field'
  | 'annotation'
  | 'signature';

export type Domain = 'content' | 'dss' | 'info' | 'metadata' | 'appearance' | 'extensions';

export interface AppearanceOwner {
  readonly field: string;
  readonly fieldNum: number | undefined;
  readonly signature: boolean;
}

export interface ObjectRole {
  /** Structural roles, in a fixed order; when present, `domains` is empty. */
  readonly structural: readonly StructuralRole[];
  /** Parts of the document the object is reachable from, in a fixed order. */
  readonly domains: readonly Domain[];
  /** For `appearance`: the fields whose widgets use the object. */
  readonly owners: readonly AppearanceOwner[];
  /** The walk ran out of budget: the role is not known. */
  readonly unknown: boolean;
}

const STRUCTURAL_ORDER: readonly StructuralRole[] = [
  'catalog',
  'acroform',
  'fields-array',
  'default-resources',
  'page-tree',
  'page',
  'annots-array',
  'field',
  'annotation',
  'signature',
];
/** Each structural role's bit. */
const S = Object.fromEntries(STRUCTURAL_ORDER.map((role, i) => [role, 1 << i])) as Readonly<Record<StructuralRole, number>>;
const DOMAINS: readonly Domain[] = ['content', 'dss', 'info', 'metadata', 'appearance', 'extensions'];
const BIT: Readonly<Record<Domain, number>> = { content: 1, dss: 2, info: 4, metadata: 8, appearance: 16, extensions: 32 };

interface RevisionRoles {
  readonly model: RevisionModel;
  /**
   * Every object the appearance lists were read from (widgets, /AP and state dictionaries),
   * or undefined when some widget could not be read or reported something: then the next
   * revision reads them all again, as it would without this revision.
   */
  readonly reads: ReadonlySet<number> | undefined;
  readonly owners: ReadonlyMap<number, readonly AppearanceOwner[]>;
  domains?: Promise<{ readonly bits: ReadonlyMap<number, number>; readonly complete: boolean }>;
}

/** Object visits left for every walk over the document together. */
export class WalkBudget {
  constructor(private left: number) {}

  /** Charges one visit; false once the budget is spent. */
  take(): boolean {
    if (this.left <= 0) return false;
    this.left--;
    return true;
  }

  /** Charges `count` visits at once when that many are left (true); else charges nothing (false). */
  takeMany(count: number): boolean {
    if (this.left < count) return false;
    this.left -= count;
    return true;
  }
}

/** What an object refers to, as some revision read it. */
interface KnownReferences {
  readonly revision: number;
  /** Object numbers in the order referencesIn lists them; null: free, undefined or unreadable. */
  readonly refs: readonly number[] | null;
}

/** The objects one widget's appearance lists (in order), as some revision read them. */
interface KnownAppearance {
  readonly revision: number;
  /** The widget, its /AP dictionary and its state dictionaries: what the list depends on. */
  readonly read: readonly number[];
  readonly owned: readonly number[];
}

/**
 * Roles per revision, each revision's computed once and only when asked for.
 *
 * The walks of different revisions share what they read: an object no update between two
 * revisions touched refers to the same objects in both, so a walk over a later revision
 * takes its references over instead of resolving it again. The budget is still charged
 * for every object visited: it bounds hostile input as before, whatever was remembered.
 */
export class RoleIndex {
  private readonly byRevision = new Map<number, Promise<RevisionRoles>>();
  private readonly references = new Map<number, KnownReferences>();
  private readonly appearances = new Map<number, KnownAppearance>();
  /** Shared by the role walks and the diff's reachability walks. */
  readonly budget: WalkBudget;

  /** `takeOver` false: nothing learnt in one revision is used in another (PdfTuning.takeOver). */
  constructor(
    private readonly store: ObjectStore,
    readonly takeOver = true,
  ) {
    this.budget = new WalkBudget(store.options.budget.limit);
  }

  /**
   * The object numbers `num` refers to in `revision` (null: free, undefined or unreadable),
   * or undefined when not known without reading (then `readReferences`).
   */
  knownReferences(num: number, revision: number): readonly number[] | null | undefined {
    const known = this.takeOver ? this.references.get(num) : undefined;
    if (!known) return undefined;
    if (known.revision === revision) return known.refs;
    const older = Math.min(known.revision, revision);
    const newer = Math.max(known.revision, revision);
    return this.store.unchangedBetween(num, older, newer) ? known.refs : undefined;
  }

  /** `knownReferences`, else `cachedReferences`: what a walk learns without waiting. */
  referencesNow(num: number, revision: number): readonly number[] | null | undefined {
    const refs = this.knownReferences(num, revision);
    return refs !== undefined ? refs : this.cachedReferences(num, revision);
  }

  /**
   * `referencesNow` for a walk over every object of a revision: the store's parsed object
   * first, its references as noted while parsing and not remembered again (thousands per
   * walk), then what an earlier walk remembered. The same answer, for less work per object.
   */
  walkReferences(num: number, revision: number): readonly number[] | null | undefined {
    const object = this.store.known(num, revision);
    if (object === null) return null;
    if (object !== undefined) return object.refs ?? this.rememberReferences(num, revision, object);
    return this.knownReferences(num, revision);
  }

  /** The highest object number a walk may mark in a bit set (ObjectStore.denseHighestNumber). */
  highestNumber(): number {
    return this.store.denseHighestNumber();
  }

  async readReferences(num: number, revision: number): Promise<readonly number[] | null> {
    const known = this.store.known(num, revision);
    const object = known !== undefined ? known : await this.store.resolve(num, revision).catch(() => null);
    return this.rememberReferences(num, revision, object);
  }

  /** `readReferences` without waiting, when the store knows the object; undefined otherwise. */
  cachedReferences(num: number, revision: number): readonly number[] | null | undefined {
    const object = this.store.known(num, revision);
    return object === undefined ? undefined : this.rememberReferences(num, revision, object);
  }

  private rememberReferences(num: number, revision: number, object: PdfObject | null): readonly number[] | null {
    const refs = object ? (object.refs ?? referenceNums(object.value)) : null;
    this.references.set(num, { revision, refs });
    return refs;
  }

  /** What `appearanceOwners` found for a widget, when no update since touched what it read. */
  knownAppearance(widgetNum: number, revision: number): KnownAppearance | undefined {
    const known = this.takeOver ? this.appearances.get(widgetNum) : undefined;
    if (!known) return undefined;
    const older = Math.min(known.revision, revision);
    const newer = Math.max(known.revision, revision);
    for (let i = 0; i < known.read.length; i++) if (!this.store.unchangedBetween(known.read[i]!, older, newer)) return undefined;
    return known;
  }

  rememberAppearance(widgetNum: number, revision: number, read: readonly number[], owned: readonly number[]): void {
    this.appearances.set(widgetNum, { revision, read, owned });
  }

  async roleIn(model: RevisionModel, num: number, messages: Message[]): Promise<ObjectRole> {
    const roles = await this.revisionRoles(model, messages);
    const owners = roles.owners.get(num) ?? [];
    const structural = structuralBits(model, num);
    if (structural !== 0) {
      return { structural: STRUCTURAL_ORDER.filter((_, i) => (structural & (1 << i)) !== 0), domains: [], owners, unknown: false };
    }
    roles.domains ??= walkDomains(this.store, model, roles.owners, this.budget);
    const { bits, complete } = await roles.domains;
    const mask = bits.get(num) ?? 0;
    return { structural: [], domains: DOMAINS.filter((domain) => (mask & BIT[domain]) !== 0), owners, unknown: !complete };
  }

  private revisionRoles(model: RevisionModel, messages: Message[]): Promise<RevisionRoles> {
    let roles = this.byRevision.get(model.revision);
    if (!roles) {
      const base = this.takeOver ? this.byRevision.get(model.revision - 1) : undefined;
      roles = base ? base.then((before) => appearanceOwners(this.store, model, messages, this, before)) : appearanceOwners(this.store, model, messages, this, undefined);
      this.byRevision.set(model.revision, roles);
    }
    return roles;
  }
}

/** Same role: equal structural roles, or equal domains with the same appearance owners. */
export function sameRole(a: ObjectRole, b: ObjectRole): boolean {
  return !a.unknown && !b.unknown && roleKey(a) === roleKey(b);
}

function roleKey(role: ObjectRole): string {
  if (role.structural.length > 0) return `s:${role.structural.join(',')}`;
  const owners = role.domains.includes('appearance') ? role.owners.map((owner) => owner.fieldNum ?? owner.field).join(',') : '';
  return `d:${role.domains.join(',')}:${owners}`;
}

/** Structural roles of an object in a revision, one bit per role (STRUCTURAL_ORDER). */
function structuralBits(model: RevisionModel, num: number): number {
  // Looked up in the model's own maps for the few objects a diff asks about: marking every
  // page, field and annotation of every revision walked since signing cost more than the diffs.
  const index = modelIndex(model);
  let bits = 0;
  if (model.rootNum === num) bits |= S.catalog;
  if (model.acroFormNum === num) bits |= S.acroform;
  if (model.fieldsArrayNum === num) bits |= S['fields-array'];
  if (index.defaultResources === num) bits |= S['default-resources'];
  if (model.pageTreeNodes.has(num)) bits |= S['page-tree'];
  if (model.pageByNum.has(num)) bits |= S.page;
  if (index.annotsArrays.has(num)) bits |= S['annots-array'];
  if (model.fieldByNum.has(num) || model.widgetField.has(num)) bits |= S.field;
  if (model.annotations.has(num)) bits |= S.annotation;
  if (index.signatures.has(num)) bits |= S.signature;
  return bits;
}

/** What a structural lookup needs beyond the model's maps, built once per model on the first lookup. */
interface ModelIndex {
  readonly defaultResources: number | undefined;
  readonly annotsArrays: { has(num: number): boolean };
  readonly signatures: ReadonlySet<number>;
}

const MODEL_INDEX = new WeakMap<RevisionModel, ModelIndex>();

function modelIndex(model: RevisionModel): ModelIndex {
  let index = MODEL_INDEX.get(model);
  if (index) return index;
  const dr = model.acroForm?.entries.get('DR');
  // The page walk keeps its indirect /Annots arrays; fields taken over from the revision
  // before sign with the same dictionaries: only the appended ones are looked at.
  let annotsArrays: { has(num: number): boolean } | undefined = annotsArrayPages(model);
  if (!annotsArrays) {
    const found = new Set<number>();
    for (let i = 0; i < model.pages.length; i++) {
      const annotsNum = model.pages[i]!.annotsNum;
      if (annotsNum !== undefined) found.add(annotsNum);
    }
    annotsArrays = found;
  }
  const takenOver = fieldsTakenOver(model);
  const before = takenOver ? MODEL_INDEX.get(takenOver.model) : undefined;
  const signatures = new Set<number>(before ? before.signatures : []);
  for (let i = before ? takenOver!.count : 0; i < model.fields.length; i++) {
    const field = model.fields[i]!;
    const value = field.dict.entries.get('V');
    if (field.type === 'Sig' && value?.kind === 'ref') signatures.add(value.num);
  }
  index = { defaultResources: dr?.kind === 'ref' ? dr.num : undefined, annotsArrays, signatures };
  MODEL_INDEX.set(model, index);
  return index;
}

/**
 * Appearance streams (and their state dictionaries) of field widgets, with the fields they
 * belong to.
 *
 * With the roles of the revision before (`before`): when this revision's fields begin with
 * exactly that revision's fields (an update that appends fields, as signing does) and the
 * update redefined nothing those lists were read from, the lists are that revision's with
 * the appended fields' owners added after them: what reading every widget again gives, in
 * the same order, without the thousands of lookups per revision.
 */
async function appearanceOwners(
  store: ObjectStore,
  model: RevisionModel,
  messages: Message[],
  index: RoleIndex,
  before: RevisionRoles | undefined,
): Promise<RevisionRoles> {
  let owners: WritableMap<number, readonly AppearanceOwner[]> = new Map<number, AppearanceOwner[]>();
  let reads: WritableSet<number> | undefined = new Set<number>();
  let from = 0;
  const base = before && takesOver(store, before, model) ? before : undefined;
  // Lists taken over from `base` are copied before they grow: they stay that revision's.
  const copied = new Set<number>();
  if (base) {
    // Layers over the revision before's (final once made): signing appends a field or two.
    owners = LayeredMap.over(base.owners);
    reads = LayeredSet.over(base.reads!);
    from = base.model.fields.length;
  }
  const own = (num: number, owner: AppearanceOwner): void => {
    const known = owners.get(num);
    if (known && known.some((other) => other.fieldNum === owner.fieldNum && other.field === owner.field)) return;
    let list: AppearanceOwner[];
    if (!known) list = [];
    else if (base && !copied.has(num)) list = [...known];
    else list = known as AppearanceOwner[];
    copied.add(num);
    list.push(owner);
    owners.set(num, list);
  };
  for (let i = from; i < model.fields.length; i++) {
    const field = model.fields[i]!;
    let owner: AppearanceOwner | undefined;
    for (let k = 0; k < field.widgets.length; k++) {
      const widgetNum = field.widgets[k]!;
      // A widget merged with its field is the field's dictionary as this revision shows it (the
      // field walk read it): without /AP it lists nothing and reads nothing that can fail, so
      // nothing is looked up or remembered for it. Most widgets of a large form are so; what
      // the next revision takes over from this one covers them through the model's widgets
      // (takesOver).
      if (widgetNum === field.num && field.dict.entries.get('AP') === undefined) continue;
      const knownAppearance = index.knownAppearance(widgetNum, model.revision);
      let owned: readonly number[];
      if (knownAppearance) {
        owned = knownAppearance.owned;
        if (reads) for (let n = 0; n < knownAppearance.read.length; n++) reads.add(knownAppearance.read[n]!);
      } else {
        const messagesBefore = messages.length;
        const read = [widgetNum];
        const found: number[] = [];
        const known = store.known(widgetNum, model.revision);
        const widget = known !== undefined ? known : await store.resolve(widgetNum, model.revision).catch(() => null);
        const ap = dictGet(widget?.value, 'AP');
        if (ap?.kind === 'ref') {
          found.push(ap.num);
          read.push(ap.num);
        }
        // Awaited only when there is something to read: most widgets of a large form have no
        // /AP, and a promise per widget per revision is what the cold code spends its time on.
        const appearance = ap?.kind === 'ref' ? await safeDeref(store, ap, model.revision, messages) : ap;
        if (appearance?.kind === 'dict') {
          for (const state of appearance.entries.values()) {
            if (state.kind === 'ref') {
              found.push(state.num);
              read.push(state.num);
            }
            const states = state.kind === 'ref' ? await safeDeref(store, state, model.revision, messages) : state;
            if (states?.kind === 'dict' && nameOf(states.entries.get('Type')) !== 'XObject' && !states.entries.has('Subtype')) {
              for (const item of states.entries.values()) if (item.kind === 'ref') found.push(item.num);
            }
          }
        }
        // What could not be read is read (and reported) again by the next revision that asks.
        if (widget && messages.length === messagesBefore) {
          index.rememberAppearance(widgetNum, model.revision, read, found);
          if (reads) for (let n = 0; n < read.length; n++) reads.add(read[n]!);
        } else {
          reads = undefined;
        }
        owned = found;
      }
      if (owned.length === 0) continue;
      owner ??= { field: field.name, fieldNum: field.num, signature: field.type === 'Sig' };
      for (let n = 0; n < owned.length; n++) own(owned[n]!, owner);
    }
  }
  return { model, reads, owners };
}

/** Whether `model`'s appearance owners are `before`'s with owners of appended fields added (see appearanceOwners). */
function takesOver(store: ObjectStore, before: RevisionRoles, model: RevisionModel): boolean {
  if (before.reads === undefined || before.model.revision !== model.revision - 1) return false;
  const fields = before.model.fields;
  if (model.fields.length < fields.length) return false;
  for (let i = 0; i < fields.length; i++) if (model.fields[i] !== fields[i]) return false;
  const changed = store.changedIn(model.revision);
  if (!changed) return false;
  // Widgets appearanceOwners skipped (merged with their field, without /AP) are not in
  // `reads`. A redefined one is a new field record, which the loop above already refuses;
  // the model's widgets are asked all the same, so that nothing rests on that alone.
  const widgets = before.model.widgetField;
  for (const num of changed) if (before.reads.has(num) || widgets.has(num)) return false;
  return true;
}

/** Which parts of the document reach each object (a bit set of domains), from the trailer down. */
async function walkDomains(
  store: ObjectStore,
  model: RevisionModel,
  owners: ReadonlyMap<number, readonly AppearanceOwner[]>,
  budget: WalkBudget,
): Promise<{ bits: Map<number, number>; complete: boolean }> {
  const bits = new Map<number, number>();
  const queue: [number, Domain][] = [];
  const visit = (num: number, domain: Domain): void => {
    const seen = bits.get(num) ?? 0;
    if ((seen & BIT[domain]) !== 0) return;
    bits.set(num, seen | BIT[domain]);
    queue.push([num, domain]);
  };
  const visitAll = (value: PdfValue | undefined, domain: Domain): void => {
    if (value) for (const ref of referencesIn(value)) visit(ref.num, domain);
  };
  if (model.rootNum !== undefined) visit(model.rootNum, 'content');
  visitAll(model.trailer.entries.get('Info'), 'info');

  for (let head = 0; head < queue.length; head++) {
    // An incomplete walk keeps nothing: its roles are unknown anyway.
    if (!budget.take()) return { bits: new Map(), complete: false };
    const [num, domain] = queue[head]!;
    const known = store.known(num, model.revision);
    const object = known !== undefined ? known : await store.resolve(num, model.revision).catch(() => null);
    if (!object) continue;
    const value = object.value;
    if (domain === 'dss' || domain === 'info' || domain === 'metadata' || domain === 'extensions') {
      visitAll(value, domain);
    } else if (domain === 'appearance') {
      for (const ref of referencesIn(value)) visit(ref.num, owners.has(ref.num) ? 'appearance' : 'content');
    } else if (num === model.rootNum && value.kind === 'dict') {
      for (const [key, entry] of value.entries) visitAll(entry, key === 'DSS' ? 'dss' : key === 'Metadata' ? 'metadata' : key === 'Extensions' ? 'extensions' : 'content');
    } else if (model.widgetField.has(num) && value.kind === 'dict') {
      for (const [key, entry] of value.entries) {
        if (key !== 'AP') visitAll(entry, 'content');
        else for (const ref of referencesIn(entry)) visit(ref.num, owners.has(ref.num) ? 'appearance' : 'content');
      }
    } else {
      visitAll(value, 'content');
    }
  }
  return { bits, complete: true };
}

/** What a role is, in words, for change descriptions. */
export function describeRole(role: ObjectRole, contentRole: string | undefined): string {
  if (role.unknown) return 'object of unknown role';
  if (role.structural.length > 0) return role.structural.map((r) => STRUCTURAL_WORDS[r]).join(' and ');
  if (role.domains.length === 0) return 'unused object';
  return role.domains
    .map((domain) =>
      domain === 'content'
        ? (contentRole ?? 'document content')
        : domain === 'appearance'
          ? `appearance of field ${role.owners.map((owner) => owner.field).join(', ')}`
          : DOMAIN_WORDS[domain],
    )
    .join(' and ');
}

const STRUCTURAL_WORDS: Readonly<Record<StructuralRole, string>> = {
  catalog: 'document catalog',
  acroform: 'AcroForm',
  'fields-array': 'AcroForm /Fields array',
  'default-resources': 'AcroForm default resources',
  'page-tree': 'page tree node',
  page: 'page',
  'annots-array': 'page /Annots array',
  field: 'form field',
  annotation: 'annotation',
  signature: 'signature dictionary',
};

const DOMAIN_WORDS: Readonly<Record<'dss' | 'info' | 'metadata' | 'extensions', string>> = {
  extensions: 'developer extensions (/Extensions)',
  dss: 'DSS data',
  info: 'document information (/Info)',
  metadata: 'XMP metadata',
};
