import t from 'tap'
import { mergeTimeline, type TimelineSource } from '../src/timeline.js'
import { as, createTestApp } from './fixtures/harness.js'
import { act, withWorkflowActors } from './fixtures/workflow.js'

t.test('sources merge oldest first; entries at the same instant keep source order', async (t) => {
  const entry = (at: string, summary: string) => ({ at, kind: 'test', actor: null, summary })
  const sources: TimelineSource[] = [
    (taskId) => [entry('2026-05-02T01:00:00.000Z', `a${taskId}`), entry('2026-05-01T00:00:00.000Z', 'b')],
    () => [entry('2026-05-01T12:00:00.000Z', 'c'), entry('2026-05-02T01:00:00.000Z', 'd')],
  ]
  const viewer = { id: 1, name: '办公室', role: 'office' as const, unitId: null }
  t.same(mergeTimeline(sources, 7, viewer).map((e) => e.summary), ['b', 'c', 'a7', 'd'])
  t.same(mergeTimeline([], 7, viewer), [])
})

t.test('other parts of the system add their entries through app.timelineSources', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const { taskId } = await ctx.newTask()
  ctx.setNow('2026-11-20T09:00:00+08:00')
  await act(ctx, 'office', taskId, 'dispatch')
  ctx.setNow('2026-11-20T11:00:00+08:00')
  await act(ctx, 'lead', taskId, 'acknowledge')
  ctx.app.timelineSources.push((id) => (id === taskId
    ? [{ at: '2026-11-20T02:00:00.000Z', kind: 'notification', actor: null, summary: '交办通知 → zjj@example.cn (sent)', data: { notificationId: 1 } }]
    : []))
  const timeline = await as(ctx.app, ctx.actors.leader).get(`/api/tasks/${taskId}/timeline`)
  t.equal(timeline.status, 200)
  t.same(timeline.body.items.map((e: { kind: string; at: string }) => [e.kind, e.at]), [
    ['transition', '2026-11-20T01:00:00.000Z'],
    ['notification', '2026-11-20T02:00:00.000Z'],
    ['transition', '2026-11-20T03:00:00.000Z'],
  ])
  t.same(timeline.body.items[1], { at: '2026-11-20T02:00:00.000Z', kind: 'notification', actor: null, summary: '交办通知 → zjj@example.cn (sent)', data: { notificationId: 1 } })
  t.equal((await as(ctx.app, ctx.workflowActors.outsider).get(`/api/tasks/${taskId}/timeline`)).status, 404)
})
