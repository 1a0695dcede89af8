// Every route of 督办单, 批示 and the desk × every role: allowed (anything but 401/403) or refused (403);
// anonymous 401.
import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'

type Role = 'admin' | 'office' | 'supervisor' | 'leader' | 'unitA'
const ALL: Role[] = ['admin', 'office', 'supervisor', 'leader', 'unitA']
const STAFF: Role[] = ['admin', 'office', 'supervisor', 'leader']

t.test('role matrix', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const { taskId } = await seedPlanWithTask(ctx)
  await as(ctx.app, ctx.actors.office).post(`/api/tasks/${taskId}/dispatch`, {})
  const notice = (await as(ctx.app, ctx.actors.supervisor).post('/api/notices', { taskId, problem: '问题', requirement: '要求' })).body.id as number
  const instruction = (await as(ctx.app, ctx.actors.leader).post('/api/instructions', { targetType: 'task', targetId: taskId, text: '请加快推进' })).body.id as number
  const matrix: { method: 'get' | 'post'; url: string; body?: unknown; allowed: Role[] }[] = [
    { method: 'post', url: '/api/notices', body: { taskId, problem: 'x', requirement: 'y' }, allowed: ['admin', 'supervisor'] },
    { method: 'get', url: '/api/notices', allowed: ALL },
    { method: 'get', url: `/api/notices/${notice}`, allowed: ALL },
    { method: 'get', url: `/api/notices/${notice}?format=docx`, allowed: ALL },
    { method: 'post', url: `/api/notices/${notice}/reply`, body: { text: '已办理' }, allowed: ['unitA'] },
    { method: 'post', url: `/api/notices/${notice}/accept`, body: {}, allowed: ['admin', 'supervisor'] },
    { method: 'post', url: `/api/notices/${notice}/reopen`, body: { reason: '不充分' }, allowed: ['admin', 'supervisor'] },
    { method: 'post', url: '/api/instructions', body: { targetType: 'task', targetId: taskId, text: 'x' }, allowed: ['admin', 'leader'] },
    { method: 'get', url: '/api/instructions', allowed: ALL },
    { method: 'get', url: `/api/instructions/${instruction}`, allowed: ALL },
    { method: 'post', url: `/api/instructions/${instruction}/report`, body: { text: '已落实' }, allowed: ['unitA'] },
    { method: 'get', url: '/api/supervision/escalations', allowed: STAFF },
    { method: 'get', url: '/api/supervision/escalations/export', allowed: STAFF },
    { method: 'get', url: '/api/supervision/notices/export', allowed: STAFF },
    { method: 'get', url: `/api/supervision/units/${ctx.unitA}`, allowed: STAFF },
    { method: 'get', url: `/api/supervision/units/${ctx.unitA}/export`, allowed: STAFF },
  ]
  for (const row of matrix) {
    const call = (actor: Parameters<typeof as>[1]) => (row.method === 'get' ? as(ctx.app, actor).get(row.url) : as(ctx.app, actor).post(row.url, row.body))
    t.equal((await call(null)).status, 401, `anonymous ${row.method.toUpperCase()} ${row.url}`)
    for (const role of ALL) {
      const res = await call(ctx.actors[role])
      if (row.allowed.includes(role)) t.ok(res.status < 300 || (res.status >= 400 && ![401, 403, 404].includes(res.status)), `${role} may ${row.method.toUpperCase()} ${row.url} (${res.status})`)
      else t.equal(res.status, 403, `${role} may not ${row.method.toUpperCase()} ${row.url}`)
    }
  }
})
