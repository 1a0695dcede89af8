import { ref } from 'vue'
import { messageOf } from '@/http/problem'

/**
 * A page's read: `loading` while `read` runs, and its failure as one sentence in `error` (cleared on each try).
 * `read` puts what it fetched where the page keeps it.
 */
export function useLoad(read: () => Promise<unknown>) {
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    error.value = ''
    try {
      await read()
    } catch (err) {
      error.value = messageOf(err)
    } finally {
      loading.value = false
    }
  }
  return { loading, error, load }
}
