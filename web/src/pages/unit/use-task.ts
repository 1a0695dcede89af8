// One task as the unit's pages read it: the task (with its ETag), what the API allows this user now, and the
// unit's role on it.
import { computed, ref } from 'vue'
import type { components } from '@/api/schema'
import type { TaskAction } from '@/components/TaskActions.vue'
import { useLoad } from '@/common/load'
import { roleOf } from '@/common/unit-role'
import { api, unwrap } from '@/http/client'
import { useSession } from '@/pinia/session'

export type Task = components['schemas']['Task']

export function useUnitTask(id: () => number) {
  const session = useSession()
  const task = ref<Task | null>(null)
  const etag = ref<string | null>(null)
  const actions = ref<TaskAction[]>([])
  const { loading, error, load } = useLoad(async () => {
    const res = await api.GET('/api/tasks/{id}', { params: { path: { id: id() } } })
    task.value = await unwrap(Promise.resolve(res))
    etag.value = res.response.headers.get('etag')
    actions.value = (await unwrap(api.GET('/api/tasks/{id}/actions', { params: { path: { id: id() } } }))).allowedActions
  })
  const role = computed(() => (task.value ? roleOf(task.value.units, session.user?.unitId) : null))
  return { task, etag, actions, error, loading, role, load }
}
