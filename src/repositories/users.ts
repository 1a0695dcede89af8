import { and, asc, eq, gt, sql } from 'drizzle-orm'
import { passwordHistory, units, users, type Role } from '../db/schema/index.js'
import { conflict, notFound, unprocessable } from '../http/problem.js'
import { hashToken, newToken } from '../http/tokens.js'
import { recordAudit } from './audit.js'
import type { Db, Tx } from './db-types.js'
import type { UnitsRepository } from './units.js'

/** A password already hashed by the caller (hashing is asynchronous; transactions are not). */
export interface HashedPassword { hash: string; at: string }

export interface UserInput {
  name: string
  email?: string | null
  role: Role
  unitId?: number | null
  login?: string | null
  password?: HashedPassword
}

export interface UserPatch {
  name?: string
  email?: string | null
  role?: Role
  unitId?: number | null
  login?: string | null
}

const publicColumns = {
  id: users.id, name: users.name, email: users.email, role: users.role, unitId: users.unitId, createdAt: users.createdAt,
  login: users.login, totpEnabled: sql<boolean>`${users.totpSecret} IS NOT NULL`.mapWith(Boolean), lockedUntil: users.lockedUntil,
}

const isUniqueLogin = (err: unknown) => (err as { code?: string; message?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /users\.login/.test((err as Error).message)
const loginTaken = (login: string) => conflict(`The login ${login} is taken.`, { errors: [{ in: 'body', field: 'login', detail: '登录名已被使用' }] })

export function createUsersRepository(db: Db, unitsRepo: UnitsRepository) {
  const checkRoleAndUnit = (role: Role, unitId: number | null | undefined) => {
    if (role === 'unit' && !unitId) throw unprocessable('A unit user needs a unit.', [{ in: 'body', field: 'unitId', detail: 'is required for role unit' }])
    if (role !== 'unit' && unitId) throw unprocessable('Only unit users belong to a unit.', [{ in: 'body', field: 'unitId', detail: `must be absent for role ${role}` }])
    if (unitId && !unitsRepo.get(unitId)) throw unprocessable(`Unit ${unitId} does not exist.`, [{ in: 'body', field: 'unitId', detail: 'no such unit' }])
  }
  const getIn = (tx: Db | Tx, id: number) => tx.select(publicColumns).from(users).where(eq(users.id, id)).get()
  return {
    get: (id: number) => getIn(db, id),
    /** The user with its unit's name, as `/api/me` and the session show it. */
    withUnitName(id: number) {
      return db.select({ ...publicColumns, unitName: units.name }).from(users).leftJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id)).get()
    },
    list(filter: { role?: Role; afterId?: number; limit: number }) {
      return db.select(publicColumns).from(users)
        .where(and(filter.role ? eq(users.role, filter.role) : undefined, filter.afterId ? gt(users.id, filter.afterId) : undefined))
        .orderBy(asc(users.id)).limit(filter.limit).all()
    },
    countAdmins(): number {
      return db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).all().length
    },
    /** The first admin (bootstrap gives it a login when no admin can sign in yet). */
    firstAdmin() {
      return db.select({ id: users.id, login: users.login, passwordHash: users.passwordHash }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.id)).get()
    },
    loginTaken: (login: string) => Boolean(db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()),
    /**
     * Creates the user and returns its token, which is shown this once and only stored hashed. A password given
     * here is an initial one: it must be changed at the first sign-in.
     */
    create(input: UserInput, actorId: number | null, token = newToken()) {
      checkRoleAndUnit(input.role, input.unitId)
      const { password, ...fields } = input
      try {
        const user = db.transaction((tx) => {
          const inserted = tx.insert(users).values({ ...fields, tokenHash: hashToken(token) }).returning({ id: users.id }).get()
          if (password) {
            tx.update(users).set({ passwordHash: password.hash, passwordChangedAt: password.at, mustChangePassword: true }).where(eq(users.id, inserted.id)).run()
            tx.insert(passwordHistory).values({ userId: inserted.id, passwordHash: password.hash, createdAt: password.at }).run()
          }
          const row = getIn(tx, inserted.id)!
          recordAudit(tx, { actorId, action: 'user.create', entityType: 'user', entityId: row.id, after: { ...row, password: password ? 'set' : undefined } })
          return row
        })
        return { user, token }
      } catch (err) {
        if (input.login && isUniqueLogin(err)) throw loginTaken(input.login)
        throw err
      }
    },
    /**
     * Changes name, email, login, role or unit. A change of role or unit ends the user's sessions: `inside`
     * runs in the same transaction, told whether the scope changed (and sets a reset password if there is one).
     */
    update(id: number, patch: UserPatch, actorId: number, inside: (scopeChanged: boolean) => void) {
      const before = getIn(db, id)
      if (!before) throw notFound(`User ${id}`)
      const role = patch.role ?? before.role
      const unitId = patch.unitId !== undefined ? patch.unitId : patch.role && patch.role !== 'unit' ? null : before.unitId
      checkRoleAndUnit(role, unitId)
      const scopeChanged = role !== before.role || unitId !== before.unitId
      try {
        const user = db.transaction((tx) => {
          tx.update(users).set({ ...patch, role, unitId }).where(eq(users.id, id)).run()
          const after = getIn(tx, id)!
          recordAudit(tx, { actorId, action: 'user.update', entityType: 'user', entityId: id, before, after })
          inside(scopeChanged)
          if (scopeChanged) recordAudit(tx, { actorId, action: 'user.sessions_end', entityType: 'user', entityId: id, after: { reason: 'role_change' } })
          return getIn(tx, id)!
        })
        return { user, sessionsEnded: scopeChanged }
      } catch (err) {
        if (patch.login && isUniqueLogin(err)) throw loginTaken(patch.login)
        throw err
      }
    },
    /** Replaces the user's token: the old one stops working at once, and the new one is shown this once. */
    rotateToken(id: number, actorId: number, token = newToken()) {
      const user = db.transaction((tx) => {
        const updated = tx.update(users).set({ tokenHash: hashToken(token) }).where(eq(users.id, id)).returning({ id: users.id }).get()
        if (!updated) throw notFound(`User ${id}`)
        recordAudit(tx, { actorId, action: 'user.rotate_token', entityType: 'user', entityId: id })
        return getIn(tx, id)!
      })
      return { user, token }
    },
  }
}
export type UsersRepository = ReturnType<typeof createUsersRepository>
