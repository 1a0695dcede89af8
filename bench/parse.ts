import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parsePlanText } from '../src/domain/plan-parser/index.js'

const SEED = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/plans/beipiao-2021-plan.txt')
const TARGET_BYTES = 2 * 1024 * 1024
const WARM_UP_RUNS = 3
const TIMED_RUNS = 5

/**
 * The Beipiao plan with its task chapter repeated to about 2 MB. Each copy numbers its tasks from 1
 * again (item numbers in plans have at most three digits), so the parse sees restarting numbering.
 */
export function buildLargePlan(): { text: string; tasks: number } {
  const lines = fs.readFileSync(SEED, 'utf8').split('\n')
  const chapterStart = lines.findIndex((l) => l.trim() === '四、重点任务') + 1
  const chapterEnd = lines.findIndex((l) => l.trim() === '五、保障措施')
  if (chapterStart === 0 || chapterEnd === -1) throw new Error('the Beipiao seed no longer has its task chapter')
  const head = lines.slice(0, chapterStart).join('\n')
  const chapter = lines.slice(chapterStart, chapterEnd)
  const tail = lines.slice(chapterEnd).join('\n')

  const parts = [head]
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail)
  let tasks = 0
  while (bytes < TARGET_BYTES) {
    let n = 0
    const copy = chapter.map((line) => line.replace(/^(\s*)\d+\./, (_, indent: string) => `${indent}${++n}.`)).join('\n')
    tasks += n
    parts.push(copy)
    bytes += Buffer.byteLength(copy) + 1
  }
  parts.push(tail)
  return { text: parts.join('\n'), tasks }
}

export async function benchParse(): Promise<{ parseMsPerMb: number }> {
  const { text, tasks } = buildLargePlan()
  const megabytes = Buffer.byteLength(text) / (1024 * 1024)
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    const found = parsePlanText(text).tasks.length
    if (found !== tasks) throw new Error(`the parse found ${found} tasks, the text has ${tasks}`)
  }
  const times: number[] = []
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = performance.now()
    parsePlanText(text)
    times.push(performance.now() - start)
  }
  // The fastest run: on a shared machine the slower ones measure the neighbours.
  const fastest = Math.min(...times)
  return { parseMsPerMb: Math.round((fastest / megabytes) * 10) / 10 }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchParse())
}
