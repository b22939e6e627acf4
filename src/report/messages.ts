/**
 * Report messages: a stable machine code plus the same sentence in Vietnamese and
 * English. Codes never change meaning once released; texts may be reworded.
 *
 * Each area (cms/, pki/, formats/pdf/ ...) owns a catalogue made with
 * `defineMessages`, so the code that knows why something failed also owns the words
 * for it. `{name}` placeholders are filled from the message's params.
 */

import type { MessageCode } from './codes.js';

export type { MessageCode } from './codes.js';

/** `error`: the reason for a failed or indeterminate verdict; `warning`: worth a reader's attention, the verdict stands; `info`: what was checked and found in order. */
export type Severity = 'error' | 'warning' | 'info';

/** The values a message's placeholders were filled with, by placeholder name. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** One finding, with its reason in Vietnamese and English. */
export interface Message<C extends string = MessageCode> {
  /** Stable code, UPPER_SNAKE, unique across all tables (e.g. `CMS_DIGEST_MISMATCH`): switch on this, not on the text. */
  readonly code: C;
  /** How much the finding weighs (see `Severity`). */
  readonly severity: Severity;
  /** The sentence in Vietnamese. */
  readonly vi: string;
  /** The same sentence in English. */
  readonly en: string;
  /** The values substituted into the texts, kept for machines. */
  readonly params?: MessageParams;
}

/** A message's texts as defined, before placeholders are filled. */
export interface MessageText {
  /** How much the finding weighs. */
  readonly severity: Severity;
  /** Vietnamese template; `{name}` marks a placeholder. */
  readonly vi: string;
  /** English template. */
  readonly en: string;
}

export type MessageFactory<C extends string = MessageCode> = (params?: MessageParams) => Message<C>;

const allCatalogues = new Map<string, MessageText>();

/**
 * A template cut at its `{name}` placeholders: literal text at even indexes, placeholder
 * names at odd ones. Cut once per template, not once per message made.
 */
function cut(template: string): readonly string[] {
  return template.split(/\{(\w+)\}/);
}

/** Each placeholder with the param of its name; one without a param stays `{name}`. */
function fill(template: string, parts: readonly string[], params: MessageParams | undefined): string {
  if (!params || parts.length === 1) return template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : `{${key}}`) + parts[i + 1]!;
  }
  return out;
}

/**
 * Declares a catalogue of messages. Returns one factory per code; calling it makes a
 * `Message` with the texts filled in. A new catalogue is listed in `codes.ts`, which
 * makes its codes part of `MessageCode`.
 */
export function defineMessages<K extends string>(
  texts: Readonly<Record<K, MessageText>>,
): Readonly<{ [P in K]: MessageFactory<P> }> {
  const factories = {} as { [P in K]: MessageFactory<P> };
  for (const code of Object.keys(texts) as K[]) {
    const text = texts[code];
    if (allCatalogues.has(code) && allCatalogues.get(code) !== text) {
      throw new Error(`message code ${code} is defined twice`);
    }
    allCatalogues.set(code, text);
    // Cut at the first message made, not when the catalogue is declared: a run makes a few
    // dozen of the catalogues' hundreds of codes, and every command declares them all at start.
    let vi: readonly string[] | undefined;
    let en: readonly string[] | undefined;
    factories[code] = ((params?: MessageParams): Message<K> => {
      vi ??= cut(text.vi);
      en ??= cut(text.en);
      const message: { -readonly [P in keyof Message<K>]: Message<K>[P] } = {
        code,
        severity: text.severity,
        vi: fill(text.vi, vi, params),
        en: fill(text.en, en, params),
      };
      if (params && Object.keys(params).length > 0) message.params = { ...params };
      return message;
    }) as MessageFactory<typeof code>;
  }
  return factories;
}

/** Every code known so far, with its texts (for `kyso` documentation and tests). */
export function messageCatalogue(): ReadonlyMap<string, MessageText> {
  return allCatalogues;
}

/** The message text in the requested language. */
export function messageText(message: Message, lang: 'vi' | 'en'): string {
  return lang === 'vi' ? message.vi : message.en;
}
