import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * scrypt, memory-hard: N=2^14, r=8 takes 16 MiB and about 30 ms per hash on a 2-core server, which keeps ten
 * concurrent sign-ins under 300 ms. The parameters are stored with each hash, so raising them later only
 * affects new hashes; a sign-in with an older hash rehashes it (see `needsRehash`).
 */
export const CURRENT_PARAMS = { N: 2 ** 14, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const SALT_BYTES = 16

interface Params { N: number; r: number; p: number }

function derive(password: string, salt: Buffer, params: Params, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, params: Params = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, params, KEY_LENGTH)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = parts.slice(1, 4).map(Number)
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p)) return null
  return { params: { N: N!, r: r!, p: p! }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') }
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored)
  return !parsed || parsed.params.N < CURRENT_PARAMS.N || parsed.params.r < CURRENT_PARAMS.r || parsed.params.p < CURRENT_PARAMS.p
}

let dummy: Promise<string> | undefined
/** A hash to verify against when the login is unknown, so that its answer takes as long as a wrong password's. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}
