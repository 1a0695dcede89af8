import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import contentDisposition from 'content-disposition'
import { fileTypeFromFile } from 'file-type'
import fs from 'node:fs'
import path from 'node:path'
import { Type } from 'typebox'
import type { Config } from '../config.js'
import { evidenceTypeOf, isImage, opensInline } from '../domain/evidence-types.js'
import { createBlobStore, type Received } from '../files/blob-store.js'
import { badRequest, notFound, Problem } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { EVERYONE, READERS } from '../plugins/auth.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { StoredFileSchema, TaskFileListSchema } from '../schemas/files.js'

const tags = ['files']
const DAY_MS = 24 * 60 * 60 * 1000
const PREVIEW_PX = 480
const binary = (description: string, types: string[]) => ({ description, content: Object.fromEntries(types.map((t) => [t, { schema: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }) }])) })
const tooLarge = (max: number) => new Problem(413, 'Content Too Large', `The file is larger than ${max} bytes (ATTACHMENT_MAX_BYTES); nothing was kept.`)

/** Evidence files (佐证材料): upload first (streamed to disk, content-addressed), then name them in an item's attachmentIds. */
const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const { files } = app.repos
  const max = config.attachmentMaxBytes
  const store = createBlobStore(config.filesDir)
  const previewDir = path.join(config.filesDir, 'previews')
  const previewOf = (sha: string) => path.join(previewDir, `${sha}.jpg`)
  const removeBlob = (sha: string) => {
    store.remove(sha)
    fs.rmSync(previewOf(sha), { force: true })
  }
  await app.register(multipart, { limits: { fileSize: max, files: 1, fields: 5, parts: 6 } })

  // What an upload a killed process left half-done (a temp file, or a blob whose row was never written) is removed
  // before the first request; uploads never attached are purged after a day, here and hourly.
  const purge = () => files.purgeUnattached(DAY_MS, removeBlob)
  app.addHook('onReady', async () => {
    store.clearTemp()
    for (const sha of store.hashes()) if (!files.hasRowFor(sha)) removeBlob(sha)
    purge()
  })
  const timer = setInterval(() => {
    try { purge() } catch (err) { app.log.error({ err }, 'purging unattached files failed') }
  }, 60 * 60 * 1000).unref()
  app.addHook('onClose', async () => clearInterval(timer))

  app.post('/api/files', {
    config: { roles: EVERYONE },
    schema: {
      tags, summary: 'Upload an evidence file (multipart/form-data, one part named `file`); attach it by id afterwards',
      description: 'Allowed, by content: PDF, docx, xlsx, doc, xls, wps, et, JPEG, PNG, HEIC, zip — anything else is 415 naming the type found. '
        + 'More than ATTACHMENT_MAX_BYTES (50 MB by default) is 413 and nothing is kept. The same content is stored once. '
        + 'An upload not attached within a day is purged.',
      consumes: ['multipart/form-data'],
      response: { 201: ref(StoredFileSchema), ...problems(400, 403, 413, 415) },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new Problem(415, 'Unsupported Media Type', 'Send the file as multipart/form-data with one part named `file`.')
    const part = await request.file()
    if (!part || part.fieldname !== 'file') throw badRequest('Send the file in a part named `file`.', [{ in: 'body', field: 'file', detail: 'is required' }])
    const name = part.filename.trim().slice(0, 255)
    if (!name) throw badRequest('The file part needs a file name.', [{ in: 'body', field: 'file', detail: 'has no file name' }])
    let received: Received
    try {
      received = await store.receive(part.file)
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(max)
      throw err
    }
    try {
      if (part.file.truncated || received.size > max) throw tooLarge(max)
      if (received.size === 0) throw badRequest('The file is empty.', [{ in: 'body', field: 'file', detail: 'is empty' }])
      const kind = evidenceTypeOf(await fileTypeFromFile(received.tmpPath), name)
      if (!kind.ok) throw new Problem(415, 'Unsupported Media Type', `${kind.found} is not accepted as evidence; send PDF, Word/Excel/WPS, JPEG, PNG, HEIC or zip.`, { found: kind.found })
      // Synchronous from here: the blob is in place and its row written before any purge can look at that hash.
      store.keep(received)
      const stored = files.insert({ name, size: received.size, type: kind.type, sha256: received.sha256 }, viewerOf(request))
      return reply.code(201).header('location', `/api/files/${stored.id}`).send(stored)
    } finally {
      store.discard(received)
    }
  })

  app.get('/api/files/:id', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'Download a file: PDFs and images open in the browser, the rest download (RFC 6266 file name, Chinese names kept)',
      params: IdParams, response: { 200: binary('The file as uploaded', ['application/octet-stream']), ...problems(400, 403, 404) },
    },
  }, async (request, reply) => {
    const row = files.requireVisible(request.params.id, viewerOf(request))
    const blob = store.pathOf(row.sha256)
    if (!fs.existsSync(blob)) throw notFound(`The content of file ${row.id}`)
    return reply.headers({
      'content-type': row.type,
      'content-length': row.size,
      'content-disposition': contentDisposition(row.name, { type: opensInline(row.type) ? 'inline' : 'attachment' }),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400',
      etag: `"${row.sha256}"`,
    }).send(fs.createReadStream(blob))
  })

  app.get('/api/files/:id/preview', {
    config: { roles: READERS },
    schema: {
      tags, summary: `A JPEG preview of an image file, at most ${PREVIEW_PX} px a side, turned upright by its EXIF orientation`,
      description: 'Files that are not images are 415. HEIC photos are 415 too when the image library here cannot decode HEIC (the prebuilt one cannot); download the original.',
      params: IdParams, response: { 200: binary('The preview', ['image/jpeg']), ...problems(400, 403, 404, 415) },
    },
  }, async (request, reply) => {
    const row = files.requireVisible(request.params.id, viewerOf(request))
    if (!isImage(row.type)) throw new Problem(415, 'Unsupported Media Type', `File ${row.id} is ${row.type}; only images have previews.`)
    const cached = previewOf(row.sha256)
    if (!fs.existsSync(cached)) {
      let jpeg: Buffer
      try {
        // Loaded on the first preview: the image library holds some 20 MB that a server without photos never needs.
        const { default: sharp } = await import('sharp')
        jpeg = await sharp(store.pathOf(row.sha256)).rotate().resize(PREVIEW_PX, PREVIEW_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer()
      } catch {
        throw new Problem(415, 'Unsupported Media Type', `No preview can be made of file ${row.id} (${row.type}) on this server; download the original.`)
      }
      fs.mkdirSync(previewDir, { recursive: true })
      const tmp = `${cached}.${process.pid}.tmp`
      fs.writeFileSync(tmp, jpeg)
      fs.renameSync(tmp, cached)
    }
    return reply.headers({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=86400' }).send(fs.createReadStream(cached))
  })

  app.delete('/api/files/:id', {
    config: { roles: EVERYONE },
    schema: { tags, summary: 'Remove your own upload that is not attached yet (attached files are part of a submitted item: 409)', params: IdParams, response: { 204: Type.Null(), ...problems(400, 403, 404, 409) } },
  }, async (request, reply) => {
    files.remove(request.params.id, viewerOf(request), removeBlob)
    return reply.code(204).send(null)
  })

  app.get('/api/tasks/:id/files', {
    config: { roles: READERS },
    schema: { tags, summary: 'Every evidence file on a task, with the item that carries it', params: IdParams, response: { 200: ref(TaskFileListSchema), ...problems(400, 403, 404) } },
  }, async (request) => ({ items: files.ofTask(request.params.id, viewerOf(request)) }))
}
export default routes
