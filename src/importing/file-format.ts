import { Unzip, UnzipInflate } from 'fflate'
import { Problem, unprocessable } from '../http/problem.js'
import { utf16Bom } from './text-decoding.js'

/** What an uploaded plan file is, told from its content (magic bytes), never from its name. Text is UTF-8, GB18030 or UTF-16 with a BOM. */
export type FileFormat = 'pdf' | 'docx' | 'doc' | 'xlsx' | 'text'

export const fileProblem = (detail: string) => unprocessable(detail, [{ in: 'body', field: 'file', detail }])
export const fileTooLarge = (detail: string) => new Problem(413, 'Content Too Large', detail, { errors: [{ in: 'body', field: 'file', detail }] })

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b)
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** A stream's name in an OLE2 directory is UTF-16LE. */
const utf16 = (name: string) => Buffer.from(name, 'utf16le')
const ENCRYPTION_INFO = utf16('EncryptionInfo')
const WORD_DOCUMENT = utf16('WordDocument')
const WORKBOOK = utf16('Workbook')

/** The most a docx or xlsx may expand to: more is a zip bomb, refused before it fills memory. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
/** Compressed bytes fed to the inflater at a time: one push expands to at most ~1,000× this. */
const UNZIP_CHUNK = 16 * 1024

/**
 * The zip's entries, every one inflated as a stream while counting what comes out: declared sizes
 * can lie, so the count is of real bytes, and it stops at `limit`. Entries `keep` names are kept.
 */
export function unzipCapped(bytes: Uint8Array, keep: (name: string) => boolean = () => false, limit = MAX_UNZIPPED_BYTES): { names: string[]; files: Map<string, Uint8Array> } {
  const names: string[] = []
  const files = new Map<string, Uint8Array>()
  let total = 0
  let failure: Error | null = null
  const unzip = new Unzip((file) => {
    names.push(file.name)
    const chunks: Uint8Array[] | null = keep(file.name) ? [] : null
    file.ondata = (err, chunk, final) => {
      if (err) failure ??= err
      total += chunk?.length ?? 0
      if (total > limit && !failure) {
        failure = fileTooLarge(`The file expands past ${limit / 1024 / 1024} MB when unzipped: refused as a zip bomb.`)
        file.terminate()
        return
      }
      if (chunks && chunk) chunks.push(chunk)
      if (chunks && final) files.set(file.name, Buffer.concat(chunks))
    }
    try {
      file.start()
    } catch (err) {
      failure ??= err as Error
    }
  })
  unzip.register(UnzipInflate)
  try {
    for (let at = 0; at < bytes.length && !failure; at += UNZIP_CHUNK) {
      unzip.push(bytes.subarray(at, at + UNZIP_CHUNK), at + UNZIP_CHUNK >= bytes.length)
    }
  } catch (err) {
    failure ??= err as Error
  }
  if (failure instanceof Problem) throw failure
  if (failure) throw fileProblem(`The file is a damaged zip archive (${failure.message}).`)
  return { names, files }
}

/** A .docx's body and list definitions, inflated while its format was told (so they are inflated once). */
export const DOCX_BODY = 'word/document.xml'
export const DOCX_NUMBERING = 'word/numbering.xml'

const SECTOR = 512
const FIB_IDENT = 0xa5ec
/** FIB flags: fEncrypted, and fObfuscated (XOR "encryption"), in the word at offset 0x0A. */
const ENCRYPTED_FLAGS = 0x0100 | 0x8000

/**
 * Whether a Word 97–2003 file is encrypted: its WordDocument stream starts on a sector boundary with
 * the FIB (wIdent 0xA5EC), whose flags say so. Office's own password protection and WPS's both set them.
 */
function wordFileEncrypted(buf: Buffer): boolean {
  for (let at = SECTOR; at + 12 <= buf.length; at += SECTOR) {
    if (buf.readUInt16LE(at) === FIB_IDENT && buf.readUInt16LE(at + 2) >= 0x00c1) return (buf.readUInt16LE(at + 0x0a) & ENCRYPTED_FLAGS) !== 0
  }
  return false
}

/** The format of an uploaded file; an encrypted Office file or an unknown binary is a 422. */
export function detectFormat(bytes: Uint8Array): { format: FileFormat; docx?: { body?: Uint8Array; numbering?: Uint8Array } } {
  if (bytes.length === 0) throw fileProblem('The file is empty.')
  // A PDF's header may follow a little junk; readers look in the first kilobyte.
  if (startsWith(bytes, PDF) || Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return { format: 'pdf' }
  if (startsWith(bytes, OLE2)) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    // Office 2007+ files saved with a password are an OLE2 container holding EncryptionInfo and the encrypted package.
    if (buf.includes(ENCRYPTION_INFO)) throw fileProblem('The file is encrypted (saved with a password): save it again without a password and upload that.')
    if (buf.includes(WORD_DOCUMENT)) {
      if (wordFileEncrypted(buf)) throw fileProblem('The Word document is encrypted (saved with a password): save it again without a password and upload that.')
      return { format: 'doc' }
    }
    if (buf.includes(WORKBOOK)) throw fileProblem('This is an old .xls workbook: save it as .xlsx or CSV (UTF-8) and upload that.')
    throw fileProblem('The file is an Office container that holds no Word document.')
  }
  if (startsWith(bytes, ZIP)) {
    const { names, files } = unzipCapped(bytes, (name) => name === DOCX_BODY || name === DOCX_NUMBERING)
    if (names.includes(DOCX_BODY)) return { format: 'docx', docx: { body: files.get(DOCX_BODY), numbering: files.get(DOCX_NUMBERING) } }
    if (names.includes('xl/workbook.xml')) return { format: 'xlsx' }
    throw fileProblem('The file is a zip archive but neither a Word document (.docx) nor an Excel workbook (.xlsx).')
  }
  // Files sites publish as ".doc" that are no Word 97 file: RTF, and web pages (HTML, MHT) Word or WPS saved.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase()
  if (head.startsWith('{\\rtf')) throw fileProblem('This is an RTF document: open it in Word or WPS, save it as .docx, and upload that.')
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<\?mso-application|mime-version:)/.test(head) || head.includes('xmlns:w="urn:schemas-microsoft-com:office:word"')) {
    throw fileProblem('This is a web page saved as a Word file (HTML or MHT): open it in Word or WPS, save it as .docx, and upload that.')
  }
  if (utf16Bom(bytes)) return { format: 'text' }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw fileProblem('The file is not a format a plan is read from: upload .docx, .doc, .pdf, .txt (UTF-8 or GB18030), .xlsx or .csv.')
  }
  return { format: 'text' }
}
