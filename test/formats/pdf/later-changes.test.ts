import { describe, expect, it } from 'vitest';
import { LaterChangeIndex, MAX_LISTED_CHANGES, MAX_LISTED_DIFF_MESSAGES } from '../../../src/formats/pdf/later-changes.js';
import type { RevisionDiff } from '../../../src/formats/pdf/modifications.js';
import { PDF_MESSAGES } from '../../../src/formats/pdf/messages.js';
import type { ModificationLevel } from '../../../src/report/types.js';

const change = (revision: number, n: number, kind: ModificationLevel) => ({ revision, object: `${n} 0 R`, kind, description: kind });
const diff = (revision: number, kinds: readonly ModificationLevel[], messages = 0): RevisionDiff => ({
  revision,
  changes: kinds.map((kind, i) => change(revision, i + 1, kind)),
  messages: Array.from({ length: messages }, (_, i) => PDF_MESSAGES.PDF_DIFF_BUDGET({ revision: revision * 1000 + i })),
});
const index = (...diffs: RevisionDiff[]) => new LaterChangeIndex(new Map(diffs.map((d) => [d.revision, d])));

describe('LaterChangeIndex', () => {
  it('lists every change of the later revisions, in order, while they fit', () => {
    const later = index(diff(2, ['form-filling', 'none']), diff(3, ['ltv'], 2));
    expect(later.after(1).modifications).toEqual({ level: 'form-filling', changes: [change(2, 1, 'form-filling'), change(2, 2, 'none'), change(3, 1, 'ltv')] });
    expect(later.after(1).messages).toHaveLength(2);
    expect(later.after(2).modifications).toEqual({ level: 'ltv', changes: [change(3, 1, 'ltv')] });
    expect(later.after(3)).toEqual({ modifications: { level: 'none', changes: [] }, messages: [], messagesLeftOut: 0 });
  });

  it('past the bound: the highest levels first, the earliest of the level cut, in revision order, with the total', () => {
    const none = Array<ModificationLevel>(MAX_LISTED_CHANGES).fill('none');
    const later = index(diff(2, [...none, 'annotations']), diff(3, ['form-filling', 'form-filling', ...none, 'other']));
    const { modifications } = later.after(1);
    expect(modifications.level).toBe('other');
    expect(modifications.total).toBe(2 * MAX_LISTED_CHANGES + 4);
    expect(modifications.changes).toHaveLength(MAX_LISTED_CHANGES);
    expect(modifications.changes.slice(0, 96).every((c) => c.revision === 2 && c.kind === 'none')).toBe(true);
    expect(modifications.changes.slice(95).map((c) => `${c.revision}:${c.object}:${c.kind}`)).toEqual([
      '2:96 0 R:none',
      `2:${MAX_LISTED_CHANGES + 1} 0 R:annotations`,
      '3:1 0 R:form-filling',
      '3:2 0 R:form-filling',
      `3:${MAX_LISTED_CHANGES + 3} 0 R:other`,
    ]);
  });

  it('copies at most MAX_LISTED_DIFF_MESSAGES of the later revisions\' messages and counts the rest', () => {
    const later = index(diff(2, ['none'], 70), diff(3, ['none'], 70));
    const { messages, messagesLeftOut } = later.after(1);
    expect(messages).toHaveLength(MAX_LISTED_DIFF_MESSAGES);
    expect(messages.at(-1)!.params).toEqual({ revision: 3029 });
    expect(messagesLeftOut).toBe(140 - MAX_LISTED_DIFF_MESSAGES);
    expect(later.after(2).messagesLeftOut).toBe(0);
  });
});
