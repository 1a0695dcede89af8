import type { Repositories } from './repositories/index.js'

/** On first start there is no admin: create one, with ADMIN_TOKEN or a generated token returned to print once. */
export function ensureAdmin(repos: Repositories, adminToken: string | undefined): { created: boolean; token?: string } {
  if (repos.users.countAdmins() > 0) return { created: false }
  const { token } = repos.users.create({ name: 'Administrator', role: 'admin' }, null, adminToken)
  return { created: true, token: adminToken ? undefined : token }
}
