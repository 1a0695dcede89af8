import { createHash, randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
const PERIOD = 30
const ISSUER = 'Duban 督办'

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

export async function totpEnrolment(secret: string, label: string) {
  const otpauthUrl = new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD }).toString()
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { secret, otpauthUrl, qrSvg }
}

/**
 * The time step a code belongs to if it is valid now (one step of drift either way), else null. The caller
 * accepts each step once per user, so a code seen over someone's shoulder cannot be replayed.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const timestamp = now.getTime()
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), period: PERIOD, timestamp, window: 1 })
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp }) + delta
}

/** The code of a secret at a moment (tests, and nothing else needs it). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD, timestamp: at.getTime() })
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
/** Ten one-time recovery codes like `k7dm-3xqa-p9te`, about 59 bits each. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(12)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

/** Recovery codes are random enough that SHA-256 is the right hash (as for tokens); case and dashes are forgiven. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[^a-z0-9]/g, '')).digest('hex')
}
