import { openDatabase } from '../src/db/client.js'
import { createCalendar } from '../src/domain/calendar.js'
import { addDays, shanghaiDate } from '../src/domain/dates.js'
import { yellowFrom } from '../src/domain/lights.js'
import type { TaskStatus } from '../src/domain/task-status.js'
import { hashToken } from '../src/http/tokens.js'
import { createLightsRepository } from '../src/repositories/lights.js'

export interface BenchDataset {
  planId: number
  taskCount: number
  unitCount: number
  /** Bearer tokens of the seeded staff users. */
  tokens: { admin: string; office: string; supervisor: string; leader: string }
  /** unitTokens[i] belongs to a unit user of unit id unitIds[i]. */
  unitIds: number[]
  unitTokens: string[]
}

const STATUS_MIX: [TaskStatus, number][] = [
  ['draft', 0.05], ['dispatched', 0.15], ['acknowledged', 0.15], ['in_progress', 0.45], ['completion_requested', 0.05], ['closed', 0.13], ['suspended', 0.01], ['cancelled', 0.01],
]

/** A deterministic pseudo-random sequence, so every bench run seeds the same data. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 100,000 tasks over 2,000 units in one plan: the bench's synthetic dataset. */
export async function seedBenchDatabase(file: string, opts: { tasks?: number; units?: number } = {}): Promise<BenchDataset> {
  const taskCount = opts.tasks ?? 100_000
  const unitCount = opts.units ?? 2_000
  const db = openDatabase(file)
  const c = db.$client
  const rand = mulberry32(2026)
  const calendar = createCalendar()
  const tokens = { admin: 'bench-admin-token-0001', office: 'bench-office-token-0001', supervisor: 'bench-supervisor-token-01', leader: 'bench-leader-token-00001' }
  const unitIds: number[] = []
  const unitTokens: string[] = []
  let planId = 0
  c.transaction(() => {
    const insUnit = c.prepare("INSERT INTO units (name, kind, aliases, contact_emails) VALUES (?, ?, '[]', ?)")
    const insUser = c.prepare('INSERT INTO users (name, email, role, unit_id, token_hash) VALUES (?, ?, ?, ?, ?)')
    for (const [role, token] of Object.entries(tokens)) insUser.run(role, `${role}@bench.example.cn`, role, null, hashToken(token))
    for (let i = 0; i < unitCount; i++) {
      const kind = i % 10 === 0 ? 'street' : 'department'
      const id = Number(insUnit.run(`单位${String(i).padStart(4, '0')}`, kind, JSON.stringify([`unit${i}@bench.example.cn`])).lastInsertRowid)
      unitIds.push(id)
      const token = `bench-unit-token-${String(i).padStart(6, '0')}`
      unitTokens.push(token)
      insUser.run(`单位${i}填报员`, `clerk${i}@bench.example.cn`, 'unit', id, hashToken(token))
    }
    planId = Number(c.prepare("INSERT INTO plans (title, doc_number, issuer, issued_on, start_year, end_year) VALUES ('基准测试城市更新行动计划', '基准〔2026〕1号', '基准市人民政府办公室', '2026-01-05', 2026, 2027)").run().lastInsertRowid)
    const insSection = c.prepare('INSERT INTO sections (plan_id, number, title, position) VALUES (?, ?, ?, ?)')
    const sectionIds = ['一', '二', '三', '四', '五', '六', '七'].map((n, i) => Number(insSection.run(planId, n, `专项行动${n}`, i).lastInsertRowid))
    const insTask = c.prepare(`INSERT INTO tasks (plan_id, section_id, number, title, description, deadline, yellow_from, status, percent, closed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const insTaskUnit = c.prepare('INSERT INTO task_units (task_id, unit_id, role, inferred, position) VALUES (?, ?, ?, 0, ?)')
    const insTarget = c.prepare('INSERT INTO targets (task_id, year, description, value, measure, due_on) VALUES (?, ?, ?, ?, ?, ?)')
    for (let i = 0; i < taskCount; i++) {
      let r = rand()
      let status: TaskStatus = 'in_progress'
      for (const [s, share] of STATUS_MIX) {
        if (r < share) { status = s; break }
        r -= share
      }
      const deadline = addDays('2026-01-01', Math.floor(rand() * 730))
      const percent = status === 'closed' ? 100 : Math.floor(rand() * 90)
      const taskId = Number(insTask.run(planId, sectionIds[i % 7], String(i + 1), `任务${i + 1}:推进老旧小区改造`, '按计划推进改造,完成年度目标。', deadline,
        yellowFrom(deadline, 5, calendar), status, percent, status === 'closed' ? `${addDays(deadline, -3)}T02:00:00.000Z` : null).lastInsertRowid)
      const lead = unitIds[Math.floor(rand() * unitCount)]!
      insTaskUnit.run(taskId, lead, 'lead', 0)
      const other = unitIds[Math.floor(rand() * unitCount)]!
      if (other !== lead) insTaskUnit.run(taskId, other, 'responsible', 1)
      if (i % 3 === 0) insTarget.run(taskId, 2026, '改造老旧小区', 40, '个', '2026-12-31')
    }
  })()
  // The stored lights as the daily scan would leave them today.
  createLightsRepository(db, { calendar: () => calendar }).recompute('all', shanghaiDate(new Date()))
  c.pragma('wal_checkpoint(TRUNCATE)')
  c.close()
  return { planId, taskCount, unitCount, tokens, unitIds, unitTokens }
}
