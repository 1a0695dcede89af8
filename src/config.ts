import envSchema from 'env-schema'
import { Type, type Static } from 'typebox'
import path from 'node:path'
import type { Role } from './db/schema/index.js'

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  REDIS_PREFIX: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]+$', default: 'duban' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Duban 督办 <duban@localhost>' }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 6000 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 6 * 1024 * 1024 }),
  RUN_WORKERS: Type.Boolean({ default: true }),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 128 })),
  PASSWORD_MAX_AGE_DAYS: Type.Integer({ minimum: 0, maximum: 3650, default: 90 }),
  REQUIRE_TOTP_ROLES: Type.String({ pattern: '^((admin|office|unit|supervisor|leader)(,(admin|office|unit|supervisor|leader))*)?$', default: '' }),
  TRUST_PROXY: Type.String({ default: 'false' }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  SIGN_IN_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
})

type RawConfig = Static<typeof ConfigSchema>

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseFile: string
  outboxDir: string
  redisUrl: string
  redisPrefix: string
  smtpUrl: string | undefined
  mailFrom: string
  adminToken: string | undefined
  logLevel: string
  rateLimitPerMinute: number
  bodyLimitBytes: number
  runWorkers: boolean
  adminPassword: string | undefined
  /** 0: passwords never expire. */
  passwordMaxAgeDays: number
  requireTotpRoles: Role[]
  /** Fastify's `trustProxy`: false, true, a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string
  sessionIdleMinutes: number
  sessionMaxHours: number
  signInPerMinute: number
}

function trustProxyOf(value: string): boolean | number | string {
  const v = value.trim()
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  if (/^\d+$/.test(v)) return Number(v)
  return v
}

export class ConfigError extends Error {}

/** Reads and validates the environment once, at start; an invalid value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let raw: RawConfig
  try {
    raw = envSchema<RawConfig>({ schema: ConfigSchema, data: { ...env }, env: false, dotenv: false })
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${(err as Error).message}`)
  }
  const dataDir = path.resolve(raw.DATA_DIR)
  return {
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'duban.db'),
    outboxDir: path.join(dataDir, 'outbox'),
    redisUrl: raw.REDIS_URL,
    redisPrefix: raw.REDIS_PREFIX,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    adminToken: raw.ADMIN_TOKEN,
    logLevel: raw.LOG_LEVEL,
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: raw.BODY_LIMIT_BYTES,
    runWorkers: raw.RUN_WORKERS,
    adminPassword: raw.ADMIN_PASSWORD,
    passwordMaxAgeDays: raw.PASSWORD_MAX_AGE_DAYS,
    requireTotpRoles: raw.REQUIRE_TOTP_ROLES ? (raw.REQUIRE_TOTP_ROLES.split(',') as Role[]) : [],
    trustProxy: trustProxyOf(raw.TRUST_PROXY),
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES,
    sessionMaxHours: raw.SESSION_MAX_HOURS,
    signInPerMinute: raw.SIGN_IN_PER_MINUTE,
  }
}
