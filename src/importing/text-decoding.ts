/** Text from a file: UTF-8 (a BOM is dropped), else GB18030 — what Chinese Windows tools save by default. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}
