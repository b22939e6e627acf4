/** Times as readers expect them, and `--at` as ISO 8601 only. */
import type { Lang } from './words.js';

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/mm/yyyy HH:mm` in Vietnam time (UTC+7), as a Vietnamese reader writes a date. */
export function vietnamTime(iso: string | Date): string {
  const date = new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** `yyyy-mm-dd HH:mm UTC` for English readers: the ISO form without seconds and milliseconds. */
export function utcTime(iso: string | Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

export function readerTime(iso: string | Date, lang: Lang): string {
  return lang === 'vi' ? vietnamTime(iso) : utcTime(iso);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `--at`: an ISO 8601 date (`2026-06-01`, midnight UTC) or a date-time with its zone
 * (`2026-06-01T09:30:00+07:00`, `…Z`). Anything else is undefined: no guessing of
 * `01/06/2026` (day or month first?) or of a bare number.
 */
export function parseIsoTime(text: string): Date | undefined {
  const date = ISO_DATE.exec(text);
  const dateTime = date ? undefined : ISO_DATE_TIME.exec(text);
  const parts = date ?? dateTime;
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  // A day that does not exist in its month (2026-02-30) rolls over in Date: refuse it.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  if (dateTime && (Number(dateTime[4]) > 23 || Number(dateTime[5]) > 59 || Number(dateTime[6] ?? 0) > 59)) return undefined;
  const result = new Date(date ? `${text}T00:00:00Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(result.getTime()) ? undefined : result;
}
