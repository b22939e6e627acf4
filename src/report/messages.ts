/**
 * Report messages: a stable machine code plus the same sentence in Vietnamese and
 * English. Codes never change meaning once released; texts may be reworded.
 *
 * Each area (cms/, pki/, formats/pdf/ ...) owns a catalogue made with
 * `defineMessages`, so the code that knows why something failed also owns the words
 * for it. `{name}` placeholders are filled from the message's params.
 */

export type Severity = 'error' | 'warning' | 'info';

export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  /** Stable code, UPPER_SNAKE, unique across all catalogues (e.g. `CMS_DIGEST_MISMATCH`). */
  readonly code: string;
  readonly severity: Severity;
  readonly vi: string;
  readonly en: string;
  /** The values substituted into the texts, kept for machines. */
  readonly params?: MessageParams;
}

export interface MessageText {
  readonly severity: Severity;
  readonly vi: string;
  readonly en: string;
}

export type MessageFactory = (params?: MessageParams) => Message;

const allCatalogues = new Map<string, MessageText>();

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

/**
 * Declares a catalogue of messages. Returns one factory per code; calling it makes a
 * `Message` with the texts filled in.
 */
export function defineMessages<K extends string>(
  texts: Readonly<Record<K, MessageText>>,
): Readonly<Record<K, MessageFactory>> {
  const factories = {} as Record<K, MessageFactory>;
  for (const code of Object.keys(texts) as K[]) {
    const text = texts[code];
    if (allCatalogues.has(code) && allCatalogues.get(code) !== text) {
      throw new Error(`message code ${code} is defined twice`);
    }
    allCatalogues.set(code, text);
    factories[code] = (params?: MessageParams): Message => {
      const message: { -readonly [P in keyof Message]: Message[P] } = {
        code,
        severity: text.severity,
        vi: fill(text.vi, params),
        en: fill(text.en, params),
      };
      if (params && Object.keys(params).length > 0) message.params = { ...params };
      return message;
    };
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
