import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const SESSION_COOKIE = 'duban_session'
export const CSRF_HEADER = 'x-csrf-token'

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * The CSRF token of a session, derived from its cookie token so that nothing more is stored; the database
 * holds only the cookie token's SHA-256, from which this cannot be computed.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`csrf\0${sessionToken}`).digest('base64url')
}

export function csrfMatches(sessionToken: string, sent: string | undefined): boolean {
  if (!sent) return false
  const expected = Buffer.from(csrfTokenOf(sessionToken))
  const given = Buffer.from(sent)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
