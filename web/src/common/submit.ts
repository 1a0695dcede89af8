import { ref } from 'vue'
import { useFormProblem } from './form-problem'
import { offerReloadIfStale } from './stale'

interface SubmitOptions {
  /** The write carries If-Match: a 412 offers to reload with this instead of showing a problem. */
  reload?: () => unknown
  /** After a 412 was answered (reloaded or not), e.g. to close the dialog holding the stale copy. */
  onStale?: () => void
  /** Deals with an error itself (returns true) before it becomes the form's problem, e.g. a further step the server asks for. */
  intercept?: (err: unknown) => boolean
}

/**
 * A form's submit: `busy` while the write runs, the form's problem cleared first and taken from a refused write,
 * a 412 turned into the offer to reload. `submit(write)` resolves true when the write went through.
 */
export function useSubmit(options: SubmitOptions = {}) {
  const problem = useFormProblem()
  const busy = ref(false)
  async function submit(write: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    problem.clear()
    try {
      await write()
      return true
    } catch (err) {
      if (options.reload && (await offerReloadIfStale(err, options.reload))) options.onStale?.()
      else if (!options.intercept?.(err)) problem.take(err)
      return false
    } finally {
      busy.value = false
    }
  }
  return { problem, busy, submit }
}
