/** Numbering restarts when a later section starts again at or below where the one before ended. */
export function numberingRestarts<S>(list: { section: S | null; n: number }[]): boolean {
  let previousLast: number | null = null
  let current: S | null | undefined
  for (const { section, n } of list) {
    if (section !== current) {
      if (previousLast !== null && section !== null && n <= previousLast) return true
      current = section
    }
    previousLast = n
  }
  return false
}

/** Gaps, repeats and a start other than 1, in running numbering or within each section. */
export function numberingWarnings<S>(numbers: number[], sections: (S | null)[], restarts: boolean): string[] {
  const warnings: string[] = []
  let expected = 1
  numbers.forEach((n, i) => {
    if (restarts && i > 0 && sections[i] !== sections[i - 1]) expected = 1
    if (n !== expected) {
      warnings.push(i === 0 || (restarts && sections[i] !== sections[i - 1])
        ? `任务编号从 ${n} 开始,而不是 ${expected}`
        : n === expected - 1 ? `任务编号 ${n} 重复` : `任务编号不连续:${numbers[i - 1]} 之后是 ${n}`)
    }
    expected = n + 1
  })
  return warnings
}
