import { and, asc, eq, gt } from 'drizzle-orm'
import { users, type Role } from '../db/schema/index.js'
import { notFound, unprocessable } from '../http/problem.js'
import { hashToken, newToken } from '../http/tokens.js'
import { recordAudit } from './audit.js'
import type { Db } from './db-types.js'
import type { UnitsRepository } from './units.js'

export interface UserInput {
  name: string
  email?: string | null
  role: Role
  unitId?: number | null
}

const publicColumns = { id: users.id, name: users.name, email: users.email, role: users.role, unitId: users.unitId, createdAt: users.createdAt }

export function createUsersRepository(db: Db, unitsRepo: UnitsRepository) {
  return {
    list(filter: { role?: Role; afterId?: number; limit: number }) {
      return db.select(publicColumns).from(users)
        .where(and(filter.role ? eq(users.role, filter.role) : undefined, filter.afterId ? gt(users.id, filter.afterId) : undefined))
        .orderBy(asc(users.id)).limit(filter.limit).all()
    },
    countAdmins(): number {
      return db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).all().length
    },
    /** Creates the user and returns its token, which is shown this once and only stored hashed. */
    create(input: UserInput, actorId: number | null, token = newToken()) {
      if (input.role === 'unit' && !input.unitId) throw unprocessable('A unit user needs a unit.', [{ in: 'body', field: 'unitId', detail: 'is required for role unit' }])
      if (input.role !== 'unit' && input.unitId) throw unprocessable('Only unit users belong to a unit.', [{ in: 'body', field: 'unitId', detail: `must be absent for role ${input.role}` }])
      if (input.unitId && !unitsRepo.get(input.unitId)) throw unprocessable(`Unit ${input.unitId} does not exist.`, [{ in: 'body', field: 'unitId', detail: 'no such unit' }])
      const user = db.transaction((tx) => {
        const row = tx.insert(users).values({ ...input, tokenHash: hashToken(token) }).returning(publicColumns).get()
        recordAudit(tx, { actorId, action: 'user.create', entityType: 'user', entityId: row.id, after: row })
        return row
      })
      return { user, token }
    },
    /** Replaces the user's token: the old one stops working at once, and the new one is shown this once. */
    rotateToken(id: number, actorId: number, token = newToken()) {
      const user = db.transaction((tx) => {
        const row = tx.update(users).set({ tokenHash: hashToken(token) }).where(eq(users.id, id)).returning(publicColumns).get()
        if (!row) throw notFound(`User ${id}`)
        recordAudit(tx, { actorId, action: 'user.rotate_token', entityType: 'user', entityId: id })
        return row
      })
      return { user, token }
    },
  }
}
export type UsersRepository = ReturnType<typeof createUsersRepository>
