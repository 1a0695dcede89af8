import { computed } from 'vue'
import { useRoute, useRouter, type LocationQueryValue } from 'vue-router'

type Value = string | number | boolean | undefined

/**
 * A page's filters live in its URL's query, so that a reload, the back button and a shared link show the same
 * list. `state` reads them; `set` replaces the ones given (undefined or '' removes one).
 */
export function useQueryState() {
  const route = useRoute()
  const router = useRouter()
  const one = (v: LocationQueryValue | LocationQueryValue[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? undefined
  const state = computed(() => Object.fromEntries(Object.entries(route.query).map(([k, v]) => [k, one(v) ?? undefined])) as Record<string, string | undefined>)
  function set(changes: Record<string, Value>) {
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries({ ...state.value, ...changes })) if (v !== undefined && v !== '' && v !== null) query[k] = String(v)
    return router.replace({ query })
  }
  const num = (k: string) => (state.value[k] && /^\d+$/.test(state.value[k]!) ? Number(state.value[k]) : undefined)
  return { state, set, num }
}
