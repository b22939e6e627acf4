/**
 * The change whitelist: every change after signing that kyso explains, one named rule per
 * class of change, with the tools known to write it and why it leaves what a reader sees
 * of the signed revision as it was. modifications.ts finds the changes and names the rule
 * that explains each; a change no rule explains is `other` and fails every earlier
 * signature (fail closed).
 *
 * `level` is the modification level the rule grants; DocMDP decides where it is allowed:
 * `ltv` under every permission (P=1, 2, 3 and uncertified), `form-filling` under P=2 and
 * P=3 (and uncertified), `annotations` under P=3 only. `signing` is `form-filling` for a
 * signature and `ltv` for a document timestamp made in the revision. `none` is no change
 * a reader can see. FieldMDP locks then turn a rule's change of a locked field into `other`.
 */
import type { ModificationLevel } from '../../report/types.js';

export interface ChangeRule {
  readonly level: ModificationLevel | 'signing';
  /** Tools whose ordinary output makes this change (as measured on the real-world corpus and samples). */
  readonly producers: string;
  /** Why a reader of the signed revision sees nothing else (or what the level admits). */
  readonly why: string;
}

export const CHANGE_RULES = {
  'unused-object': {
    level: 'none',
    producers: 'every incremental writer (leftovers, freed objects)',
    why: 'an object nothing in the new revision refers to, or a freed one nothing refers to, is not part of the document',
  },
  'same-content': {
    level: 'none',
    producers: 'iText, Acrobat (page /Resources, AcroForm /DR re-pointed while copying)',
    why: 'a reference re-pointed to an object whose resolved content equals the old one: a reader resolves the same values',
  },
  'inherited-attribute': {
    level: 'none',
    producers: 'iText 5 (PdfReader copies the inherited /MediaBox, /CropBox, /Resources, /Rotate into each page it rewrites, e.g. for a visible signature)',
    why: 'an inheritable page attribute written on the page with the value it inherited from the page tree (or removed where it inherits the same value): a reader resolves the same values',
  },
  'document-info': {
    level: 'ltv',
    producers: 'every signing tool (/ModDate, /Producer)',
    why: 'the /Info dictionary is metadata no viewer draws on a page',
  },
  'xmp-metadata': {
    level: 'ltv',
    producers: 'Acrobat, iText (XMP packet updated on signing)',
    why: 'the catalog /Metadata stream is metadata no viewer draws on a page',
  },
  dss: {
    level: 'ltv',
    producers: 'iText, EU DSS, pyHanko, Acrobat (PAdES-LT/LTA)',
    why: 'the Document Security Store holds certificates, CRLs and OCSP responses for validation; nothing on a page refers to it',
  },
  extensions: {
    level: 'ltv',
    producers: 'iText, pyHanko, EU DSS (ESIC/ADBE developer extensions)',
    why: 'declares which extensions the file uses; nothing a reader shows',
  },
  'catalog-version': {
    level: 'ltv',
    producers: 'iText, pyHanko (catalog /Version raised for PAdES or ECDSA signatures)',
    why: 'a version number; it changes no object a page shows',
  },
  'catalog-copy': {
    level: 'ltv',
    producers: 'PDFBox, EU DSS, some iText modes (trailer /Root pointing to a new catalog copied from the old one)',
    why: 'the new catalog resolves to the old one entry by entry; each entry that differs is judged by its own rule',
  },
  'page-tree-private-key': {
    level: 'ltv',
    producers: 'iText (/ITXT version stamp on the page tree root)',
    why: 'a key the PDF specification does not define on a page tree node, holding a plain value: viewers ignore it and pages do not inherit it',
  },
  'font-obsolete-name': {
    level: 'ltv',
    producers: 'PDFBox, iText (font dictionaries rewritten without the PDF 1.0 /Name)',
    why: '/Name of a font dictionary is obsolete and ignored by readers; every other entry resolves to the same content',
  },
  'new-signature': {
    level: 'signing',
    producers: 'every signing tool',
    why: 'a signature field (new, or an existing empty one) receives its signature value, widget appearance and /Fields, /Annots, /SigFlags bookkeeping; the new signature covers what its widget shows',
  },
  'signature-widget-appended': {
    level: 'signing',
    producers: 'pyHanko, Acrobat (an existing widget of the field being signed added to its page /Annots)',
    why: 'the widget belongs to the field signed in the same revision, so that signature covers what it shows',
  },
  'certification-perms': {
    level: 'signing',
    producers: 'every tool that certifies (catalog /Perms /DocMDP for the certification made in the revision)',
    why: 'the permissions of the signature made in the same revision; no earlier signature is given up',
  },
  'empty-signature-field': {
    level: 'form-filling',
    producers: 'Acrobat, iText, pyHanko (a field prepared for the next signer)',
    why: 'a new signature field whose widgets show nothing: nothing on the page changes',
  },
  'widget-lock-flags': {
    level: 'form-filling',
    producers: 'Acrobat Reader (widget /F 4 → 132 when signing: print + locked)',
    why: 'only the Locked (128) and LockedContents (512) annotation flags are added: they stop later edits, they do not change what is drawn',
  },
  'signature-field-lock': {
    level: 'form-filling',
    producers: 'Acrobat, iText (signature field /Ff 1 read-only, /Lock dictionary)',
    why: 'a signature field made read-only or given a lock dictionary restricts later changes and shows nothing new',
  },
  'default-resources': {
    level: 'form-filling',
    producers:
      'every tool adding a visible signature (AcroForm /DR gains the appearance font or an XObject); PDFBox 2 (its form fixup adds /Helv and /ZaDb to an indirect /DR /Font dictionary in place); PDFBox 1.8 (its visible signature puts its template\'s /DR in place of the form\'s)',
    why: 'every resource the form keeps resolves to the same content; new names are added (in place only to a category dictionary nothing but /DR uses) or old ones dropped (a dropped one a field\'s /DA names, or a new one, is refused under a field lock)',
  },
  'form-defaults': {
    level: 'form-filling',
    producers: 'Acrobat, iText (AcroForm /DA, /NeedAppearances)',
    why: 'form-wide defaults a viewer rebuilds field appearances from: form filling, refused under a FieldMDP lock (a form /DA only where a text or choice field has none of its own)',
  },
  'field-value': {
    level: 'form-filling',
    producers: 'every form filler (/V, /AS, /M, /RV of a field that is not read-only)',
    why: 'DocMDP P=2 allows filling in form fields',
  },
  'choice-selection': {
    level: 'form-filling',
    producers: 'Acrobat, iText (choice field /I with its /V)',
    why: 'the selected indices of a choice field, changed together with its value',
  },
  'field-appearance': {
    level: 'form-filling',
    producers: 'every form filler (appearance of a field whose value changed in the same revision)',
    why: 'the appearance follows the new value; an appearance of a text or choice field changed while its value stays the same is not form filling',
  },
  'struct-tree-extension': {
    level: 'form-filling',
    producers: 'iText, Acrobat on tagged PDFs (structure element and /ParentTree entry for the new widget or annotation)',
    why: 'existing structure elements keep their kids and every old /ParentTree entry resolves to the same content; new elements tag only annotations added in the revision',
  },
  'struct-tree-annotation-removed': {
    level: 'annotations',
    producers: 'iText on tagged PDFs (annotations removed with their /OBJR kids and /ParentTree keys)',
    why: 'only the structure entries of annotations removed in the same revision go; removing annotations is allowed under DocMDP P=3 only',
  },
  'page-tabs-structure': {
    level: 'form-filling',
    producers: 'iText (page /Tabs /S on tagged documents when adding a widget)',
    why: 'tab order follows the structure tree: keyboard navigation, nothing drawn',
  },
  'page-tabs': {
    level: 'annotations',
    producers: 'iText, Acrobat (page /Tabs set to row or column order)',
    why: 'tab order among annotations; judged with annotations (DocMDP P=3)',
  },
  annotation: {
    level: 'annotations',
    producers: 'Acrobat, iText, pdf.js (comments, highlights, stamps)',
    why: 'DocMDP P=3 allows annotations; drawn on top of the page, they are reported',
  },
  'widget-removed': {
    level: 'annotations',
    producers: 'iText (widgets of non-signature fields removed from the pages)',
    why: 'removing a non-signature widget is an annotation change (DocMDP P=3 only); the field keeps its value',
  },
} as const satisfies Record<string, ChangeRule>;

export type ChangeRuleName = keyof typeof CHANGE_RULES;
