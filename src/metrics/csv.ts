/**
 * The one CSV cell encoder of every CSV kyso writes (`kyso verify --format csv`, metrics CSV), and
 * its inverse for reading metrics CSV back.
 *
 * Warning first: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return as a formula (CSV injection), and names in reports come from documents (an edXML
 * OrganName, a certificate's O), i.e. from whoever made the document. Such a cell gets a leading
 * `'`, which spreadsheets show as text. A value that already starts with `'` before one of those
 * characters gets one more, so `csvCellValue` gives back exactly the value written.
 */

const FORMULA = /^'*[=+\-@\t\r]/;

/** RFC 4180 quoting, and a leading `'` on values a spreadsheet would run as a formula. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The value `csvCell` wrote, from a field already unquoted (RFC 4180): the `'` it added is dropped. */
export function csvCellValue(field: string): string {
  return field.startsWith("'") && FORMULA.test(field) ? field.slice(1) : field;
}
