const QUOTED = /[",\n\r]/u;
const QUOTED_BUT_CR = /[",\n]/u;
/**
 * A CSV field as csv-stringify writes it, for rows built as strings on the hot paths: quoted when it
 * holds a comma, a quote or a line break (a carriage return only with `carriageReturn`), quotes
 * doubled.
 */
export function csvField(value: string, carriageReturn = true): string {
  return (carriageReturn ? QUOTED : QUOTED_BUT_CR).test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
