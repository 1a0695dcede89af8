import { ElMessageBox } from 'element-plus'
import { ApiError } from '@/http/problem'

/**
 * A write refused with 412 (If-Match no longer matches): someone else changed the task since this page read
 * it. Says so and offers to reload; returns true when the caller should reload (and did not save).
 */
export async function offerReloadIfStale(err: unknown, reload: () => Promise<unknown> | unknown): Promise<boolean> {
  if (!(err instanceof ApiError) || err.status !== 412) return false
  try {
    await ElMessageBox.confirm('其他人已修改了此任务，您的修改未保存。请重新加载后再修改。', '任务已被他人修改', {
      confirmButtonText: '重新加载', cancelButtonText: '取消', type: 'warning',
    })
    await reload()
  } catch { /* closed without reloading */ }
  return true
}
