/** The kinds of evidence file (佐证材料) the service keeps, by the type sniffed from the content. */

export interface Sniffed { ext: string; mime: string }

/** Legacy office formats share the OLE2 compound-file container; the name's extension tells them apart. */
const COMPOUND_FILE_TYPES: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
}

const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
}

export type EvidenceType = { ok: true; type: string } | { ok: false; found: string }

/** Decides what an upload is from what its content was sniffed as (`undefined`: nothing recognised) and its name. */
export function evidenceTypeOf(sniffed: Sniffed | undefined, fileName: string): EvidenceType {
  if (!sniffed) return { ok: false, found: 'unknown (not a recognised file format)' }
  const allowed = ALLOWED[sniffed.ext]
  if (allowed) return { ok: true, type: allowed }
  if (sniffed.ext === 'cfb') {
    const ext = fileName.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? ''
    const type = COMPOUND_FILE_TYPES[ext]
    return type ? { ok: true, type } : { ok: false, found: `${sniffed.mime} (an OLE2 compound file that is not named .doc, .xls, .wps or .et)` }
  }
  return { ok: false, found: sniffed.mime }
}

/** Shown in the browser (PDF, images) rather than downloaded. */
export const opensInline = (type: string) => type === 'application/pdf' || type === 'image/jpeg' || type === 'image/png'

export const isImage = (type: string) => type.startsWith('image/')
