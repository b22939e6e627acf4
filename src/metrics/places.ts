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

/** One provincial-level unit (tỉnh or thành phố trực thuộc trung ương) of a province map. */
export interface ProvinceUnit {
  /** Its two-digit code on its map, e.g. `01` for Hà Nội. */
  readonly code: string;
  /** Its full official name, e.g. `Thành phố Hà Nội`. */
  readonly name: string;
  /** Its name without the `Tỉnh` / `Thành phố` prefix, e.g. `Hà Nội`. */
  readonly short: string;
  /** `province` (tỉnh) or `city` (thành phố trực thuộc trung ương). */
  readonly kind: string;
  /**
   * Other spellings a certificate's ST attribute may use (matched after folding case, diacritics
   * and punctuation).
   */
  readonly aliases?: readonly string[];
  /** After the merger: the codes of the 63-unit map this unit was formed from. */
  readonly from?: readonly string[];
}

/**
 * The two province maps: the 63 units in force until 30 June 2025 and the 34 formed by Resolution
 * 202/2025/QH15 from 1 July 2025 (`src/metrics/data/provinces.json`).
 */
export interface ProvinceTables {
  /** The date of the tables' content, yyyy-MM-dd. */
  readonly version: string;
  /** First day (yyyy-MM-dd, Vietnam time) of the 34-unit map. */
  readonly boundary: string;
  /** The 63-unit map, in force before `boundary`. */
  readonly before: {
    /** Its units. */
    readonly units: readonly ProvinceUnit[];
  };
  /** The 34-unit map, in force from `boundary`. */
  readonly after: {
    /** Its units, each naming the 63-map codes it was formed from. */
    readonly units: readonly ProvinceUnit[];
    /** Whether the 34-map codes come from an official code list (false: provisional numbering). */
    readonly codesConfirmed: boolean;
  };
}

/** An agency on the national document axis, by OrganId. */
export interface AgencyEntry {
  /** Its OrganId, e.g. `000.00.00.H29`. */
  readonly code: string;
  /** Its name, in Vietnamese. */
  readonly name: string;
  /** `central` (a ministry or central body) or `province` (a provincial people's committee or its units). */
  readonly kind: string;
  /** Two-digit code in the 63-unit map. */
  readonly province?: string;
  /**
   * The entry was checked against an official list; false for codes tied to an agency from indirect
   * evidence.
   */
  readonly confirmed: boolean;
}

/**
 * The OrganId → agency table (`src/metrics/data/agencies.json`). A code not in it is unknown, never
 * guessed.
 */
export interface AgencyTable {
  /** The date of the table's content, yyyy-MM-dd. */
  readonly version: string;
  /** Its entries. */
  readonly agencies: readonly AgencyEntry[];
}

/**
 * Which province the first two digits of a tax code point to
 * (`src/metrics/data/tax-code-prefixes.json`): the allocation in force until 2020, a weak hint only
 * (a code keeps its digits when its holder moves).
 */
export interface TaxPrefixTable {
  /** The date of the table's content, yyyy-MM-dd. */
  readonly version: string;
  /**
   * A regular expression (source text) a tax code must match for the table to apply: 10 digits,
   * optionally `-` and a 3-digit branch number.
   */
  readonly appliesTo: string;
  /** The prefixes, each with the 63-map province code it points to. */
  readonly prefixes: readonly {
    /** The leading digits, e.g. `01`. */
    readonly prefix: string;
    /** The 63-map province code they point to. */
    readonly province: string;
    /** The allocation was checked against an official source. */
    readonly confirmed: boolean;
  }[];
}

/** What an OrganId says: well-formed or not, its own table entry and its level-1 unit's. */
export interface OrganLookup {
  /** The OrganId has the shape DDD.CC.BB.Xnn; when false, nothing else is looked up. */
  readonly wellFormed: boolean;
  /** The table's entry for this exact OrganId; undefined when it is not listed. */
  readonly entry?: AgencyEntry;
  /**
   * The entry of its level-1 unit (`000.00.00.Xnn`, same last three characters); undefined when not
   * listed.
   */
  readonly level1?: AgencyEntry;
}

/**
 * The lookup tables, indexed once, with the lookups the report facts use (methods, so
 * the report layer calls them without importing code from here).
 */
export interface Places {
  /** The province maps. */
  readonly provinces: ProvinceTables;
  /** The agency table. */
  readonly agencies: AgencyTable;
  /** The tax-code prefix table. */
  readonly taxPrefixes: TaxPrefixTable;
  /** The province a 63-map code stands for on `day` (yyyy-MM-dd); undefined without a day or for an unknown code. */
  provinceOn(code63: string, day: string | undefined): ProvinceRef | undefined;
  /** The 63-map code a province name (a certificate's ST, "Hà Nội", "HA NOI", "TP. Hồ Chí Minh") names, if any. */
  provinceCodeByName(name: string): string | undefined;
  /** The OrganId's table entries (its own, and its level-1 unit `000.00.00.Xnn`'s). */
  organ(organId: string): OrganLookup;
  /** The 63-map code a tax code's prefix names, where the table has it. */
  taxCodeProvince(taxCode: string):
    | {
        /** The 63-map province code. */
        code: string;
        /** The table's allocation for this prefix is confirmed. */
        confirmed: boolean;
      }
    | undefined;
}

/** A province in the map in force on the document's date. */
export interface ProvinceRef {
  /** Which map the province is on: `63` before 1 July 2025, `34` from then on. */
  readonly map: '63' | '34';
  /** Its code on that map. */
  readonly code: string;
  /** Its full name on that map. */
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

/**
 * Builds the lookups over your own tables (same shapes as the bundled JSON files), for callers who
 * maintain better tables than the bundled ones.
 */
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

/** The lookups over the tables bundled in `src/metrics/data/` (provinces, agencies, tax-code prefixes). */
export const BUNDLED_PLACES: Places = placesFrom(provincesData as ProvinceTables, agenciesData as AgencyTable, taxData as TaxPrefixTable);
