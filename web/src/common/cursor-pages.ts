import { ref } from 'vue'

/**
 * Cursor paging for a server list: keeps the cursors of the pages seen so far so 上一页 works.
 * `fetch(cursor)` loads one page and returns its nextCursor.
 */
export function useCursorPages(fetch: (cursor: string | undefined) => Promise<string | null>) {
  const cursors = ref<(string | undefined)[]>([undefined])
  const index = ref(0)
  const next = ref<string | null>(null)
  const loading = ref(false)

  async function load(at: number) {
    loading.value = true
    try {
      next.value = await fetch(cursors.value[at])
      index.value = at
    } finally {
      loading.value = false
    }
  }
  return {
    index, loading,
    hasNext: () => next.value !== null,
    hasPrev: () => index.value > 0,
    /** Back to the first page (filters changed). */
    first: () => { cursors.value = [undefined]; return load(0) },
    nextPage: () => { cursors.value[index.value + 1] = next.value ?? undefined; return load(index.value + 1) },
    prevPage: () => load(index.value - 1),
    reload: () => load(index.value),
  }
}
