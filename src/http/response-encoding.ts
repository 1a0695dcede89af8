import { Negotiator } from '@fastify/accept-negotiator'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { LRUCache } from 'lru-cache'
import zlib from 'node:zlib'

const negotiator = new Negotiator<'gzip' | 'identity'>({
  supportedValues: ['gzip', 'identity'],
  cache: new LRUCache<string, string>({ max: 256 }),
})

/**
 * gzip at a fast level, because a cold answer is compressed on the request path. The copy keeps a small
 * body from pinning zlib's 16 KiB output chunk while it sits in a cache.
 */
export function gzip(text: string): Buffer {
  return Buffer.from(zlib.gzipSync(text, { level: 3 }))
}

/** Sends a gzip body as it is to clients that accept gzip, and decoded to those that do not. */
export function sendGzipped(request: FastifyRequest, reply: FastifyReply, body: Buffer) {
  reply.header('vary', 'accept-encoding')
  const accept = request.headers['accept-encoding']
  if (accept && negotiator.negotiate(accept) === 'gzip') return reply.header('content-encoding', 'gzip').send(body)
  return reply.send(zlib.gunzipSync(body))
}
