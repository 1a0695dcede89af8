import { reactive, ref } from 'vue'
import { ApiError, messageOf } from '@/http/problem'

/**
 * A form's view of an API problem: messages for the fields it names (bind to `el-form-item :error`), and one
 * message for the rest. `take(err)` returns false when the error is not an API problem at all.
 */
export function useFormProblem() {
  const fields = reactive<Record<string, string>>({})
  const message = ref('')
  function clear() {
    for (const k of Object.keys(fields)) delete fields[k]
    message.value = ''
  }
  function take(err: unknown) {
    clear()
    if (err instanceof ApiError && Object.keys(err.fields).length) Object.assign(fields, err.fields)
    else message.value = messageOf(err)
  }
  return { fields, message, take, clear }
}
