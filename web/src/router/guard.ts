import type { Router } from 'vue-router'
import { useSession } from '@/pinia/session'
import { LANDING } from './routes'

/**
 * The one guard: asks the server who is signed in once per page load, sends anyone not signed in to 登录
 * (keeping where they were going), keeps a pending password change or TOTP enrolment on the sign-in page,
 * and shows 无权访问 — at the same URL — for a page the role may not open. The API refuses such calls anyway.
 */
export function installGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSession()
    if (!session.loaded) await session.load().catch(() => null)
    if (to.meta.public) {
      if (to.name === 'login' && session.session && !session.pendingStep) return { name: 'home' }
      return true
    }
    if (!session.session) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (session.pendingStep) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.name === 'home') return { name: LANDING[session.role!] }
    const roles = to.matched.flatMap((r) => r.meta.roles ?? [])
    if (roles.length && !roles.includes(session.role!)) {
      return { name: 'forbidden', params: {}, query: { from: to.fullPath }, replace: true }
    }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · 督办系统` : '督办系统'
  })
}
