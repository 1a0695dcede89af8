import type { SummaryContent } from '../domain/summaries/content.js'

const CHUNK_CHARS = 1 << 16

/** Writes `JSON.stringify(content)` to `sink` in pieces of about CHUNK_CHARS characters, each top-level list element by element. */
function writeJson(content: SummaryContent, sink: (text: string) => void): void {
  let pending = ''
  const write = (text: string) => {
    pending += text
    if (pending.length >= CHUNK_CHARS) {
      sink(pending)
      pending = ''
    }
  }
  let separator = '{'
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined) continue
    write(`${separator}${JSON.stringify(key)}:`)
    separator = ','
    if (Array.isArray(value)) {
      write('[')
      for (let i = 0; i < value.length; i++) write(`${i ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`)
      write(']')
    } else write(JSON.stringify(value))
  }
  write(separator === '{' ? '{}' : '}')
  sink(pending)
}

/**
 * `JSON.stringify(content)` as UTF-8, byte for byte. A summary of 100,000 tasks is tens of megabytes of JSON:
 * as one string (two bytes a character once it holds Chinese) it would be built in pieces, flattened, then
 * converted to UTF-8 again for hashing and for the database, each copy adding to the process's peak memory.
 * Written twice instead, a piece at a time: once to measure, once into a buffer of exactly that size.
 */
export function contentBytes(content: SummaryContent): Buffer {
  let length = 0
  writeJson(content, (text) => { length += Buffer.byteLength(text, 'utf8') })
  const bytes = Buffer.allocUnsafe(length)
  let offset = 0
  writeJson(content, (text) => { offset += bytes.write(text, offset, 'utf8') })
  return bytes
}
