import { byKey, DIGITS, taskNumberKey } from '../task-numbers.js'

export { compareTaskNumbers } from '../task-numbers.js'

/**
 * The plan's tasks in document order (by number, then id — numbers are unique within a plan; the id settles
 * malformed data), ranked once so that every list of a summary sorts by comparing integers.
 */
export function taskOrder(tasks: readonly { id: number; number: string }[]) {
  const rank = new Map<number, number>()
  // Plans numbered 1, 2, 3 … throughout (most) sort by value, without building keys.
  const plain = tasks.every((t) => t.number.length <= 15 && DIGITS.test(t.number))
  const ranked = plain
    ? tasks.map((t) => ({ id: t.id, value: Number(t.number) })).sort((a, b) => a.value - b.value || a.id - b.id)
    : tasks.map((t) => ({ id: t.id, key: taskNumberKey(t.number) })).sort((a, b) => byKey(a.key, b.key) || a.id - b.id)
  ranked.forEach((t, i) => rank.set(t.id, i))
  const rankOf = (taskId: number) => rank.get(taskId) ?? Number.MAX_SAFE_INTEGER
  return {
    /** Sorts in place: by `first` if given, then document order, then `then`. */
    sort<T extends { taskId: number }>(lines: T[], by: { first?: (a: T, b: T) => number; then?: (a: T, b: T) => number } = {}): T[] {
      const { first, then } = by
      const decorated = lines.map((line) => ({ line, rank: rankOf(line.taskId) }))
      decorated.sort((a, b) => (first ? first(a.line, b.line) : 0) || a.rank - b.rank || a.line.taskId - b.line.taskId || (then ? then(a.line, b.line) : 0))
      for (let i = 0; i < decorated.length; i++) lines[i] = decorated[i]!.line
      return lines
    },
    /** Task ids in document order. */
    sortIds(ids: number[]): number[] {
      return ids.sort((a, b) => rankOf(a) - rankOf(b) || a - b)
    },
  }
}
export type TaskOrder = ReturnType<typeof taskOrder>
