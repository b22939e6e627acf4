/**
 * Changes after signing, one incremental revision at a time (a later revision can
 * hide what an earlier one did). Every object a revision defines is compared with
 * the object the previous revision shows; each difference must be explained by a
 * whitelisted rule, or it is `other`, which fails every signature made before it.
 *
 * Each explained change names its rule in rules.ts (the one table of allowed change
 * classes, with the tools that write them and why they are harmless); values are
 * compared as a reader resolves them (compare.ts), so a reference re-pointed to equal
 * content is no change. A change that names no rule is `other`. In outline (kind in brackets):
 * - the DSS and anything new under it, /Extensions, document metadata (/Info, the
 *   catalog's XMP /Metadata) [ltv];
 * - a new document timestamp: its field, widget, /Fields and /Annots entries [ltv],
 *   only while its widgets show nothing (a timestamp attests no identity, so what its
 *   widget paints is attested by nobody: `other`);
 * - a new signature, in an existing empty field or a new signature field, with the
 *   AcroForm (/Fields, /SigFlags, /DR, /DA), widget appearance and page /Annots
 *   updates it needs, and a /Perms addition whose /DocMDP names that new signature
 *   [form-filling] (a visible widget only when that signature signs this revision: a
 *   signature copied from an earlier one attests nothing of it); a new signature field left
 *   empty (for a later signer) only while its widgets show nothing, and a new widget
 *   of a field not signed in the same revision only while it shows nothing
 *   (widgets.ts): an appearance nobody signs may paint over the signed page;
 * - values and appearances of existing non-signature fields that are not read-only
 *   (field flag 1, own or inherited) [form-filling];
 * - new, changed or removed non-widget annotations [annotations], unless a new or changed one
 *   runs something: an /AA, an /A other than navigation, an active type such as /Screen
 *   (`other`: DocMDP P=3 allows annotations, not scripts that may rewrite the page).
 * Then the permissions in force are applied: DocMDP P=1 turns every form-filling or
 * annotation change into `other`, P=2 (and an uncertified document) turns annotation
 * changes into `other`; a FieldMDP lock turns a change of a locked field into `other`,
 * and so a change of the form's defaults fields are re-rendered from (AcroForm /DA,
 * /NeedAppearances, /DR other than a new font no /DA names). /NeedAppearances turned on
 * over existing text or choice fields, or over a widget whose /MK asks for a drawing, lets a
 * viewer redraw them from values and /MK instead of the signed appearances: `other` always;
 * while it is on, a new widget's /MK counts whatever its /AP (widgets.ts).
 *
 * Roles are judged against the signed revision, not only the previous one: a changed
 * object must have had the same role (roles.ts) in every revision since the earliest
 * signed one, back to where it was created. So the DSS, /Info, /Metadata, default
 * resources or a field appearance that refer to a signed page's content, font or
 * signature appearance never make rewriting it whitelisted: that is `other`. The
 * DSS/metadata rule applies only to objects reachable from the DSS, /Info or
 * /Metadata alone; the appearance rule only to objects reachable from field
 * appearances alone, and for a signature field's appearance only when that field is
 * signed in the revision.
 *
 * A new object is explained only through an explained change that references it; a
 * new object that an unchanged object references (filling a dangling reference) or
 * a freed object that is still referenced is `other`. Objects no longer reachable
 * from the catalog are reported with kind `none`.
 */
import type { Message } from '../../report/messages.js';
import type { ModificationLevel, ModificationsReport } from '../../report/types.js';
import type { FieldInfo, PageInfo, RevisionModel } from './document.js';
import { MAX_PAGE_TREE_DEPTH, messageOf, safeDeref } from './document.js';
import { PDF_MESSAGES } from './messages.js';
import type { ObjectStore, PdfObject } from './objects.js';
import type { XrefEntry } from './xref.js';
import type { PdfValue } from './syntax.js';
import { dictGet, firstConflictingKey, integerOf, nameOf, referenceNums, referencesIn, valuesEqual } from './syntax.js';
import type { ObjectRole, RoleIndex } from './roles.js';
import { describeRole, sameRole } from './roles.js';
import { drawnWhenRebuilt, hasArea, needAppearances, showsAppearance } from './widgets.js';
import type { FieldLock } from './signatures.js';
import { lockCovers } from './signatures.js';
import type { ChangeRuleName } from './rules.js';
import { ResolvedComparer } from './compare.js';
import { encryptionOf, sameEncryption } from './encryption-state.js';
import { LayeredSet, ReachedSet } from './layered.js';

export type Change = ModificationsReport['changes'][number];

const CHANGE_RULE_WORDS: Readonly<Record<'dss' | 'extensions' | 'xmp-metadata' | 'document-info', string>> = {
  dss: 'document security store (DSS)',
  extensions: 'developer extensions (/Extensions)',
  'xmp-metadata': 'XMP metadata',
  'document-info': 'document information (/Info)',
};

const ORDER: Readonly<Record<ModificationLevel, number>> = { none: 0, ltv: 1, 'form-filling': 2, annotations: 3, other: 4 };

export function maxLevel(a: ModificationLevel, b: ModificationLevel): ModificationLevel {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** What the signatures made before a revision allow in it. */
export interface Permissions {
  /** The strictest DocMDP permission of certification signatures made before (undefined: not certified). */
  readonly docMdp?: 1 | 2 | 3;
  /** FieldMDP locks of signatures made before, with the signature's name. */
  readonly locks: readonly { readonly signature: string; readonly lock: FieldLock }[];
}

/** A signature that first appears in the revision being compared. */
export interface NewSignature {
  readonly sigNum: number | undefined;
  readonly fieldNum: number | undefined;
  readonly fieldName: string;
  readonly documentTimestamp: boolean;
  /**
   * Its /ByteRange provably ends this revision (coverage without format failure): its signer
   * signed what the revision adds. A signature copied into a new field from an earlier one (its
   * /ByteRange still names the old place) signs nothing of it.
   */
  readonly attests: boolean;
}

/** What the diff needs beyond the two revisions: the object roles since signing. */
export interface DiffContext {
  readonly roles: RoleIndex;
  /** The revisions from the earliest signed one up to the previous revision (inclusive), oldest first. */
  readonly since: readonly RevisionModel[];
}

export interface RevisionDiff {
  readonly revision: number;
  readonly changes: readonly Change[];
  readonly messages: readonly Message[];
}

interface Pending {
  readonly num: number;
  readonly object: string;
  kind: ModificationLevel;
  /** The whitelist rule (rules.ts) that explains the change; a change without one is `other`. */
  rule?: ChangeRuleName;
  description: string;
  /** For permission checks: the field a form-filling change belongs to. */
  fieldName?: string;
  /**
   * A form-wide default (AcroForm /DA, /NeedAppearances, /DR) a viewer rebuilds field
   * appearances from: under a field lock it can change how a locked field shows.
   */
  formDefault?: string;
}

export async function diffRevision(
  store: ObjectStore,
  previous: RevisionModel,
  next: RevisionModel,
  newSignatures: readonly NewSignature[],
  permissions: Permissions,
  context: DiffContext,
): Promise<RevisionDiff> {
  const revision = next.revision;
  const messages: Message[] = [];
  const pending: Pending[] = [];
  const explainedNew = new Map<number, ModificationLevel>();
  const roots: { value: PdfValue; kind: ModificationLevel }[] = [];
  const own = store.revisions[revision - 1]!.entries;
  const signingKind: ModificationLevel = newSignatures.length > 0 && newSignatures.every((s) => s.documentTimestamp) ? 'ltv' : 'form-filling';
  const newSigByField = new Map(newSignatures.flatMap((s) => (s.fieldNum !== undefined ? [[s.fieldNum, s] as const] : [])));
  const newSigBySig = new Map(newSignatures.flatMap((s) => (s.sigNum !== undefined ? [[s.sigNum, s] as const] : [])));
  // Under /NeedAppearances viewers build widget appearances from /MK, whatever /AP says (widgets.ts).
  const rebuilt = await needAppearances(store, next.acroForm, revision, messages);
  // A document timestamp attests no identity, and a signature that does not sign its own
  // revision attests nothing of it: a widget of its field that shows something is an overlay
  // nobody vouches for.
  const overlaysNobodySigns = new Set<NewSignature>();
  for (const signature of newSignatures) {
    if ((!signature.documentTimestamp && signature.attests) || signature.fieldNum === undefined) continue;
    const widgets = next.fieldByNum.get(signature.fieldNum)?.widgets ?? [signature.fieldNum];
    for (const widgetNum of widgets) {
      const widget = await store.resolve(widgetNum, revision).catch(() => null);
      if (!widget || (await showsAppearance(store, widget.value, revision, messages, rebuilt))) {
        overlaysNobodySigns.add(signature);
        break;
      }
    }
  }
  /** A new signature whose visible widget nobody attests is a document timestamp, unless it signs another revision. */
  const replayed = (signature: NewSignature | undefined): boolean => signature !== undefined && !signature.documentTimestamp;
  const signingKindOf = (signature: NewSignature): ModificationLevel =>
    overlaysNobodySigns.has(signature) ? 'other' : signature.documentTimestamp ? 'ltv' : 'form-filling';
  const kindOfNewSignatureField = (num: number): ModificationLevel | undefined => {
    const signature = newSigByField.get(num);
    return signature ? signingKindOf(signature) : undefined;
  };
  const add = (change: Pending, newValue?: PdfValue): void => {
    // Every pending change in one shape, whichever optional parts its rule gave: the loop
    // that applies the permissions read a dozen shapes and was compiled again for each new one.
    pending.push({
      num: change.num,
      object: change.object,
      kind: change.kind,
      rule: change.rule,
      description: change.description,
      fieldName: change.fieldName,
      formDefault: change.formDefault,
    });
    if (newValue && change.kind !== 'other') roots.push({ value: newValue, kind: change.kind });
  };
  const name = (num: number, gen = 0) => `${num} ${gen} R`;
  // Roles whose walk ran out of the document's budget are unknown (so changes on them
  // are `other`); one message says why, however many lookups hit it.
  let budgetSpent = false;
  const roleIn = async (model: RevisionModel, num: number): Promise<ObjectRole> => {
    const role = await context.roles.roleIn(model, num, messages);
    if (role.unknown) budgetSpent = true;
    return role;
  };
  const contentRoles = new Map<number, Map<number, string>>();
  const comparer = new ResolvedComparer(store, context.roles.budget);
  let structCache: { root: number | undefined; elements: ReadonlySet<number> } | undefined;
  const newStructElements: number[] = [];
  /** `a` in the previous revision and `b` in this one resolve to the same content. */
  const sameContent = async (a: PdfValue | undefined, b: PdfValue | undefined) => (await comparer.same(a, revision - 1, b, revision)) !== 'different';

  // 1. Which objects differ.
  const changed: { num: number; before: PdfObject | null; after: PdfObject | null }[] = [];
  for (const num of [...own.keys()].sort((a, b) => a - b)) await readChange(num);

  // An entry of this update that lists an object where it is not: readers that rebuild the
  // cross-reference table from the objects in the file (poppler, qpdf) may then show other
  // objects than those compared here. Repairing is for the signed revisions' writer slips.
  for (const [num, entry] of own) {
    if (entry.type === 'offset' && store.isRepaired(num, entry.gen, entry.offset)) {
      add({ num, object: name(num, entry.gen), kind: 'other', description: `cross-reference entry of the update lists ${name(num, entry.gen)} at byte ${entry.offset}, where it is not` });
    }
  }

  const newNums = new Set(changed.filter((c) => c.before === null && c.after !== null).map((c) => c.num));

  // 2. The trailer.
  const copiedCatalog = await trailerChanges();

  // 3. Changed and freed objects, by the role they had before, which must be the role
  // they had in every revision since the signed one (roles.ts).
  const freed: number[] = [];
  const annotsArrays = new Map<number, PageInfo>();
  for (let i = 0; i < previous.pages.length; i++) {
    const page = previous.pages[i]!;
    if (page.annotsNum !== undefined) annotsArrays.set(page.annotsNum, page);
  }
  for (const { num, before, after } of changed) await judgeChanged(num, before, after);

  if (copiedCatalog) {
    explainedNew.set(copiedCatalog.num, 'ltv');
    await catalogChanges(copiedCatalog.before, copiedCatalog.after);
  }
  for (const element of newStructElements) await newStructElement(element);

  // 4. New objects: explained through explained changes only.
  await newObjectChanges();

  if (comparer.spent) budgetSpent = true;
  if (budgetSpent) messages.push(PDF_MESSAGES.PDF_DIFF_BUDGET({ revision }));

  // 5. Permissions in force.
  const changes = permitted();
  return { revision, changes, messages };

  // --- rules ------------------------------------------------------------------------

  /** Step 2: the trailer's /Root, /Encrypt and /Info; a catalog copied into a new object, to be judged entry by entry. */
  async function trailerChanges(): Promise<{ num: number; before: PdfValue; after: PdfValue } | undefined> {
    // An update's trailer repeats the previous one's entries (ISO 32000-1 §7.5.6). Without
    // /Root or /Size, some readers take them from an older trailer and others rebuild the
    // file from the objects they find: what they show need not be what is compared here.
    const written = store.revisions[revision - 1]!.trailer;
    for (const key of ['Root', 'Size']) {
      if (!written.entries.has(key)) add({ num: -1, object: 'trailer', kind: 'other', description: `the update's trailer has no /${key}` });
    }
    const rootBefore = previous.trailer.entries.get('Root');
    const rootAfter = next.trailer.entries.get('Root');
    let copiedCatalog: { num: number; before: PdfValue; after: PdfValue } | undefined;
    if (!rootBefore || !rootAfter || !valuesEqual(rootBefore, rootAfter)) {
      // A new catalog copied from the old one (PDFBox, DSS): judged entry by entry below.
      const oldCatalog = rootBefore?.kind === 'ref' ? await store.resolve(rootBefore.num, revision - 1).catch(() => null) : null;
      const newCatalog = rootAfter?.kind === 'ref' && own.has(rootAfter.num) ? await store.resolve(rootAfter.num, revision).catch(() => null) : null;
      const isCatalog = (object: PdfObject | null) => object?.value.kind === 'dict' && nameOf(dictGet(object.value, 'Type')) === 'Catalog' && !object.stream;
      if (rootAfter?.kind === 'ref' && oldCatalog && newCatalog && isCatalog(oldCatalog) && isCatalog(newCatalog) && (await store.resolve(rootAfter.num, revision - 1).catch(() => null)) === null) {
        copiedCatalog = { num: rootAfter.num, before: oldCatalog.value, after: newCatalog.value };
        add({ num: -1, object: 'trailer', kind: 'ltv', rule: 'catalog-copy', description: `trailer /Root points to a new catalog ${name(rootAfter.num)} copied from ${name(oldCatalog.num)}` });
      } else {
        add({ num: -1, object: 'trailer', kind: 'other', description: 'trailer /Root redirected to another catalog' });
      }
    }
    // What the objects are decrypted with, not how the trailer spells it: the /Encrypt
    // object redefined under its number, or another first /ID, changes the key as well.
    if (!sameEncryption(await encryptionOf(store, revision - 1), await encryptionOf(store, revision))) {
      add({ num: -1, object: 'trailer', kind: 'other', description: 'encryption changed (trailer /Encrypt, the dictionary it names, or the /ID the key is made from): every object written before decrypts to something else' });
    }
    const infoAfter = next.trailer.entries.get('Info');
    const infoBefore = previous.trailer.entries.get('Info');
    if (infoAfter && (!infoBefore || !valuesEqual(infoBefore, infoAfter))) {
      add({ num: -1, object: 'trailer', kind: 'ltv', rule: 'document-info', description: 'document information dictionary (/Info) replaced' }, infoAfter);
    }
    return copiedCatalog;
  }

  /** Step 4: new objects explained only through explained changes; new and freed objects still referenced. */
  async function newObjectChanges(): Promise<void> {
    const queue = [...roots];
    for (let head = 0; head < queue.length; head++) {
      const { value, kind } = queue[head]!;
      for (const ref of referencesIn(value)) {
        if (!newNums.has(ref.num)) continue;
        const known = explainedNew.get(ref.num);
        if (known !== undefined && ORDER[known] >= ORDER[kind]) continue;
        explainedNew.set(ref.num, known === undefined ? kind : maxLevel(known, kind));
        const object = await store.resolve(ref.num, revision).catch(() => null);
        if (object) queue.push({ value: object.value, kind });
      }
    }
    // Cross-reference streams and object streams are file structure, not document content.
    const structural = new Set<number>();
    for (const num of newNums) {
      const object = await store.resolve(num, revision).catch(() => null);
      const type = nameOf(dictGet(object?.value, 'Type'));
      if (object?.stream && (type === 'XRef' || type === 'ObjStm')) structural.add(num);
    }
    // Who refers to each new or freed object in the new revision. A new object that an
    // object already referred to before this revision fills a reference the signed
    // revision left dangling: that changes signed content whatever else explains it.
    const tracked = new Set([...newNums].filter((num) => !structural.has(num)).concat(freed));
    if (tracked.size > 0) {
      const reach = await referrersOf(tracked);
      if (!reach.complete) budgetSpent = true;
      for (const num of newNums) {
        if (structural.has(num)) continue;
        const referrers = reach.referrers.get(num) ?? [];
        let dangling: number | undefined;
        for (const referrer of referrers) {
          if (await referredBefore(referrer, num)) {
            dangling = referrer;
            break;
          }
        }
        if (dangling !== undefined) {
          add({ num, object: name(num), kind: 'other', description: `new object referenced by ${name(dangling)}` });
        } else if (explainedNew.has(num)) {
          continue;
        } else if (referrers.length > 0 || !reach.complete) {
          const first = referrers[0];
          add({ num, object: name(num), kind: 'other', description: first !== undefined ? `new object referenced by ${first === 0 ? 'the trailer' : name(first)}` : 'new object' });
        } else {
          add({ num, object: name(num), kind: 'none', rule: 'unused-object', description: 'new object not used by the document' });
        }
      }
      for (const num of freed) {
        const referrer = reach.referrers.get(num)?.[0];
        if (referrer !== undefined || !reach.complete) {
          add({ num, object: name(num), kind: 'other', description: `object deleted while still referenced${referrer ? ` by ${name(referrer)}` : ''}` });
        } else if (previous.annotations.has(num)) {
          add({ num, object: name(num), kind: 'annotations', rule: 'annotation', description: 'annotation deleted' });
        } else {
          add({ num, object: name(num), kind: 'none', rule: 'unused-object', description: 'object deleted, no longer used' });
        }
      }
    }
  }

  /** Whether `referrer` (0: the trailer) already referred to `num` in the revision before. */
  async function referredBefore(referrer: number, num: number): Promise<boolean> {
    if (referrer === 0) return false;
    const before = await store.resolve(referrer, revision - 1).catch(() => null);
    return before !== null && (before.refs ?? referenceNums(before.value)).includes(num);
  }

  /**
   * Who refers to each tracked object in this revision, as the walk from the trailer finds
   * them. From the revision before's walk when that gives the same answer (reachabilityFrom;
   * its lists are in no particular order, so only where the report names no list's first),
   * charged to the budget as the walk would be; else the walk.
   */
  async function referrersOf(tracked: ReadonlySet<number>): Promise<{ referrers: Map<number, number[]>; complete: boolean }> {
    const quick = await reachabilityFrom(store, previous, next, tracked, context.roles);
    if (quick && !(await orderMatters(quick.referrers)) && context.roles.budget.takeMany(quick.reached.size)) {
      REACHED.set(context.roles, { revision, reached: quick.reached });
      return { referrers: quick.referrers, complete: true };
    }
    return reachability(next, tracked, context.roles);
  }

  /**
   * Whether the report would name the first of some list of referrers (walk order) out of
   * several: a freed object still referred to, a new one that several objects referred to
   * before this revision, or an unexplained new one without such a referrer.
   */
  async function orderMatters(referrers: ReadonlyMap<number, readonly number[]>): Promise<boolean> {
    for (const [num, list] of referrers) {
      if (list.length < 2) continue;
      if (!newNums.has(num)) return true;
      let before = 0;
      for (const referrer of list) if (await referredBefore(referrer, num)) before++;
      if (before > 1 || (before === 0 && !explainedNew.has(num))) return true;
    }
    return false;
  }

  /** Step 5: the pending changes with the permissions in force applied. */
  function permitted(): Change[] {
    const changes: Change[] = [];
    for (const change of pending) {
      let kind = change.kind;
      let description = change.description;
      const p = permissions.docMdp;
      if (kind === 'form-filling' && p === 1) {
        kind = 'other';
        description += ' (not allowed by the certification signature, DocMDP P=1)';
        messages.push(PDF_MESSAGES.PDF_DOCMDP_VIOLATION({ permission: 1, revision, object: change.object }));
      } else if (kind === 'annotations' && p !== 3) {
        kind = 'other';
        description += p === undefined ? ' (annotations after signing are not allowed)' : ` (not allowed by the certification signature, DocMDP P=${p})`;
        if (p !== undefined) messages.push(PDF_MESSAGES.PDF_DOCMDP_VIOLATION({ permission: p, revision, object: change.object }));
      }
      if (kind === 'form-filling' && change.formDefault !== undefined && permissions.locks.length > 0) {
        kind = 'other';
        description += ` (fields locked by signature ${permissions.locks[0]!.signature})`;
        messages.push(PDF_MESSAGES.PDF_FORM_DEFAULTS_LOCKED({ revision, key: change.formDefault }));
      }
      if (kind === 'form-filling' && change.fieldName !== undefined) {
        const lock = permissions.locks.find((entry) => lockCovers(entry.lock, change.fieldName!));
        if (lock) {
          kind = 'other';
          description += ` (field locked by signature ${lock.signature})`;
          messages.push(PDF_MESSAGES.PDF_FIELD_LOCKED({ fieldName: change.fieldName, revision }));
        }
      }
      // A change no rule names is unexplained, whatever level it was given.
      if (change.rule === undefined && kind !== 'other') kind = 'other';
      changes.push(kind !== 'other' && change.rule ? { revision, object: change.object, kind, description, rule: change.rule } : { revision, object: change.object, kind, description });
    }
    return changes;
  }

  /**
   * Step 1 for one object the revision defines: whether it differs from what the revision
   * before shows. The steps are functions of their own: diffRevision compiles in parts.
   */
  async function readChange(num: number): Promise<void> {
    let before: PdfObject | null;
    let after: PdfObject | null;
    try {
      before = await store.resolve(num, revision - 1);
      after = await store.resolve(num, revision);
    } catch (error) {
      messages.push(messageOf(error));
      add({ num, object: name(num), kind: 'other', description: 'object cannot be read' });
      return;
    }
    if (before === null && after === null) return;
    // A number given a new generation is another object (ISO 32000-1 §7.3.10): references to
    // the signed one no longer reach it, so viewers stop showing it, or show an object they
    // could not reach before, even when the bytes are the same.
    const generationBefore = generationOf(store.entry(num, revision - 1));
    const generationAfter = generationOf(store.entry(num, revision));
    if (before && after && generationBefore !== generationAfter) {
      add({ num, object: name(num, generationAfter), kind: 'other', description: `object number reused with generation ${generationAfter} (was ${generationBefore}): references to the signed object now reach nothing` });
      return;
    }
    // Written after the signature with a key repeated under another value: what a reader
    // shows depends on which repeat it keeps, so no rule can call the change harmless.
    // A parse that noted the references saw no dictionary repeat a key (PdfObject.refs).
    const conflicting = after && after.refs === undefined ? firstConflictingKey(after.value) : undefined;
    if (conflicting !== undefined) {
      add({ num, object: name(num), kind: 'other', description: `a dictionary repeats /${conflicting} with different values (readers disagree on which counts)` });
      return;
    }
    if (before && after && (await sameObject(store, before, after))) return;
    changed.push({ num, before, after });
  }

  /** Step 3 for one changed or freed object: the rule its role and its change fall under. */
  async function judgeChanged(num: number, before: PdfObject | null, after: PdfObject | null): Promise<void> {
    const object = name(num, after?.gen ?? before?.gen ?? 0);
    if (before === null) return; // new: handled below
    if (after === null) {
      freed.push(num);
      return;
    }
    const oldValue = before.value;
    const newValue = after.value;
    const role = await roleIn(previous, num);
    const shift = await roleShift(num, role);
    if (shift) {
      add({ num, object, kind: 'other', description: shift });
      return;
    }
    if (num === previous.rootNum) {
      await catalogChanges(oldValue, newValue);
      return;
    }
    if (role.structural.length === 0 && !role.unknown) {
      const sameness = await comparer.sameObjects(before, revision - 1, after, revision);
      if (sameness !== 'different') {
        add(
          sameness === 'font-name'
            ? { num, object, kind: 'ltv', rule: 'font-obsolete-name', description: 'font dictionary rewritten without its obsolete /Name' }
            : { num, object, kind: 'none', rule: 'same-content', description: 'object rewritten with the same content' },
          newValue,
        );
        return;
      }
    }
    const struct = await structTree();
    if (struct.root === num || struct.elements.has(num)) {
      await structChanges(object, num === struct.root, oldValue, newValue);
      return;
    }
    if (num === previous.acroFormNum) {
      await acroFormChanges(object, oldValue, newValue);
      return;
    }
    if (num === previous.fieldsArrayNum) {
      await fieldListChanges(object, oldValue, newValue);
      return;
    }
    const dr = previous.acroForm?.entries.get('DR');
    if (dr?.kind === 'ref' && dr.num === num) {
      await resourcesChange(object, oldValue, newValue);
      return;
    }
    const category = await defaultResourceCategory(num);
    if (category !== undefined) {
      // Judged as the /DR it belongs to: only that category differs.
      const entries = (value: PdfValue): PdfValue => ({ kind: 'dict', entries: new Map([[category, value]]), start: 0, end: 0 });
      await resourcesChange(object, entries(oldValue), entries(newValue));
      return;
    }
    const page = previous.pageByNum.get(num);
    if (page) {
      await pageChanges(object, num, page.index, oldValue, newValue);
      return;
    }
    const annotsOf = annotsArrays.get(num);
    if (annotsOf) {
      await annotListChanges(object, annotsOf.index, oldValue, newValue);
      return;
    }
    if (previous.pageTreeNodes.has(num)) {
      await pageTreeNodeChanges(object, num, oldValue, newValue);
      return;
    }
    const field = previous.fieldByNum.get(num) ?? previous.widgetField.get(num);
    if (field) {
      const readOnly = field.type !== 'Sig' && (isReadOnly(field.dict, previous) || isReadOnly(oldValue, previous));
      await fieldChanges(object, num, field.num, field.name, field.type === 'Sig', readOnly, oldValue, newValue);
      return;
    }
    const annotation = previous.annotations.get(num);
    if (annotation) {
      // What the signer already saw run (the same type and actions as signed) is no new script; a changed action
      // object is judged on its own.
      const dynamic = sameActions(oldValue, newValue) ? undefined : await dynamicAnnotationPart(store, revision, newValue);
      if (dynamic) {
        add({ num, object, kind: 'other', description: `annotation (${annotation.subtype ?? '?'}) on page ${annotation.page + 1} changed, with ${dynamic}` });
        return;
      }
      add({ num, object, kind: 'annotations', rule: 'annotation', description: `annotation (${annotation.subtype ?? '?'}) on page ${annotation.page + 1} changed` }, newValue);
      return;
    }
    if (role.structural.includes('signature')) {
      add({ num, object, kind: 'other', description: 'signature dictionary of an existing signature changed' });
      return;
    }
    // Below: objects without a structural role, judged by what reaches them.
    if (role.unknown || role.domains.length === 0 || role.domains.includes('content')) {
      add({ num, object, kind: 'other', description: `${describeRole(role, await roleOf(num, previous))} changed` });
      return;
    }
    if (role.domains.includes('appearance')) {
      const refused = role.owners.find((owner) => owner.signature && (owner.fieldNum === undefined || !newSigByField.has(owner.fieldNum)));
      if (refused || role.owners.length === 0) {
        add({ num, object, kind: 'other', description: `appearance of signature field ${refused?.field ?? '?'} changed` });
        return;
      }
      const signing = role.owners.map((owner) => (owner.fieldNum !== undefined ? newSigByField.get(owner.fieldNum) : undefined));
      const kind: ModificationLevel = signing.some((s) => s && overlaysNobodySigns.has(s))
        ? 'other'
        : signing.every((s) => s?.documentTimestamp)
          ? 'ltv'
          : 'form-filling';
      const readOnly = role.owners.find((owner) => {
        const field = owner.fieldNum !== undefined ? previous.fieldByNum.get(owner.fieldNum) : undefined;
        return !owner.signature && field !== undefined && isReadOnly(field.dict, previous);
      });
      if (readOnly) {
        add({ num, object, kind: 'other', description: `appearance of read-only field ${readOnly.field} changed` });
        return;
      }
      // An appearance used by several fields shows the change on each of them: no one filling explains it.
      if (role.owners.length > 1) {
        add({ num, object, kind: 'other', description: `appearance shared by fields ${role.owners.map((owner) => owner.field).join(', ')} overwritten` });
        return;
      }
      // A field's appearance follows its value: a new look for the same value is no form filling.
      let stale: string | undefined;
      for (const owner of role.owners) {
        if (!owner.signature && !(await appearanceFollowsValue(owner.fieldNum))) stale = owner.field;
      }
      if (stale !== undefined) {
        add({ num, object, kind: 'other', description: `appearance of field ${stale} changed while its value stays the same` });
        return;
      }
      const fields = role.owners.map((owner) => owner.field);
      for (const fieldName of fields) {
        add({ num, object, kind, rule: 'field-appearance', description: `appearance of field ${fieldName} changed`, fieldName }, newValue);
      }
      return;
    }
    const rule: ChangeRuleName = role.domains.includes('dss') ? 'dss' : role.domains.includes('extensions') ? 'extensions' : role.domains.includes('metadata') ? 'xmp-metadata' : 'document-info';
    add({ num, object, kind: 'ltv', rule, description: `${CHANGE_RULE_WORDS[rule]} updated` }, newValue);
  }

  /**
   * The previous revision's structure tree: its root and every structure element under
   * it (walked through /K, charged to the walk budget), read once per diff.
   */
  async function structTree(): Promise<{ root: number | undefined; elements: ReadonlySet<number> }> {
    if (structCache) return structCache;
    const rootRef = previous.catalog?.entries.get('StructTreeRoot');
    const elements = new Set<number>();
    const queue: PdfValue[] = [];
    const rootValue = await safeDeref(store, rootRef, revision - 1, messages);
    if (rootValue) queue.push(dictGet(rootValue, 'K') ?? { kind: 'null' });
    for (let head = 0; head < queue.length; head++) {
      for (const kid of kidList(queue[head]!)) {
        if (kid.kind !== 'ref' || elements.has(kid.num)) continue;
        if (!context.roles.budget.take()) {
          budgetSpent = true;
          break;
        }
        const element = await store.resolve(kid.num, revision - 1).catch(() => null);
        if (element?.value.kind !== 'dict' || !element.value.entries.has('S')) continue;
        elements.add(kid.num);
        queue.push(dictGet(element.value, 'K') ?? { kind: 'null' });
      }
    }
    structCache = { root: rootRef?.kind === 'ref' ? rootRef.num : undefined, elements };
    return structCache;
  }

  /**
   * A structure tree root or element may only grow: existing kids stay, in order; new
   * kids are new elements (checked in newStructElement); old /ParentTree entries resolve
   * to the same content; /ParentTreeNextKey only grows.
   */
  async function structChanges(object: string, isRoot: boolean, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (before && after && (await sameContent(before, after))) continue;
      if (key === 'K' && before && after) {
        // Kids tagging annotations removed from their pages in this revision may go (an
        // annotation change: DocMDP P=3 only); every other old kid stays, in order.
        const removedTag = (kid: PdfValue) => {
          const target = nameOf(dictGet(kid, 'Type')) === 'OBJR' ? dictGet(kid, 'Obj') : undefined;
          return kid.kind === 'dict' && target?.kind === 'ref' && removedAnnotation(target.num);
        };
        const allOld = kidList(before);
        const oldKids = allOld.filter((kid) => !removedTag(kid));
        const dropped = allOld.length - oldKids.length;
        const newKids = kidList(after);
        const kept = oldKids.every((kid, index) => newKids[index] !== undefined && valuesEqual(kid, newKids[index]!));
        const added = newKids.slice(oldKids.length);
        if (kept && added.length === 0 && dropped > 0) {
          add({ num: 0, object, kind: 'annotations', rule: 'struct-tree-annotation-removed', description: `structure kids of ${dropped} removed annotation(s) dropped` });
          continue;
        }
        // A new kid is a new element, or a direct reference to a new annotation (/OBJR).
        const newAnnotation = (kid: PdfValue) => {
          const target = nameOf(dictGet(kid, 'Type')) === 'OBJR' ? dictGet(kid, 'Obj') : undefined;
          return kid.kind === 'dict' && target?.kind === 'ref' && newNums.has(target.num) && next.annotations.has(target.num);
        };
        if (kept && added.every((kid) => (kid.kind === 'ref' && newNums.has(kid.num)) || newAnnotation(kid))) {
          for (const kid of added) if (kid.kind === 'ref') newStructElements.push(kid.num);
          add({ num: 0, object, kind: 'form-filling', rule: 'struct-tree-extension', description: `structure element kids extended by ${added.length}` });
          continue;
        }
      } else if (isRoot && key === 'ParentTreeNextKey' && before?.kind === 'number' && after?.kind === 'number' && after.value >= before.value) {
        add({ num: 0, object, kind: 'form-filling', rule: 'struct-tree-extension', description: '/ParentTreeNextKey raised' });
        continue;
      } else if (isRoot && key === 'ParentTreeNextKey' && before?.kind === 'number' && after?.kind === 'number' && after.value < before.value) {
        // Lowered after keys of removed annotations were dropped: the /ParentTree rule checks those keys.
        add({ num: 0, object, kind: 'annotations', rule: 'struct-tree-annotation-removed', description: '/ParentTreeNextKey lowered' });
        continue;
      } else if (isRoot && key === 'ParentTree' && before && after) {
        if (await parentTreeExtended(object, before, after)) continue;
      }
      add({ num: 0, object, kind: 'other', description: `/${key} of the structure tree ${before ? (after ? 'changed' : 'removed') : 'added'}` });
    }
  }

  /** Every old entry of the number tree resolves to the same content; new entries and nodes are new objects. */
  async function parentTreeExtended(object: string, before: PdfValue, after: PdfValue): Promise<boolean> {
    const oldTree = await numberTree(before, revision - 1);
    const newTree = await numberTree(after, revision);
    if (!oldTree || !newTree) return false;
    const removedKeys = await structParentsOfRemovedAnnotations();
    let dropped = 0;
    for (const [key, value] of oldTree.entries) {
      const counterpart = newTree.entries.get(key);
      // The key of an annotation removed in this revision may go with it.
      if (counterpart === undefined && removedKeys.has(key)) {
        dropped++;
        continue;
      }
      // The same element keeps its entry (a change of the element is judged on its own).
      if (counterpart && valuesEqual(value, counterpart) && value.kind === 'ref') continue;
      if (!(await sameContent(value, counterpart))) return false;
    }
    const elements = (await structTree()).elements;
    for (const [key, value] of newTree.entries) {
      if (oldTree.entries.has(key)) continue;
      // A new key names a new element, or an existing one that gained a new annotation kid.
      if (value.kind !== 'ref' || (!newNums.has(value.num) && !elements.has(value.num))) return false;
    }
    for (const node of newTree.nodes) if (newNums.has(node)) explainedNew.set(node, 'form-filling');
    // Values of old keys may be re-written copies (iText): new objects equal by content.
    for (const value of newTree.entries.values()) if (value.kind === 'ref' && newNums.has(value.num) && !explainedNew.has(value.num)) explainedNew.set(value.num, 'form-filling');
    if (dropped > 0) add({ num: 0, object, kind: 'annotations', rule: 'struct-tree-annotation-removed', description: `/ParentTree entries of ${dropped} removed annotation(s) dropped` });
    add({ num: 0, object, kind: 'form-filling', rule: 'struct-tree-extension', description: `/ParentTree extended by ${newTree.entries.size - oldTree.entries.size + dropped} entries` });
    return true;
  }

  /** An annotation (not a form widget) on a page of the previous revision and on no page of this one. */
  function removedAnnotation(num: number): boolean {
    const annotation = previous.annotations.get(num);
    return annotation !== undefined && annotation.subtype !== 'Widget' && !previous.widgetField.has(num) && !next.annotations.has(num);
  }

  /** /StructParent keys of the annotations removed in this revision (read in the previous one). */
  async function structParentsOfRemovedAnnotations(): Promise<Set<number>> {
    const keys = new Set<number>();
    for (const num of previous.annotations.keys()) {
      if (!removedAnnotation(num)) continue;
      const annotation = await store.resolve(num, revision - 1).catch(() => null);
      const key = integerOf(dictGet(annotation?.value, 'StructParent'));
      if (key !== undefined) keys.add(key);
    }
    return keys;
  }

  /** A number tree flattened (bounded by the walk budget); undefined when it cannot be read whole. */
  async function numberTree(value: PdfValue, rev: number): Promise<{ entries: Map<number, PdfValue>; nodes: number[] } | undefined> {
    const entries = new Map<number, PdfValue>();
    const nodes: number[] = [];
    const queue: PdfValue[] = [value];
    const seen = new Set<number>();
    for (let head = 0; head < queue.length; head++) {
      const ref = queue[head]!;
      if (ref.kind === 'ref') {
        if (seen.has(ref.num)) return undefined;
        seen.add(ref.num);
        nodes.push(ref.num);
      }
      if (!context.roles.budget.take()) {
        budgetSpent = true;
        return undefined;
      }
      const node = await safeDeref(store, ref, rev, messages);
      if (node?.kind !== 'dict') return undefined;
      const nums = await safeDeref(store, dictGet(node, 'Nums'), rev, messages);
      if (nums?.kind === 'array') {
        for (let i = 0; i + 1 < nums.items.length; i += 2) {
          const key = integerOf(nums.items[i]);
          if (key === undefined) return undefined;
          entries.set(key, nums.items[i + 1]!);
        }
      }
      const kids = await safeDeref(store, dictGet(node, 'Kids'), rev, messages);
      if (kids?.kind === 'array') for (const kid of kids.items) queue.push(kid);
    }
    return { entries, nodes };
  }

  /**
   * A new structure element may only tag annotations added in this revision (an /OBJR
   * to a new annotation): its level is that of the annotation (a signature widget's
   * or a form field's, or a comment's).
   */
  async function newStructElement(num: number): Promise<void> {
    const element = await store.resolve(num, revision).catch(() => null);
    const targets: number[] = [];
    let plain = element?.value.kind === 'dict' && element.value.entries.has('S') && !element.stream;
    for (const kid of plain ? kidList(dictGet(element!.value, 'K') ?? { kind: 'null' }) : []) {
      const ref = kid.kind === 'ref' ? await safeDeref(store, kid, revision, messages) : kid;
      const target = nameOf(dictGet(ref, 'Type')) === 'OBJR' ? dictGet(ref, 'Obj') : undefined;
      if (target?.kind === 'ref' && newNums.has(target.num)) targets.push(target.num);
      else plain = false;
      if (kid.kind === 'ref' && newNums.has(kid.num)) explainedNew.set(kid.num, 'form-filling');
    }
    if (!plain || targets.length === 0) {
      add({ num, object: name(num), kind: 'other', description: 'structure element added that tags no new annotation' });
      explainedNew.set(num, 'other');
      return;
    }
    const widget = targets.every((target) => next.widgetField.has(target) || next.fieldByNum.has(target));
    const kind: ModificationLevel = widget ? 'form-filling' : 'annotations';
    add({ num, object: name(num), kind, rule: 'struct-tree-extension', description: `structure element added for ${targets.map((t) => name(t)).join(', ')}` });
    explainedNew.set(num, kind);
  }

  /** The page tree root may gain producers' private keys with plain values; anything else is `other`. */
  async function pageTreeNodeChanges(object: string, num: number, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (before && after && (await sameContent(before, after))) {
        add({ num, object, kind: 'none', rule: 'same-content', description: `/${key} of the page tree re-pointed to the same content` }, after);
        continue;
      }
      const plain = (value: PdfValue | undefined) => value === undefined || value.kind === 'string' || value.kind === 'name' || value.kind === 'number' || value.kind === 'bool';
      if (!PAGE_TREE_KEYS.has(key) && plain(before) && plain(after)) {
        add({ num, object, kind: 'ltv', rule: 'page-tree-private-key', description: `private key /${key} of the page tree ${before ? (after ? 'changed' : 'removed') : 'added'}` });
        continue;
      }
      add({ num, object, kind: 'other', description: `/${key} of page tree node ${before ? (after ? 'changed' : 'removed') : 'added'}` });
    }
  }

  function fieldOfWidget(value: PdfValue | undefined): number | undefined {
    const parent = dictGet(value, 'Parent');
    return parent?.kind === 'ref' ? parent.num : undefined;
  }

  /** Whether the field's /V differs between the previous revision and this one (read through /Parent for a widget). */
  /**
   * Whether a new appearance of the field can be the look of a new value: only when its
   * value changed in this revision. A push button has no value (ISO 32000-1 §12.7.4.2.2), so
   * no filling explains a new look; a field of no known type is judged as before (its own
   * rules), as are signature fields.
   */
  async function appearanceFollowsValue(fieldNum: number | undefined): Promise<boolean> {
    const field = fieldNum !== undefined ? previous.fieldByNum.get(fieldNum) : undefined;
    if (field?.type !== 'Tx' && field?.type !== 'Ch' && field?.type !== 'Btn') return true;
    if (field.type === 'Btn' && (fieldFlags(field.dict, previous) & PUSH_BUTTON) !== 0) return false;
    return valueChanged(fieldNum);
  }

  async function valueChanged(fieldNum: number | undefined): Promise<boolean> {
    if (fieldNum === undefined) return false;
    const before = await store.resolve(fieldNum, revision - 1).catch(() => null);
    const after = await store.resolve(fieldNum, revision).catch(() => null);
    if (!before || !after) return true;
    return !(await sameContent(dictGet(before.value, 'V'), dictGet(after.value, 'V')));
  }

  async function catalogChanges(oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    const object = name(previous.rootNum ?? 0);
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (before && after && key !== 'AcroForm' && (await sameContent(before, after))) {
        add({ num: previous.rootNum ?? 0, object, kind: 'none', rule: 'same-content', description: `catalog /${key} re-pointed to the same content` }, after);
        continue;
      }
      switch (key) {
        case 'Version':
          if (after?.kind === 'name') {
            add({ num: previous.rootNum ?? 0, object, kind: 'ltv', rule: 'catalog-version', description: `catalog /Version ${before ? 'changed' : 'added'} (${after.value})` });
          } else {
            add({ num: previous.rootNum ?? 0, object, kind: 'other', description: 'catalog /Version removed or not a name' });
          }
          break;
        case 'StructTreeRoot': {
          const oldRoot = await safeDeref(store, before, revision - 1, messages);
          const newRoot = await safeDeref(store, after, revision, messages);
          if (before && after?.kind === 'ref' && newNums.has(after.num) && oldRoot?.kind === 'dict' && newRoot?.kind === 'dict') {
            explainedNew.set(after.num, 'form-filling');
            await structChanges(`${object} /StructTreeRoot`, true, oldRoot, newRoot);
          } else {
            add({ num: previous.rootNum ?? 0, object, kind: 'other', description: `catalog /StructTreeRoot ${before ? (after ? 'changed' : 'removed') : 'added'}` });
          }
          break;
        }
        case 'AcroForm': {
          const oldForm = await safeDeref(store, before, revision - 1, messages);
          const newForm = await safeDeref(store, after, revision, messages);
          if (after?.kind === 'ref' && newNums.has(after.num)) explainedNew.set(after.num, signingKind);
          await acroFormChanges(`${object} /AcroForm`, oldForm ?? emptyDict(), newForm ?? emptyDict());
          break;
        }
        case 'DSS':
        case 'Extensions':
          if (!after) {
            // Validation data removed: the signatures that relied on it lose their proof.
            add({ num: previous.rootNum ?? 0, object, kind: 'other', description: `catalog /${key} removed` });
            break;
          }
          add({ num: previous.rootNum ?? 0, object, kind: 'ltv', rule: key === 'DSS' ? 'dss' : 'extensions', description: `catalog /${key} ${before ? 'updated' : 'added'}` }, after);
          break;
        case 'Metadata':
          add({ num: previous.rootNum ?? 0, object, kind: 'ltv', rule: 'xmp-metadata', description: 'catalog /Metadata updated' }, after);
          break;
        case 'Perms': {
          if (!before && (await certifiesNewSignature(after))) {
            add({ num: previous.rootNum ?? 0, object, kind: signingKind, rule: 'certification-perms', description: 'catalog /Perms added' }, after);
          } else {
            const why = before ? 'changed' : 'added without a certification signature in the same revision';
            add({ num: previous.rootNum ?? 0, object, kind: 'other', description: `catalog /Perms ${why}` });
          }
          break;
        }
        default:
          add({ num: previous.rootNum ?? 0, object, kind: 'other', description: `catalog /${key} ${before ? (after ? 'changed' : 'removed') : 'added'}` });
      }
    }
  }

  /**
   * A /Perms added after signing is bookkeeping only for a certification signature made
   * in the same revision: its only entry is /DocMDP, naming that new signature (not a
   * document timestamp). Anything else (/UR3, or a /DocMDP naming an older or no
   * signature) claims permissions nobody granted when the document was signed.
   */
  async function certifiesNewSignature(value: PdfValue | undefined): Promise<boolean> {
    const perms = await safeDeref(store, value, revision, messages);
    if (perms?.kind !== 'dict' || perms.entries.size !== 1) return false;
    const docMdp = perms.entries.get('DocMDP');
    const signature = docMdp?.kind === 'ref' ? newSigBySig.get(docMdp.num) : undefined;
    return signature !== undefined && !signature.documentTimestamp;
  }

  async function acroFormChanges(object: string, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (key === 'Fields') {
        if (after?.kind === 'ref' && newNums.has(after.num)) explainedNew.set(after.num, signingKind);
        const oldList = await safeDeref(store, before, revision - 1, messages);
        const newList = await safeDeref(store, after, revision, messages);
        await fieldListChanges(`${object} /Fields`, oldList ?? { kind: 'array', items: [] }, newList ?? { kind: 'array', items: [] });
      } else if (key === 'DR') {
        await resourcesChange(`${object} /DR`, before, after);
      } else if (key === 'NeedAppearances' && (await needAppearancesTurnedOn(oldValue, newValue))) {
        const why = previous.fields.some(showsValue) ? 'the signed text and choice fields\' appearances' : await drawnFromCharacteristics();
        if (why) add({ num: 0, object, kind: 'other', description: `AcroForm /NeedAppearances set: viewers rebuild ${why}` });
        else add({ num: 0, object, kind: 'form-filling', rule: 'form-defaults', description: `AcroForm /${key} updated`, formDefault: key }, after);
      } else if (key === 'SigFlags') {
        add({ num: 0, object, kind: signingKind, rule: 'new-signature', description: `AcroForm /${key} updated` }, after);
      } else if (key === 'DA') {
        // The form's /DA serves only variable-text fields without one of their own (ISO 32000-1
        // §12.7.3.3): when each has its own, a new form /DA restyles none of them (iText 5 adds
        // `/Helv 0 Tf 0 g` to a form that has none when it signs).
        const restyles = previous.fields.some((field) => field.terminal && showsValue(field) && field.dict.entries.get('DA')?.kind !== 'string');
        add({ num: 0, object, kind: 'form-filling', rule: 'form-defaults', description: `AcroForm /${key} updated`, ...(restyles ? { formDefault: key } : {}) }, after);
      } else if (key === 'NeedAppearances') {
        add({ num: 0, object, kind: 'form-filling', rule: 'form-defaults', description: `AcroForm /${key} updated`, formDefault: key }, after);
      } else {
        add({ num: 0, object, kind: 'other', description: `AcroForm /${key} changed` });
      }
    }
  }

  /** /NeedAppearances true now and not before (values resolved, unreadable read as true). */
  async function needAppearancesTurnedOn(oldValue: PdfValue, newValue: PdfValue): Promise<boolean> {
    // Unreadable, the new value reads as set and the old one as not: the strict reading of a change.
    return (await needAppearances(store, newValue, revision, messages)) && !(await needAppearances(store, oldValue, revision - 1, messages, false));
  }

  /**
   * Turned on after signing, /NeedAppearances makes viewers replace what the signed widgets
   * showed with what they build themselves: from a text or choice field's value (above), and
   * from any widget's /MK, which a blank /AP kept from view when the document was signed.
   * Names the first such widget, or undefined when none draws.
   */
  async function drawnFromCharacteristics(): Promise<string | undefined> {
    for (const field of previous.fields) {
      for (const num of field.widgets) {
        const widget = await store.resolve(num, revision - 1).catch(() => null);
        if (!widget || (await drawnWhenRebuilt(store, widget.value, revision - 1, messages))) return `the widget of field ${field.name} from its /MK`;
      }
    }
    return undefined;
  }

  /**
   * Default resources may gain fonts (a signer adding its appearance font) and lose entries
   * (PDFBox 1.8's visible signature puts its template's /DR in place of the form's), but an
   * entry kept must keep its value: replacing a font that field appearances are rebuilt with
   * is the shadow attack's "replace" variant. A removed entry brings no content of its own (a
   * viewer rebuilding an appearance without it falls back to its own font), as pyHanko, which
   * exempts /DR from comparison, allows; a removed font some field's /DA names, or any other
   * removed resource, can restyle a rebuilt field, so it counts as a form default that a field
   * lock refuses, as an addition does.
   */
  async function resourcesChange(object: string, before: PdfValue | undefined, after: PdfValue | undefined): Promise<void> {
    const oldResources = await safeDeref(store, before, revision - 1, messages);
    const newResources = await safeDeref(store, after, revision, messages);
    const usedFonts = defaultAppearanceFonts(previous);
    const removed: string[] = [];
    let restyles = false;
    for (const [category, oldGroupValue] of oldResources?.kind === 'dict' ? oldResources.entries : []) {
      const oldGroup = await safeDeref(store, oldGroupValue, revision - 1, messages);
      const newGroup = await safeDeref(store, dictGet(newResources, category), revision, messages);
      const entries = oldGroup?.kind === 'dict' ? [...oldGroup.entries] : [[category, oldGroup] as const];
      for (const [entry, value] of entries) {
        const counterpart = oldGroup?.kind === 'dict' ? dictGet(newGroup, entry) : newGroup;
        if (value && !counterpart) {
          removed.push(entry);
          if (oldGroup?.kind !== 'dict' || category !== 'Font' || usedFonts.has(entry)) restyles = true;
          continue;
        }
        // A resource copied into a new object (Acrobat, iText re-write /DR) is the same resource.
        if (!value || !counterpart || (!valuesEqual(value, counterpart) && !(await sameContent(value, counterpart)))) {
          add({ num: 0, object, kind: 'other', description: `default resource /${category}${oldGroup?.kind === 'dict' ? ` /${entry}` : ''} replaced` });
          return;
        }
      }
    }
    // Under a field lock only a font no existing field's /DA names may be added (a
    // signer's appearance font); any other addition can restyle a locked field. XObjects
    // excepted: a /DA holds graphics and text state operators only (ISO 32000-1 §12.7.3.3),
    // never Do, so no rebuilt appearance can draw one (iText 5 merges a signature
    // appearance's /FRM into /DR).
    for (const [category, newGroupValue] of newResources?.kind === 'dict' ? newResources.entries : []) {
      if (category === 'XObject') continue;
      const oldGroup = await safeDeref(store, dictGet(oldResources, category), revision - 1, messages);
      const newGroup = await safeDeref(store, newGroupValue, revision, messages);
      if (newGroup?.kind !== 'dict') {
        if (!oldGroup) restyles = true;
        continue;
      }
      for (const entry of newGroup.entries.keys()) {
        if (oldGroup?.kind === 'dict' && oldGroup.entries.has(entry)) continue;
        if (category !== 'Font' || usedFonts.has(entry)) restyles = true;
      }
    }
    const description = removed.length > 0 ? `default resources changed (${removed.map((entry) => `/${entry}`).join(' ')} removed)` : 'default resources extended';
    add({ num: 0, object, kind: 'form-filling', rule: 'default-resources', description, ...(restyles ? { formDefault: 'DR' } : {}) }, after);
  }

  /**
   * The category (/Font, /XObject …) of the previous revision's AcroForm /DR whose dictionary
   * is the indirect object `num`, when nothing but that /DR refers to it: PDFBox 2 adds its
   * default /ZaDb (and /Helv) to such a /Font dictionary in place whenever it opens the form
   * (AcroFormDefaultFixup), so a later PDFBox revision rewrites it. Shared with a page's or an
   * appearance stream's resources, a name added there could give meaning to a name their
   * signed content uses, so a shared one (or one the walk could not settle) is not a /DR part.
   */
  async function defaultResourceCategory(num: number): Promise<string | undefined> {
    const drValue = previous.acroForm?.entries.get('DR');
    const resources = await safeDeref(store, drValue, revision - 1, messages);
    if (resources?.kind !== 'dict') return undefined;
    const categories = [...resources.entries].filter(([, value]) => value.kind === 'ref' && value.num === num);
    if (categories.length !== 1) return undefined;
    // The object whose value holds the /DR dictionary: /DR itself, or the AcroForm, or the catalog it is written in.
    const holder = drValue?.kind === 'ref' ? drValue.num : (previous.acroFormNum ?? previous.rootNum);
    if (holder === undefined) return undefined;
    const holderValue = (await store.resolve(holder, revision - 1).catch(() => null))?.value;
    if (!holderValue || referenceNums(holderValue).filter((ref) => ref === num).length !== 1) return undefined;
    const reach = await reachability(previous, new Set([num]), context.roles);
    if (!reach.complete) {
      budgetSpent = true;
      return undefined;
    }
    const referrers = reach.referrers.get(num) ?? [];
    return referrers.length === 1 && referrers[0] === holder ? categories[0]![0] : undefined;
  }

  async function fieldListChanges(object: string, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    const { removed, added } = listChangesOf(oldValue, newValue);
    for (const num of removed) add({ num, object, kind: 'other', description: `form field ${name(num)} removed from the form` });
    for (const num of added) {
      const kind = kindOfNewSignatureField(num) ?? (await newEmptySignatureField(num));
      const dynamic = kind && kind !== 'other' && kind !== 'unattested' ? await dynamicFieldPart(num) : undefined;
      if (dynamic) {
        add({ num, object: name(num), kind: 'other', description: `form field ${name(num)} added with ${dynamic}` });
        explainedNew.set(num, 'other');
      } else if (kind === 'unattested') {
        add({ num, object: name(num), kind: 'other', description: 'empty signature field added with a visible appearance that no signature covers' });
        explainedNew.set(num, 'other');
      } else if (kind) {
        const field = await store.resolve(num, revision).catch(() => null);
        const description = kind === 'other' ? `${replayed(newSigByField.get(num)) ? 'field of a signature that does not sign its own revision' : 'document timestamp field'} added with a visible appearance` : kind === 'ltv' ? 'document timestamp field added' : 'signature field added';
        add({ num, object: name(num), kind, rule: kind === 'form-filling' && !newSigByField.has(num) ? 'empty-signature-field' : 'new-signature', description }, field?.value);
        explainedNew.set(num, kind);
      } else {
        add({ num, object, kind: 'other', description: `form field ${name(num)} added` });
      }
    }
  }

  /** What in a new field or its widgets runs something (see dynamicWidgetPart). */
  async function dynamicFieldPart(num: number): Promise<string | undefined> {
    const field = await store.resolve(num, revision).catch(() => null);
    if (!field) return 'a field that cannot be read';
    const own = await dynamicWidgetPart(store, revision, field.value);
    if (own) return own;
    const kids = await safeDeref(store, dictGet(field.value, 'Kids'), revision, messages);
    for (const kid of kids?.kind === 'array' ? kids.items : []) {
      const widget = await safeDeref(store, kid, revision, messages);
      const dynamic = await dynamicAnnotationPart(store, revision, widget);
      if (dynamic) return dynamic;
    }
    return undefined;
  }

  /**
   * A new, still empty signature field (made ready for a later signer) counts as
   * signing bookkeeping while it shows nothing. What its widgets show is signed by
   * nobody (the signature that later fills it covers it, the earlier ones do not), so
   * a visible appearance is `unattested`: an overlay on the signed page.
   */
  async function newEmptySignatureField(num: number): Promise<'form-filling' | 'unattested' | undefined> {
    if (!newNums.has(num)) return undefined;
    const field = await store.resolve(num, revision).catch(() => null);
    if (nameOf(dictGet(field?.value, 'FT')) !== 'Sig' || dictGet(field?.value, 'V') !== undefined) return undefined;
    const widgets: PdfValue[] = nameOf(dictGet(field?.value, 'Subtype')) === 'Widget' ? [field!.value] : [];
    const kids = await safeDeref(store, dictGet(field?.value, 'Kids'), revision, messages);
    for (const kid of kids?.kind === 'array' ? kids.items : []) {
      const widget = await safeDeref(store, kid, revision, messages);
      if (widget) widgets.push(widget);
    }
    for (const widget of widgets) if (await showsAppearance(store, widget, revision, messages, rebuilt)) return 'unattested';
    return 'form-filling';
  }

  async function pageChanges(object: string, pageNum: number, pageIndex: number, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (key === 'Annots') {
        if (after?.kind === 'ref' && newNums.has(after.num)) explainedNew.set(after.num, 'ltv');
        const oldList = await safeDeref(store, before, revision - 1, messages);
        const newList = await safeDeref(store, after, revision, messages);
        await annotListChanges(`${object} /Annots of page ${pageIndex + 1}`, pageIndex, oldList ?? { kind: 'array', items: [] }, newList ?? { kind: 'array', items: [] });
      } else if (before && after && (await sameContent(before, after))) {
        add({ num: 0, object, kind: 'none', rule: 'same-content', description: `/${key} of page ${pageIndex + 1} re-pointed to the same content` }, after);
      } else if (INHERITABLE_PAGE_KEYS.has(key) && !before !== !after && (await sameAsInherited(key, pageNum, oldValue, newValue, before, after))) {
        add({ num: 0, object, kind: 'none', rule: 'inherited-attribute', description: `/${key} of page ${pageIndex + 1} ${after ? 'written on the page with the value it inherited' : 'removed from the page, which inherits the same value'}` }, after);
      } else if (key === 'Tabs' && after?.kind === 'name') {
        const structure = after.value === 'S';
        add({ num: 0, object, kind: structure ? 'form-filling' : 'annotations', rule: structure ? 'page-tabs-structure' : 'page-tabs', description: `/Tabs of page ${pageIndex + 1} set to /${after.value}` });
      } else if (key === 'StructParents' && !before && after?.kind === 'number' && (await structTree()).root !== undefined) {
        add({ num: 0, object, kind: 'form-filling', rule: 'struct-tree-extension', description: `/StructParents of page ${pageIndex + 1} added for its new structure entries` });
      } else {
        add({ num: 0, object, kind: 'other', description: `/${key} of page ${pageIndex + 1} ${before ? (after ? 'changed' : 'removed') : 'added'}` });
      }
    }
  }

  /**
   * Whether a page attribute present in only one of the two revisions has, in the other, the
   * same value by inheritance from the page tree (ISO 32000-1 §7.7.3.4): iText 5's PdfReader
   * copies the inherited /MediaBox, /CropBox, /Resources and /Rotate into every page it
   * rewrites (a visible signature's page), so the page a reader sees is the same.
   */
  async function sameAsInherited(key: string, pageNum: number, oldPage: PdfValue, newPage: PdfValue, before: PdfValue | undefined, after: PdfValue | undefined): Promise<boolean> {
    if (after) {
      const inherited = await inheritedAttribute(pageNum, oldPage, key, previous);
      return inherited !== undefined && (await comparer.same(inherited, revision - 1, after, revision)) !== 'different';
    }
    const inherited = await inheritedAttribute(pageNum, newPage, key, next);
    return inherited !== undefined && (await comparer.same(before, revision - 1, inherited, revision)) !== 'different';
  }

  /**
   * The value of an inheritable attribute a page takes from its nearest page tree ancestor
   * that has it, in `model`'s revision. Only a /Parent chain that is the page tree counts:
   * each step a node the /Kids walk reached whose /Kids lists the child. Readers that follow
   * /Kids (poppler) and readers that follow /Parent (pdf.js) inherit from different nodes when
   * /Parent names an orphan, and the signer saw one of them only.
   */
  async function inheritedAttribute(pageNum: number, page: PdfValue, key: string, model: RevisionModel): Promise<PdfValue | undefined> {
    const rev = model.revision;
    let child = pageNum;
    let parent = dictGet(page, 'Parent');
    const seen = new Set<number>();
    while (parent?.kind === 'ref' && !seen.has(parent.num) && seen.size < MAX_PAGE_TREE_DEPTH) {
      if (!model.pageTreeNodes.has(parent.num)) return undefined;
      seen.add(parent.num);
      const node = await store.resolve(parent.num, rev).catch(() => null);
      if (!node) return undefined;
      const kids = await safeDeref(store, dictGet(node.value, 'Kids'), rev, messages);
      if (kids?.kind !== 'array' || !kids.items.some((item) => item.kind === 'ref' && item.num === child)) return undefined;
      const value = dictGet(node.value, key);
      if (value !== undefined) return value;
      child = parent.num;
      parent = dictGet(node.value, 'Parent');
    }
    return undefined;
  }

  async function annotListChanges(object: string, pageIndex: number, oldValue: PdfValue, newValue: PdfValue): Promise<void> {
    const { removed, added } = listChangesOf(oldValue, newValue);
    for (const num of removed) {
      const removedWidget = previous.widgetField.has(num) || previous.fieldByNum.has(num) || previous.annotations.get(num)?.subtype === 'Widget';
      const field = previous.widgetField.get(num) ?? previous.fieldByNum.get(num);
      if (removedWidget && field !== undefined && field.type !== 'Sig') {
        add({ num, object, kind: 'annotations', rule: 'widget-removed', description: `widget ${name(num)} of field ${field.name} removed from page ${pageIndex + 1}`, fieldName: field.name });
        continue;
      }
      add({ num, object, kind: removedWidget ? 'other' : 'annotations', ...(removedWidget ? {} : { rule: 'annotation' as const }), description: `${removedWidget ? 'form widget' : 'annotation'} ${name(num)} removed from page ${pageIndex + 1}` });
    }
    for (const num of added) {
      const annotation = await store.resolve(num, revision).catch(() => null);
      const subtype = nameOf(dictGet(annotation?.value, 'Subtype'));
      if (!newNums.has(num)) {
        // The widget of the field signed in this revision, already in the file (pyHanko, Acrobat).
        const field = next.widgetField.get(num) ?? next.fieldByNum.get(num);
        const signing = field?.num !== undefined ? newSigByField.get(field.num) : undefined;
        const kind = signing ? signingKindOf(signing) : undefined;
        if (signing && kind !== 'other' && subtype === 'Widget') {
          add({ num, object, kind: kind!, rule: 'signature-widget-appended', description: `widget ${name(num)} of signature field ${field!.name} added to page ${pageIndex + 1}` });
          continue;
        }
        add({ num, object, kind: 'other', description: `existing object ${name(num)} added to page ${pageIndex + 1}` });
        continue;
      }
      if (subtype === 'Widget') {
        const kind = await widgetKind(num, annotation?.value);
        const dynamic = kind && kind !== 'other' && kind !== 'unattested' ? await dynamicWidgetPart(store, revision, annotation?.value) : undefined;
        if (dynamic) {
          add({ num, object: name(num), kind: 'other', description: `form widget added to page ${pageIndex + 1} with ${dynamic}` });
          explainedNew.set(num, 'other');
        } else if (kind === 'unattested') {
          add({ num, object: name(num), kind: 'other', description: `form widget added to page ${pageIndex + 1} with a visible appearance that no signature covers` });
          explainedNew.set(num, 'other');
        } else if (kind) {
          const owner = newSigByField.get(num) ?? newSigByField.get(fieldOfWidget(annotation?.value) ?? next.widgetField.get(num)?.num ?? -1);
          const what = kind !== 'other' ? 'signature widget' : replayed(owner) ? 'widget of a signature that does not sign its own revision, with a visible appearance,' : 'document timestamp widget with a visible appearance';
          add({ num, object: name(num), kind, rule: newSigByField.has(num) || newSigByField.has(fieldOfWidget(annotation?.value) ?? next.widgetField.get(num)?.num ?? -1) ? 'new-signature' : 'empty-signature-field', description: `${what} added to page ${pageIndex + 1}` }, annotation?.value);
          explainedNew.set(num, kind);
          if (kind !== 'other' && hasArea(dictGet(annotation?.value, 'Rect'))) {
            messages.push(PDF_MESSAGES.PDF_VISIBLE_WIDGET_ADDED({ revision, object: name(num), page: pageIndex + 1 }));
          }
        } else {
          add({ num, object: name(num), kind: 'other', description: `form widget added to page ${pageIndex + 1}` });
        }
      } else {
        const dynamic = await dynamicAnnotationPart(store, revision, annotation?.value);
        if (dynamic) {
          add({ num, object: name(num), kind: 'other', description: `annotation (${subtype ?? '?'}) added to page ${pageIndex + 1} with ${dynamic}` });
          explainedNew.set(num, 'other');
          continue;
        }
        add({ num, object: name(num), kind: 'annotations', rule: 'annotation', description: `annotation (${subtype ?? '?'}) added to page ${pageIndex + 1}` }, annotation?.value);
        explainedNew.set(num, 'annotations');
        // Allowed only under DocMDP P=3 (otherwise `other` below); even then it can cover signed text.
        if (permissions.docMdp === 3 && visibleAnnotation(annotation?.value)) {
          messages.push(PDF_MESSAGES.PDF_VISIBLE_ANNOTATION_ADDED({ revision, subtype: subtype ?? '?', object: name(num), page: pageIndex + 1 }));
        }
      }
    }
  }

  /**
   * A new widget is allowed when it belongs to a signature field that is new or signed
   * in this revision (merged, or through /Parent). Unless that field is signed in this
   * revision, nobody attests what the widget shows: a visible one is `unattested`.
   */
  async function widgetKind(num: number, value: PdfValue | undefined): Promise<ModificationLevel | 'unattested' | undefined> {
    // A widget without /Parent may still be a kid of its field (pyHanko writes such /Kids).
    const ownerNum = next.widgetField.get(num)?.num;
    const parent = dictGet(value, 'Parent') ?? (ownerNum !== undefined && ownerNum !== num ? ({ kind: 'ref', num: ownerNum, gen: 0 } as const) : undefined);
    let fieldNum: number | undefined = num;
    let kind: ModificationLevel | 'unattested' | undefined = kindOfNewSignatureField(num) ?? (await newEmptySignatureField(num));
    if (!kind && parent?.kind === 'ref' && next.fieldByNum.get(parent.num)?.type === 'Sig') {
      fieldNum = parent.num;
      kind = kindOfNewSignatureField(parent.num) ?? (await newEmptySignatureField(parent.num)) ?? (previous.fieldByNum.has(parent.num) ? 'form-filling' : undefined);
    }
    if (!kind || kind === 'unattested' || newSigByField.has(fieldNum)) return kind;
    return (await showsAppearance(store, value, revision, messages, rebuilt)) ? 'unattested' : kind;
  }

  async function fieldChanges(
    object: string,
    num: number,
    fieldNum: number | undefined,
    fieldName: string,
    signatureField: boolean,
    readOnly: boolean,
    oldValue: PdfValue,
    newValue: PdfValue,
  ): Promise<void> {
    const signedNow = (fieldNum !== undefined ? newSigByField.get(fieldNum) : undefined) ?? newSigFromValue(newValue);
    const fieldType = fieldNum !== undefined ? previous.fieldByNum.get(fieldNum)?.type : undefined;
    for (const key of unionKeys(oldValue, newValue)) {
      const before = dictGet(oldValue, key);
      const after = dictGet(newValue, key);
      if (before && after && valuesEqual(before, after)) continue;
      if (before && after && key !== 'V' && (await sameContent(before, after))) {
        add({ num, object, kind: 'none', rule: 'same-content', description: `/${key} of field ${fieldName} re-pointed to the same content` }, after);
        continue;
      }
      const flagsBefore = integerOf(before) ?? 0;
      const flagsAfter = integerOf(after);
      if (key === 'F' && flagsAfter !== undefined && (flagsBefore & ~LOCK_FLAGS) === (flagsAfter & ~LOCK_FLAGS) && (flagsAfter & flagsBefore) === flagsBefore) {
        add({ num, object, kind: 'form-filling', rule: 'widget-lock-flags', description: `widget /F of field ${fieldName} locked (${flagsBefore} → ${flagsAfter})`, fieldName });
        continue;
      }
      if (signatureField && key === 'Ff' && flagsAfter !== undefined && (flagsBefore | READ_ONLY) === flagsAfter) {
        add({ num, object, kind: 'form-filling', rule: 'signature-field-lock', description: `signature field ${fieldName} made read-only`, fieldName });
        continue;
      }
      if (signatureField && key === 'Lock' && !before && after) {
        add({ num, object, kind: 'form-filling', rule: 'signature-field-lock', description: `lock dictionary added to signature field ${fieldName}`, fieldName }, after);
        continue;
      }
      if (!signatureField && key === 'Kids' && before) {
        const oldKids = refNums((await safeDeref(store, before, revision - 1, messages)) ?? { kind: 'null' });
        const newKids = refNums((await safeDeref(store, after, revision, messages)) ?? { kind: 'null' });
        const removed = oldKids.filter((kid) => !newKids.includes(kid));
        const onlyRemoved = newKids.every((kid) => oldKids.includes(kid));
        // Widgets of the field dropped (their page entries are judged as annotations); named sub-fields never.
        if (onlyRemoved && removed.length > 0 && removed.every((kid) => previous.widgetField.has(kid) && !previous.fieldByNum.has(kid))) {
          add({ num, object, kind: 'annotations', rule: 'widget-removed', description: `${removed.length} widget(s) removed from field ${fieldName}`, fieldName });
          continue;
        }
      }
      if (signatureField) {
        if (key === 'V' && !before && after && signedNow) {
          const kind = signingKindOf(signedNow);
          const how = kind === 'other' ? `by a ${replayed(signedNow) ? 'signature that does not sign its own revision' : 'document timestamp'} whose widget shows a visible appearance` : '';
          add({ num, object, kind, rule: 'new-signature', description: `field ${fieldName} signed${how ? ` ${how}` : ''}`, fieldName }, after);
        } else if ((key === 'AP' || key === 'AS' || key === 'M') && signedNow) {
          const kind = signingKindOf(signedNow);
          const why = kind !== 'other' ? 'for signing' : replayed(signedNow) ? 'for a signature that does not sign its own revision (a visible appearance nobody attests)' : 'for a document timestamp (a visible appearance no identity attests)';
          add({ num, object, kind, rule: 'new-signature', description: `/${key} of signature field ${fieldName} updated ${why}`, fieldName }, after);
        } else {
          add({ num, object, kind: 'other', description: `/${key} of signature field ${fieldName} ${before ? (after ? 'changed' : 'removed') : 'added'}` });
        }
      } else if (readOnly && (key === 'V' || key === 'AP' || key === 'AS' || key === 'RV' || key === 'M')) {
        add({ num, object, kind: 'other', description: `/${key} of read-only field ${fieldName} changed` });
      } else if ((key === 'AP' || (key === 'AS' && fieldType === 'Btn')) && !(await appearanceFollowsValue(fieldNum))) {
        add({ num, object, kind: 'other', description: `${key === 'AS' ? 'appearance state' : 'appearance'} of field ${fieldName} replaced while its value stays the same` });
      } else if (key === 'I' && fieldType === 'Ch' && (await valueChanged(fieldNum))) {
        add({ num, object, kind: 'form-filling', rule: 'choice-selection', description: `selection (/I) of choice field ${fieldName} updated with its value`, fieldName }, after);
      } else if (key === 'AP' && fieldType === 'Tx' || key === 'AP' && fieldType === 'Ch') {
        add({ num, object, kind: 'form-filling', rule: 'field-appearance', description: `appearance of field ${fieldName} updated with its value`, fieldName }, after);
      } else if (key === 'V' || key === 'AP' || key === 'AS' || key === 'RV' || key === 'M') {
        add({ num, object, kind: 'form-filling', rule: 'field-value', description: `/${key} of field ${fieldName} filled in`, fieldName }, after);
      } else {
        add({ num, object, kind: 'other', description: `/${key} of field ${fieldName} changed` });
      }
    }
  }

  function newSigFromValue(value: PdfValue): NewSignature | undefined {
    const v = dictGet(value, 'V');
    return v?.kind === 'ref' ? newSigBySig.get(v.num) : undefined;
  }

  /** What an object is to the pages of a revision, in words (built once per revision, on the first need). */
  async function roleOf(num: number, model: RevisionModel): Promise<string | undefined> {
    let roles = contentRoles.get(model.revision);
    if (!roles) {
      roles = await pageRoles(store, model, messages);
      contentRoles.set(model.revision, roles);
    }
    return roles.get(num);
  }

  /**
   * Whether an object's role changed since it was signed: compared in every revision
   * since the earliest signed one, back to where the object was (re)created. Returns
   * the description of the change when it did, since no rule explains a change made
   * under a role the object did not have when it was signed.
   */
  async function roleShift(num: number, role: ObjectRole): Promise<string | undefined> {
    let shifted: { model: RevisionModel; role: ObjectRole } | undefined;
    for (let index = context.since.length - 1; index >= 0; index--) {
      const model = context.since[index]!;
      if (model.revision >= previous.revision) continue;
      // Freed in between: what the number named before was another object.
      if ((await store.resolve(num, model.revision).catch(() => null)) === null) break;
      const earlier = await roleIn(model, num);
      if (!sameRole(earlier, role)) shifted = { model, role: earlier };
    }
    if (!shifted) return undefined;
    const then = describeRole(shifted.role, await roleOf(num, shifted.model));
    const now = describeRole(role, await roleOf(num, previous));
    return `${then} (revision ${shifted.model.revision}) changed, after it became ${now} (revision ${previous.revision})`;
  }
}

/** Content streams, resource dictionaries and named resources of every page, first page first. */
async function pageRoles(store: ObjectStore, model: RevisionModel, messages: Message[]): Promise<Map<number, string>> {
  const roles = new Map<number, string>();
  const set = (num: number, role: string): void => {
    if (!roles.has(num)) roles.set(num, role);
  };
  for (const page of model.pages) {
    const where = `of page ${page.index + 1}`;
    const contents = page.dict.entries.get('Contents');
    if (contents?.kind === 'ref') set(contents.num, `/Contents ${where}`);
    const contentsValue = await safeDeref(store, contents, model.revision, messages);
    for (const num of contentsValue ? refNums(contentsValue) : []) set(num, `/Contents ${where}`);
    const resourcesRef = page.dict.entries.get('Resources');
    if (resourcesRef?.kind === 'ref') set(resourcesRef.num, `/Resources ${where}`);
    const resources = await safeDeref(store, resourcesRef, model.revision, messages);
    for (const category of ['Font', 'XObject', 'ExtGState', 'ColorSpace', 'Pattern', 'Shading']) {
      const groupRef = dictGet(resources, category);
      if (groupRef?.kind === 'ref') set(groupRef.num, `/${category} resources ${where}`);
      const group = await safeDeref(store, groupRef, model.revision, messages);
      if (group?.kind !== 'dict') continue;
      for (const [resourceName, value] of group.entries) {
        if (value.kind === 'ref') set(value.num, `${category === 'Font' ? 'font' : category} /${resourceName} ${where}`);
      }
    }
  }
  return roles;
}

const READ_ONLY = 1;
/** Field flag bit 17 of a button field (ISO 32000-1 Table 226). */
const PUSH_BUTTON = 1 << 16;
/** Annotation flags Locked (128) and LockedContents (512): they stop later edits and draw nothing. */
const LOCK_FLAGS = 128 | 512;
/** The page attributes a page inherits from its page tree ancestors (ISO 32000-1 §7.7.3.4). */
const INHERITABLE_PAGE_KEYS: ReadonlySet<string> = new Set(['Resources', 'MediaBox', 'CropBox', 'Rotate']);
/** Keys the PDF specification defines on a page tree node (ISO 32000-2, 7.7.3.2, with the inheritable page attributes). */
const PAGE_TREE_KEYS: ReadonlySet<string> = new Set(['Type', 'Parent', 'Kids', 'Count', 'Resources', 'MediaBox', 'CropBox', 'Rotate']);

/** A structure /K value as a list of kids. */
function kidList(value: PdfValue): readonly PdfValue[] {
  if (value.kind === 'array') return value.items;
  return value.kind === 'null' ? [] : [value];
}
const MAX_FIELD_DEPTH = 32;

/**
 * The field flags' ReadOnly bit, on the dictionary or inherited from its /Parent fields
 * (as far as the revision model knows them): a user may not change such a field, so a
 * change of its value or appearance is no form filling.
 */
function isReadOnly(dict: PdfValue, model: RevisionModel): boolean {
  return (fieldFlags(dict, model) & READ_ONLY) !== 0;
}

/** The field flags (/Ff), on the dictionary or inherited from its /Parent fields as far as the revision model knows them; 0 when none. */
function fieldFlags(dict: PdfValue, model: RevisionModel): number {
  let current: PdfValue | undefined = dict;
  for (let depth = 0; current && depth < MAX_FIELD_DEPTH; depth++) {
    const flags = integerOf(dictGet(current, 'Ff'));
    if (flags !== undefined) return flags;
    const parent = dictGet(current, 'Parent');
    current = parent?.kind === 'ref' ? model.fieldByNum.get(parent.num)?.dict : undefined;
  }
  return 0;
}

/** The entry's generation: an object in an object stream has generation 0. */
function generationOf(entry: XrefEntry | undefined): number {
  return entry?.type === 'offset' ? entry.gen : 0;
}

/** An annotation with an area and without the Hidden (2) or NoView (32) flag: viewers draw it. */
function visibleAnnotation(value: PdfValue | undefined): boolean {
  const flags = integerOf(dictGet(value, 'F')) ?? 0;
  return hasArea(dictGet(value, 'Rect')) && (flags & (2 | 32)) === 0;
}

/**
 * Actions that only move the view or leave the document (ISO 32000-1 §12.6.4): triggering them
 * changes nothing the reader sees of its pages. Every other type may (JavaScript rewrites fields
 * and draws, Hide and SetOCGState hide or reveal content, ResetForm and ImportData change values,
 * Rendition, Launch and the multimedia ones run what they carry).
 */
const NAVIGATION_ACTIONS: ReadonlySet<string> = new Set(['GoTo', 'GoToR', 'GoToE', 'URI', 'Named', 'Thread']);
/** Annotation types whose content runs or plays (they need no action to do so). */
const ACTIVE_ANNOTATIONS: ReadonlySet<string> = new Set(['Screen', 'Movie', 'Sound', 'RichMedia', '3D']);
/** How many actions of one annotation are looked at (/A, the /AA triggers, their /Next chains). */
const MAX_ANNOTATION_ACTIONS = 64;

/**
 * What in an annotation added or changed under DocMDP P=3 may change the signed pages when the
 * reader opens the page, moves the mouse or clicks (the code-injection variant of the Evil
 * Annotation Attack, Mainka et al., IEEE S&P 2021): an active annotation type, any additional
 * action (/AA) or an /A that is no plain navigation, through /Next chains. P=3 allows
 * annotations, not scripts. An action that cannot be read counts (fail closed); undefined when
 * there is none.
 */
async function dynamicAnnotationPart(store: ObjectStore, revision: number, value: PdfValue | undefined): Promise<string | undefined> {
  // Viewers resolve an indirect /Subtype (a Widget or a Screen then reads as an annotation of unknown type here):
  // no writer makes one, so it counts (fail closed).
  if (dictGet(value, 'Subtype')?.kind === 'ref') return 'a /Subtype given by reference';
  const subtype = nameOf(dictGet(value, 'Subtype'));
  if (subtype !== undefined && ACTIVE_ANNOTATIONS.has(subtype)) return `an active annotation type (/${subtype})`;
  const deref = async (item: PdfValue | undefined): Promise<PdfValue | undefined | 'unreadable'> => {
    if (item?.kind !== 'ref') return item;
    try {
      return (await store.resolve(item.num, revision))?.value;
    } catch {
      return 'unreadable';
    }
  };
  const additional = await deref(dictGet(value, 'AA'));
  if (additional === 'unreadable') return 'additional actions (/AA) that cannot be read';
  if (additional?.kind === 'dict' && additional.entries.size > 0) return 'additional actions (/AA)';
  const queue: (PdfValue | undefined)[] = [dictGet(value, 'A')];
  const seen = new Set<number>();
  for (let looked = 0; queue.length > 0; looked++) {
    if (looked >= MAX_ANNOTATION_ACTIONS) return `more than ${MAX_ANNOTATION_ACTIONS} actions`;
    const item = queue.shift();
    if (item?.kind === 'ref') {
      if (seen.has(item.num)) continue;
      seen.add(item.num);
    }
    const action = await deref(item);
    if (action === 'unreadable') return 'an action that cannot be read';
    if (action === undefined || action.kind === 'null') continue;
    if (action.kind !== 'dict') return 'an action that is no dictionary';
    const type = nameOf(dictGet(action, 'S'));
    if (type === undefined || !NAVIGATION_ACTIONS.has(type)) return `a /${type ?? '?'} action`;
    const next = await deref(dictGet(action, 'Next'));
    if (next === 'unreadable') return 'an action that cannot be read';
    if (next?.kind === 'array') queue.push(...next.items);
    else if (next !== undefined) queue.push(dictGet(action, 'Next'));
  }
  return undefined;
}

/** The entries that decide what an annotation runs are the same in both versions. */
function sameActions(before: PdfValue, after: PdfValue): boolean {
  return ['Subtype', 'A', 'AA', 'Parent'].every((key) => {
    const a = dictGet(before, key);
    const b = dictGet(after, key);
    return a === undefined || b === undefined ? a === b : valuesEqual(a, b);
  });
}

/**
 * What in a new widget (or new field) runs something: its own actions as for an annotation, and
 * the /AA of the fields above it, which viewers apply to the widget (a new empty signature field
 * whose /AA runs JavaScript when the page opens is no form filling). Undefined when there is none.
 */
async function dynamicWidgetPart(store: ObjectStore, revision: number, value: PdfValue | undefined): Promise<string | undefined> {
  const own = await dynamicAnnotationPart(store, revision, value);
  if (own) return own;
  const seen = new Set<number>();
  let parent = dictGet(value, 'Parent');
  for (let depth = 0; parent !== undefined && parent.kind !== 'null'; depth++) {
    if (depth >= MAX_FIELD_DEPTH) return `more than ${MAX_FIELD_DEPTH} parent fields`;
    if (parent.kind !== 'ref') return 'a /Parent that is no reference';
    if (seen.has(parent.num)) return 'a /Parent cycle';
    seen.add(parent.num);
    let field: PdfValue | undefined;
    try {
      field = (await store.resolve(parent.num, revision))?.value;
    } catch {
      return 'a parent field that cannot be read';
    }
    let additional = dictGet(field, 'AA');
    if (additional?.kind === 'ref') {
      try {
        additional = (await store.resolve(additional.num, revision))?.value;
      } catch {
        return 'additional actions (/AA) of a parent field that cannot be read';
      }
    }
    if (additional?.kind === 'dict' && additional.entries.size > 0) return `additional actions (/AA) of its parent field ${parent.num} 0 R`;
    if (additional !== undefined && additional.kind !== 'null' && additional.kind !== 'dict') return 'additional actions (/AA) of a parent field that are no dictionary';
    parent = dictGet(field, 'Parent');
  }
  return undefined;
}

/** Text and choice fields show a value a viewer may rebuild from the form's defaults. */
function showsValue(field: FieldInfo): boolean {
  return field.type === 'Tx' || field.type === 'Ch';
}

/** Font names the /DA strings of the form and of its fields select. */
function defaultAppearanceFonts(model: RevisionModel): Set<string> {
  const fonts = new Set<string>();
  const collect = (value: PdfValue | undefined): void => {
    if (value?.kind !== 'string') return;
    for (const match of new TextDecoder('latin1').decode(value.bytes).matchAll(/\/([^\s/\[\]()<>{}%]+)/g)) fonts.add(match[1]!);
  };
  collect(model.acroForm?.entries.get('DA'));
  for (const field of model.fields) collect(field.dict.entries.get('DA'));
  return fonts;
}

function emptyDict(): PdfValue {
  return { kind: 'dict', entries: new Map(), start: 0, end: 0 };
}

function unionKeys(a: PdfValue, b: PdfValue): string[] {
  const keys = new Set<string>();
  if (a.kind === 'dict') for (const key of a.entries.keys()) keys.add(key);
  if (b.kind === 'dict') for (const key of b.entries.keys()) keys.add(key);
  if (a.kind !== b.kind) keys.add('(type)');
  return [...keys].sort();
}

/** Past this many appended items, listChangesOf looks them up in sets rather than searching the old list. */
const MAX_SEARCHED_APPENDS = 16;

/**
 * What `new Set(oldNums)` and `new Set(newNums)` differ by: the numbers only the old list
 * has (in the order they first appear there) and those only the new list has (likewise).
 */
export function listChanges(oldNums: readonly number[], newNums: readonly number[]): { removed: number[]; added: number[] } {
  const oldSet = new Set(oldNums);
  const newSet = new Set(newNums);
  const removed: number[] = [];
  const added: number[] = [];
  for (const num of oldSet) if (!newSet.has(num)) removed.push(num);
  for (const num of newSet) if (!oldSet.has(num)) added.push(num);
  return { removed, added };
}

/**
 * listChanges(refNums(oldValue), refNums(newValue)), without listing either when the new
 * array is the old one's items (the same values: references are shared, so a rewritten
 * /Fields repeats the very same ones) with a few appended: a list that only grew (signing
 * appends a field to /Fields of thousands) is compared by its appended items, without two
 * sets of the whole list per revision.
 */
export function listChangesOf(oldValue: PdfValue, newValue: PdfValue): { removed: number[]; added: number[] } {
  if (oldValue.kind === 'array' && newValue.kind === 'array') {
    const before = oldValue.items;
    const after = newValue.items;
    let grown = after.length >= before.length && after.length - before.length <= MAX_SEARCHED_APPENDS;
    for (let i = 0; grown && i < before.length; i++) grown = before[i] === after[i] || sameRef(before[i]!, after[i]!);
    if (grown) {
      const added: number[] = [];
      for (let i = before.length; i < after.length; i++) {
        const item = after[i]!;
        if (item.kind !== 'ref' || added.includes(item.num)) continue;
        let known = false;
        for (let k = 0; !known && k < before.length; k++) known = sameRef(before[k]!, item);
        if (!known) added.push(item.num);
      }
      return { removed: [], added };
    }
  }
  return listChanges(refNums(oldValue), refNums(newValue));
}

/** Both references to one object number (what refNums lists of them). */
function sameRef(a: PdfValue, b: PdfValue): boolean {
  return a.kind === 'ref' && b.kind === 'ref' && a.num === b.num;
}

function refNums(value: PdfValue): number[] {
  // A plain loop: /Fields and /Annots arrays of thousands of items, compared once per revision.
  const nums: number[] = [];
  if (value.kind !== 'array') return nums;
  for (let i = 0; i < value.items.length; i++) {
    const item = value.items[i]!;
    if (item.kind === 'ref') nums.push(item.num);
  }
  return nums;
}

/** Same value, and for streams the same raw data. */
async function sameObject(store: ObjectStore, a: PdfObject, b: PdfObject): Promise<boolean> {
  if (a.location.kind === 'file' && b.location.kind === 'file' && a.location.start === b.location.start) return true;
  if (!valuesEqual(a.value, b.value)) return false;
  if (!a.stream && !b.stream) return true;
  if (!a.stream || !b.stream || a.stream.length !== b.stream.length) return false;
  return (await store.streamDigest(a)) === (await store.streamDigest(b));
}

/**
 * Walks every object reachable from the trailer (/Root, /Info) and records, for the
 * `tracked` objects, every object that refers to them (0: the trailer). References of
 * objects no update touched since an earlier walk are taken from it (RoleIndex); every
 * visit is charged to the budget all the same. A complete walk is kept for the next
 * revision's diff (REACHED).
 */
async function reachability(
  model: RevisionModel,
  tracked: ReadonlySet<number>,
  roles: RoleIndex,
): Promise<{ referrers: Map<number, number[]>; complete: boolean }> {
  const walk = new ReachabilityWalk(model.revision, tracked, roles, roles.highestNumber());
  for (const ref of trailerRoots(model)) walk.reach(ref, 0);
  // The walk goes on without waiting while the references are known (almost always: the
  // models have read the objects); only an object nobody read yet is awaited.
  for (let waiting = walk.run(); waiting !== undefined; waiting = walk.run()) {
    walk.follow(waiting, await roles.readReferences(waiting, model.revision));
  }
  if (walk.complete) REACHED.set(roles, { revision: model.revision, reached: walk.seen });
  else REACHED.delete(roles);
  return { referrers: walk.referrers, complete: walk.complete };
}

/** The objects the walk starts from: the trailer's /Root and /Info, when references. */
function trailerRoots(model: RevisionModel): number[] {
  const roots: number[] = [];
  for (const key of ['Root', 'Info']) {
    const ref = model.trailer.entries.get(key);
    if (ref?.kind === 'ref') roots.push(ref.num);
  }
  return roots;
}

/** Every object a complete walk of a revision reached (free and undefined numbers included), per document. */
const REACHED = new WeakMap<RoleIndex, { readonly revision: number; readonly reached: ReadonlySet<number> }>();

/**
 * The referrers of the `tracked` objects in `model`'s revision and the objects reached,
 * from the revision before's walk (REACHED) and what the update redefined, without walking
 * the thousands of objects it left alone; undefined where that cannot be the walk's answer.
 *
 * It is, when the trailer's roots are the same, no tracked object was reached before, and
 * every redefined object that was reached still refers to everything it referred to (the
 * update removed no edge): then what was reached stays reached (an object no update
 * touched refers to the same objects), and what is reached besides hangs off a redefined
 * object that was reached, or off what that newly reaches, which is followed here. No
 * object reached before referred to a tracked one (it would have been reached), so the
 * referrers are among the redefined and the newly reached objects, whose references are
 * all read here. The lists are in no particular order and nothing is charged to the budget.
 */
async function reachabilityFrom(
  store: ObjectStore,
  previous: RevisionModel,
  model: RevisionModel,
  tracked: ReadonlySet<number>,
  roles: RoleIndex,
): Promise<{ referrers: Map<number, number[]>; reached: ReadonlySet<number> } | undefined> {
  const revision = model.revision;
  const before = roles.takeOver ? REACHED.get(roles) : undefined;
  if (!before || before.revision !== revision - 1 || previous.revision !== revision - 1) return undefined;
  const changed = store.changedIn(revision);
  if (!changed) return undefined;
  const rootsBefore = trailerRoots(previous);
  const roots = trailerRoots(model);
  if (roots.length !== rootsBefore.length || roots.some((num, i) => num !== rootsBefore[i])) return undefined;
  for (const num of tracked) if (before.reached.has(num)) return undefined;
  const refsIn = async (num: number, at: number): Promise<readonly number[] | null> => {
    const now = roles.referencesNow(num, at);
    return now !== undefined ? now : await roles.readReferences(num, at);
  };
  const reached = LayeredSet.over(before.reached);
  const referrers = new Map<number, number[]>();
  const queue: number[] = [];
  const follow = (num: number, refs: readonly number[] | null): void => {
    if (!refs) return;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      if (tracked.has(ref)) {
        const list = referrers.get(ref);
        if (!list) referrers.set(ref, [num]);
        else if (list[list.length - 1] !== num) list.push(num);
      }
      if (!reached.has(ref)) {
        reached.add(ref);
        queue.push(ref);
      }
    }
  };
  for (const num of changed) {
    if (!before.reached.has(num)) continue;
    const old = await refsIn(num, revision - 1);
    const now = await refsIn(num, revision);
    if (!keepsAll(now, old)) return undefined;
    follow(num, now);
  }
  for (let head = 0; head < queue.length; head++) follow(queue[head]!, await refsIn(queue[head]!, revision));
  return { referrers, reached };
}

/** Every number of `old` is in `now` (null: none). */
function keepsAll(now: readonly number[] | null, old: readonly number[] | null): boolean {
  if (!old || old.length === 0) return true;
  if (!now) return false;
  // An update appends (a /Fields or /Annots that grew): the old list is the new one's start.
  let prefix = now.length >= old.length;
  for (let i = 0; prefix && i < old.length; i++) prefix = now[i] === old[i];
  if (prefix) return true;
  const present = new Set(now);
  for (let i = 0; i < old.length; i++) if (!present.has(old[i]!)) return false;
  return true;
}

/** The breadth-first walk of `reachability`, one object visited per budget unit, in the order reached. */
class ReachabilityWalk {
  readonly referrers = new Map<number, number[]>();
  complete = true;
  /** What the walk reached; its order is the walk's queue. */
  readonly seen: ReachedSet;
  private head = 0;
  /** The tracked numbers lie in [low, high]: most references are looked up in no set. */
  private readonly low: number;
  private readonly high: number;

  constructor(
    private readonly revision: number,
    private readonly tracked: ReadonlySet<number>,
    private readonly roles: RoleIndex,
    highest: number,
  ) {
    this.seen = new ReachedSet(highest);
    let low = Infinity;
    let high = -Infinity;
    for (const num of tracked) {
      if (num < low) low = num;
      if (num > high) high = num;
    }
    this.low = low;
    this.high = high;
  }

  reach(num: number, from: number): void {
    if (num >= this.low && num <= this.high && this.tracked.has(num)) {
      // Each object's references are followed at once (follow), so a referrer already
      // listed is the last one: no search of a list that may hold thousands.
      const list = this.referrers.get(num);
      if (!list) this.referrers.set(num, [from]);
      else if (list[list.length - 1] !== from) list.push(from);
    }
    this.seen.add(num);
  }

  /** Visits objects in order until the walk ends (undefined) or one must be read (its number). */
  run(): number | undefined {
    const queue = this.seen.order;
    const budget = this.roles.budget;
    while (this.head < queue.length) {
      if (!budget.take()) {
        this.complete = false;
        this.head = queue.length;
        return undefined;
      }
      const num = queue[this.head++]!;
      const refs = this.roles.walkReferences(num, this.revision);
      if (refs === undefined) return num;
      this.follow(num, refs);
    }
    return undefined;
  }

  follow(num: number, refs: readonly number[] | null): void {
    if (refs) for (let i = 0; i < refs.length; i++) this.reach(refs[i]!, num);
  }
}
