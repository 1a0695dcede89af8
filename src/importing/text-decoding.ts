/** A UTF-16 byte order mark: Notepad's "Unicode" saves text so. */
export const utf16Bom = (bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null =>
  bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null

/** Text from a file: UTF-16 with its BOM, UTF-8 (a BOM is dropped), else GB18030 — what Chinese Windows tools save by default. */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Bom(bytes)
  if (utf16) return new TextDecoder(utf16).decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}
