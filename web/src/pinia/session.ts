// Who is signed in. The session lives on the server (an HttpOnly cookie); this store holds what
// GET /api/session answered, and the CSRF token the http wrapper sends with writes.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { components, paths } from '@/api/schema'
import { api, setCsrfToken, unwrap } from '@/http/client'
import { ApiError } from '@/http/problem'
import type { Role } from '@/common/words'

export type Session = components['schemas']['Session']
export type SignIn = paths['/api/session']['post']['requestBody']['content']['application/json']

export const useSession = defineStore('session', () => {
  const session = ref<Session | null>(null)
  /** Whether GET /api/session has been asked once since the page loaded. */
  const loaded = ref(false)

  const user = computed(() => session.value?.user ?? null)
  const role = computed<Role | null>(() => session.value?.user.role ?? null)
  /** A step the user must take before anything else: a new password, or enrolling TOTP. */
  const pendingStep = computed<'password' | 'totp' | null>(() => {
    const s = session.value
    if (!s) return null
    if (s.mustChangePassword || s.passwordExpired) return 'password'
    if (s.totpRequired) return 'totp'
    return null
  })

  function set(s: Session | null) {
    session.value = s
    setCsrfToken(s?.csrfToken ?? null)
    loaded.value = true
  }

  async function load(): Promise<Session | null> {
    try {
      set(await unwrap(api.GET('/api/session')))
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set(null)
      else throw err
    }
    return session.value
  }

  async function signIn(body: SignIn): Promise<Session> {
    const s = await unwrap(api.POST('/api/session', { body }))
    set(s)
    return s
  }

  async function signOut(): Promise<void> {
    try {
      await unwrap(api.DELETE('/api/session'))
    } finally {
      set(null)
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await unwrap(api.POST('/api/session/password', { body: { currentPassword, newPassword } }))
    await load()
  }

  /** Forget the session locally (the server said 401). */
  function lost() { set(null) }

  return { session, loaded, user, role, pendingStep, load, signIn, signOut, changePassword, lost }
})
