/**
 * What each signature's report says about the changes made after it. Every later
 * revision's diff concerns every signature before it, so reports that copied them all
 * grew as signatures × changes: 800 pdfsig signatures gave a 321 MB JSON report, and one
 * update of 80,000 unused objects after 50 signatures a report longer than a JavaScript
 * string may be. A signature's level, and so its verdict, is still judged on every change;
 * its report lists at most MAX_LISTED_CHANGES of them (the highest levels first, so what
 * decides the level is what is shown, kept in revision order) with their total, and at
 * most MAX_LISTED_DIFF_MESSAGES of the later revisions' messages.
 */
import type { Message } from '../../report/messages.js';
import type { ModificationLevel, ModificationsReport } from '../../report/types.js';
import type { Change, RevisionDiff } from './modifications.js';

/** Far above what a genuine revision changes after a signature (a form filled, a DSS added). */
export const MAX_LISTED_CHANGES = 100;
export const MAX_LISTED_DIFF_MESSAGES = 100;

const LEVELS: readonly ModificationLevel[] = ['none', 'ltv', 'form-filling', 'annotations', 'other'];
const RANK: Readonly<Record<ModificationLevel, number>> = { none: 0, ltv: 1, 'form-filling': 2, annotations: 3, other: 4 };

interface Summary {
  readonly diff: RevisionDiff;
  /** How many changes of each level (by RANK). */
  readonly counts: readonly number[];
  /** The changes' indices by level, built only when some signature's list is cut. */
  byRank?: readonly number[][];
}

export interface LaterChanges {
  readonly modifications: ModificationsReport;
  /** The later revisions' messages, at most MAX_LISTED_DIFF_MESSAGES of them. */
  readonly messages: readonly Message[];
  /** How many later-revision messages were not copied. */
  readonly messagesLeftOut: number;
}

/** The later revisions' diffs of one document, each counted once, asked per signature. */
export class LaterChangeIndex {
  readonly #summaries: Summary[] = [];

  /** `diffs` in ascending revision order. */
  constructor(diffs: ReadonlyMap<number, RevisionDiff>) {
    for (const diff of diffs.values()) {
      const counts = [0, 0, 0, 0, 0];
      for (let i = 0; i < diff.changes.length; i++) counts[RANK[diff.changes[i]!.kind]]!++;
      this.#summaries.push({ diff, counts });
    }
  }

  /** The changes made after `signedRevision`, as one signature reports them. */
  after(signedRevision: number): LaterChanges {
    const later = this.#summaries.filter((s) => s.diff.revision > signedRevision);
    const counts = [0, 0, 0, 0, 0];
    let total = 0;
    let messageCount = 0;
    for (const s of later) {
      for (let r = 0; r < 5; r++) counts[r]! += s.counts[r]!;
      total += s.diff.changes.length;
      messageCount += s.diff.messages.length;
    }
    let top = 0;
    for (let r = 4; r > 0; r--) {
      if (counts[r]! > 0) {
        top = r;
        break;
      }
    }
    const level = LEVELS[top]!;

    const messages: Message[] = [];
    for (const s of later) {
      for (const message of s.diff.messages) {
        if (messages.length === MAX_LISTED_DIFF_MESSAGES) break;
        messages.push(message);
      }
    }

    let changes: Change[];
    if (total <= MAX_LISTED_CHANGES) {
      changes = [];
      for (const s of later) for (const change of s.diff.changes) changes.push(change);
    } else {
      changes = this.#highest(later, counts);
    }
    const modifications: ModificationsReport = total > changes.length ? { level, changes, total } : { level, changes };
    return { modifications, messages, messagesLeftOut: messageCount - messages.length };
  }

  /** MAX_LISTED_CHANGES changes, the highest levels first (earliest first within the cut level), in revision order. */
  #highest(later: readonly Summary[], counts: readonly number[]): Change[] {
    // The level at which the list is cut: every change above it is listed, and the earliest of it that fit.
    let cut = 4;
    let above = 0;
    while (above + counts[cut]! < MAX_LISTED_CHANGES) above += counts[cut--]!;
    let roomAtCut = MAX_LISTED_CHANGES - above;
    const picked: [number, number][] = [];
    for (let d = 0; d < later.length; d++) {
      const s = later[d]!;
      const byRank = (s.byRank ??= indexByRank(s.diff.changes));
      for (let r = 4; r > cut; r--) for (const i of byRank[r]!) picked.push([d, i]);
      const atCut = byRank[cut]!;
      for (let k = 0; k < atCut.length && roomAtCut > 0; k++, roomAtCut--) picked.push([d, atCut[k]!]);
    }
    picked.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return picked.map(([d, i]) => later[d]!.diff.changes[i]!);
  }
}

function indexByRank(changes: readonly Change[]): number[][] {
  const byRank: number[][] = [[], [], [], [], []];
  for (let i = 0; i < changes.length; i++) byRank[RANK[changes[i]!.kind]]!.push(i);
  return byRank;
}
