import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('the rate limit is keyed on the user, not on how the Authorization header is written', async (t) => {
  const ctx = await createTestApp(t, { env: { RATE_LIMIT_PER_MINUTE: '10' } })
  const token = ctx.actors.leader.token
  const spellings = [`Bearer ${token}`, `Bearer  ${token}`, `Bearer ${token}  `, `Bearer \t${token}`]
  const statuses: number[] = []
  for (let i = 0; i < 16; i++) {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/plans', headers: { authorization: spellings[i % spellings.length]! } })
    statuses.push(res.statusCode)
  }
  t.equal(statuses.filter((s) => s === 200).length, 10, `ten allowed in all, whatever the spelling: ${statuses.join(' ')}`)
  t.equal(statuses.filter((s) => s === 429).length, 6)
  t.equal((await as(ctx.app, ctx.actors.supervisor).get('/api/plans')).status, 200, 'another user has an allowance of their own')

  const anonymous = async (ip: string) => (await ctx.app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip })).statusCode
  const fromOne: number[] = []
  for (let i = 0; i < 12; i++) fromOne.push(await anonymous('10.0.0.1'))
  t.equal(fromOne.filter((s) => s === 429).length, 2, 'anonymous requests are limited per address')
  t.equal(await anonymous('10.0.0.2'), 200, 'another address has its own allowance')
})
