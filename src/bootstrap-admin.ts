import { randomBytes } from 'node:crypto'
import type { SessionService } from './auth/session-service.js'
import { ConfigError } from './config.js'
import { passwordRuleBroken } from './domain/password-rules.js'
import type { Repositories } from './repositories/index.js'

export const BOOTSTRAP_LOGIN = 'admin'

export interface AdminBootstrap {
  created: boolean
  /** The generated API token, to print once (absent when ADMIN_TOKEN chose it). */
  token?: string
  /** The sign-in the console offers the admin: login, and the generated password to print once. */
  login?: string
  password?: string
}

/** A random initial password that meets the rules (upper, lower, digit, symbol). */
function initialPassword(): string {
  for (;;) {
    const candidate = `Db-${randomBytes(9).toString('base64url')}7`
    if (!passwordRuleBroken(candidate, BOOTSTRAP_LOGIN) && /[a-z]/.test(candidate)) return candidate
  }
}

/**
 * On first start there is no admin: create one, with ADMIN_TOKEN or a generated token returned to print once,
 * and the console login `admin` with ADMIN_PASSWORD or a generated password (changed at the first sign-in).
 * An installation from before sign-in existed gets the login on its first admin once, the same way.
 */
export async function ensureAdmin(
  repos: Repositories, sessions: SessionService, opts: { adminToken?: string; adminPassword?: string },
): Promise<AdminBootstrap> {
  const password = opts.adminPassword ?? initialPassword()
  const broken = opts.adminPassword ? passwordRuleBroken(opts.adminPassword, BOOTSTRAP_LOGIN) : null
  if (broken) throw new ConfigError(`Invalid configuration: ADMIN_PASSWORD breaks the password rules (${broken})`)
  const shown = opts.adminPassword ? undefined : password
  if (repos.users.countAdmins() === 0) {
    const hashed = await sessions.adminPassword(password, BOOTSTRAP_LOGIN, 'ADMIN_PASSWORD')
    const { token } = repos.users.create({ name: '系统管理员', role: 'admin', login: BOOTSTRAP_LOGIN, password: hashed }, null, opts.adminToken)
    return { created: true, token: opts.adminToken ? undefined : token, login: BOOTSTRAP_LOGIN, password: shown }
  }
  const first = repos.users.firstAdmin()
  const anyAdminCanSignIn = repos.users.list({ role: 'admin', limit: 1000 }).some((u) => u.login && repos.sessions.credentialsById(u.id)?.passwordHash)
  if (!first || anyAdminCanSignIn || first.login || repos.users.loginTaken(BOOTSTRAP_LOGIN)) return { created: false }
  const hashed = await sessions.adminPassword(password, BOOTSTRAP_LOGIN, 'ADMIN_PASSWORD')
  repos.users.update(first.id, { login: BOOTSTRAP_LOGIN }, first.id, () => sessions.resetPassword(first.id, hashed, first.id))
  return { created: false, login: BOOTSTRAP_LOGIN, password: shown }
}
