/**
 * CSV as RFC 4180 writes it, for exports opened in spreadsheets: every cell quoted where needed,
 * lines ended by CRLF. A cell that a spreadsheet would run as a formula (starting with = + - @,
 * or a tab or carriage return before one) is prefixed with ' so it shows as text (OWASP "CSV
 * injection"): token titles and names are typed by users.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}
