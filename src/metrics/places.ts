/**
 * Provinces, agencies and tax-code prefixes as data (src/metrics/data/*.json), and the
 * lookups the report facts use. Every table is replaceable: callers pass their own
 * `Places` built with `placesFrom`.
 *
 * Warning: a code that is not in a table is unknown, never guessed from its neighbours
 * (the OrganId annex of QĐ 20/2020/QĐ-TTg is not public in machine-readable form; the
 * bundled table lists only the codes we could tie to an agency, all unconfirmed).
 */
import agenciesData from './data/agencies.json' with { type: 'json' };
import provincesData from './data/provinces.json' with { type: 'json' };
import taxData from './data/tax-code-prefixes.json' with { type: 'json' };

export interface ProvinceUnit {
  readonly code: string;
  readonly name: string;
  readonly short: string;
  readonly kind: string;
  readonly aliases?: readonly string[];
  /** After the merger: the codes of the 63-unit map this unit was formed from. */
  readonly from?: readonly string[];
}

export interface ProvinceTables {
  readonly version: string;
  /** First day (yyyy-MM-dd, Vietnam time) of the 34-unit map. */
  readonly boundary: string;
  readonly before: { readonly units: readonly ProvinceUnit[] };
  readonly after: { readonly units: readonly ProvinceUnit[]; readonly codesConfirmed: boolean };
}

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  /** Two-digit code in the 63-unit map. */
  readonly province?: string;
  readonly confirmed: boolean;
}

export interface AgencyTable {
  readonly version: string;
  readonly agencies: readonly AgencyEntry[];
}

export interface TaxPrefixTable {
  readonly version: string;
  readonly appliesTo: string;
  readonly prefixes: readonly { readonly prefix: string; readonly province: string; readonly confirmed: boolean }[];
}

/** What an OrganId says: well-formed or not, its own table entry and its level-1 unit's. */
export interface OrganLookup {
  readonly wellFormed: boolean;
  readonly entry?: AgencyEntry;
  readonly level1?: AgencyEntry;
}

/**
 * The lookup tables, indexed once, with the lookups the report facts use (methods, so
 * the report layer calls them without importing code from here).
 */
export interface Places {
  readonly provinces: ProvinceTables;
  readonly agencies: AgencyTable;
  readonly taxPrefixes: TaxPrefixTable;
  /** The province a 63-map code stands for on `day` (yyyy-MM-dd); undefined without a day or for an unknown code. */
  provinceOn(code63: string, day: string | undefined): ProvinceRef | undefined;
  /** The 63-map code a province name (a certificate's ST, "Hà Nội", "HA NOI", "TP. Hồ Chí Minh") names, if any. */
  provinceCodeByName(name: string): string | undefined;
  /** The OrganId's table entries (its own, and its level-1 unit `000.00.00.Xnn`'s). */
  organ(organId: string): OrganLookup;
  /** The 63-map code a tax code's prefix names, where the table has it. */
  taxCodeProvince(taxCode: string): { code: string; confirmed: boolean } | undefined;
}

/** A province in the map in force on the document's date. */
export interface ProvinceRef {
  readonly map: '63' | '34';
  readonly code: string;
  readonly name: string;
  /** `63:02`, `34:08`: the grouping key. */
  readonly key: string;
}

/** Folds a Vietnamese name for comparison: no diacritics, no case, no spaces or punctuation. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const NAME_PREFIXES = ['thanhpho', 'tinh', 'tp'];

function stripPrefix(folded: string): string {
  for (const prefix of NAME_PREFIXES) if (folded.startsWith(prefix) && folded.length > prefix.length + 2) return folded.slice(prefix.length);
  return folded;
}

export const ORGAN_ID = /^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$/;

export function placesFrom(provinces: ProvinceTables, agencies: AgencyTable, taxPrefixes: TaxPrefixTable): Places {
  const before = new Map(provinces.before.units.map((u) => [u.code, u]));
  const afterOf = new Map<string, ProvinceUnit>();
  for (const unit of provinces.after.units) for (const code of unit.from ?? []) afterOf.set(code, unit);
  const byName = new Map<string, string>();
  for (const unit of provinces.before.units) {
    for (const name of [unit.name, unit.short, ...(unit.aliases ?? [])]) byName.set(stripPrefix(foldName(name)), unit.code);
  }
  const agencyIndex = new Map(agencies.agencies.map((a) => [a.code, a]));
  const taxPattern = new RegExp(taxPrefixes.appliesTo);
  return {
    provinces,
    agencies,
    taxPrefixes,
    provinceOn(code63, day) {
      const old = before.get(code63);
      if (!old || day === undefined) return undefined;
      if (day < provinces.boundary) return { map: '63', code: old.code, name: old.name, key: `63:${old.code}` };
      const unit = afterOf.get(code63);
      return unit ? { map: '34', code: unit.code, name: unit.name, key: `34:${unit.code}` } : undefined;
    },
    provinceCodeByName(name) {
      const folded = stripPrefix(foldName(name));
      return folded.length > 0 ? byName.get(folded) : undefined;
    },
    organ(organId) {
      if (!ORGAN_ID.test(organId)) return { wellFormed: false };
      const entry = agencyIndex.get(organId);
      const level1 = agencyIndex.get(`000.00.00.${organId.slice(-3)}`);
      return { wellFormed: true, ...(entry ? { entry } : {}), ...(level1 ? { level1 } : {}) };
    },
    taxCodeProvince(taxCode) {
      const value = taxCode.trim();
      if (!taxPattern.test(value)) return undefined;
      const hit = taxPrefixes.prefixes.find((p) => value.startsWith(p.prefix));
      return hit ? { code: hit.province, confirmed: hit.confirmed } : undefined;
    },
  };
}

export const BUNDLED_PLACES: Places = placesFrom(provincesData as ProvinceTables, agenciesData as AgencyTable, taxData as TaxPrefixTable);
