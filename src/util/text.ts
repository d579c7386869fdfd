/** Bytes of `text` in UTF-8: Apps Script's property limits count bytes, not characters. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** JSON from a stored or fetched text; undefined for none or garbage (never throws). */
export function parseJson<T>(text: string | undefined): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}
