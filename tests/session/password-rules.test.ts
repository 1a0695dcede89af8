import t from 'tap'
import { hashPassword, needsRehash, verifyPassword, CURRENT_PARAMS } from '../../src/auth/passwords.js'
import { passwordExpired, passwordRuleBroken } from '../../src/domain/password-rules.js'

t.test('password rules: length, three of four classes, not containing the login', async (t) => {
  t.equal(passwordRuleBroken('Ab1#', 'li'), '密码至少8位')
  t.equal(passwordRuleBroken('abcdefgh1', 'li'), '密码须包含大写字母、小写字母、数字、符号中的至少3类', 'two classes')
  t.equal(passwordRuleBroken('ABCDEFGH#', 'li'), '密码须包含大写字母、小写字母、数字、符号中的至少3类')
  t.equal(passwordRuleBroken('abcdefg1A', 'li'), null, 'upper, lower, digit')
  t.equal(passwordRuleBroken('abcdefg#1', 'li'), null, 'lower, symbol, digit')
  t.equal(passwordRuleBroken('密码很长很长的#1a', 'li'), null, 'Chinese characters count as symbols')
  t.equal(passwordRuleBroken('x-ZhangSan-2026', 'zhangsan'), '密码不能包含登录名', 'case is ignored')
  t.equal(passwordRuleBroken('x-ZhangSan-2026', null), null)
  t.equal(passwordRuleBroken('Ab1#'.repeat(33), 'li'), '密码不能超过128位')
})

t.test('password age', async (t) => {
  const now = new Date('2026-11-20T00:00:00Z')
  t.equal(passwordExpired('2026-08-22T00:00:00Z', 90, now), false, '90 days exactly')
  t.equal(passwordExpired('2026-08-21T23:00:00Z', 90, now), true)
  t.equal(passwordExpired('2020-01-01T00:00:00Z', 0, now), false, '0: never')
  t.equal(passwordExpired(null, 90, now), false)
})

t.test('scrypt hashes: salted, parameters stored, constant-time verify, rehash when raised', async (t) => {
  const a = await hashPassword('Duban#2026')
  const b = await hashPassword('Duban#2026')
  t.not(a, b, 'a per-hash random salt')
  t.match(a, new RegExp(`^scrypt\\$${CURRENT_PARAMS.N}\\$${CURRENT_PARAMS.r}\\$${CURRENT_PARAMS.p}\\$[\\w-]{22}\\$[\\w-]{43}$`))
  t.ok(CURRENT_PARAMS.N * CURRENT_PARAMS.r * 128 >= 16 * 1024 * 1024, 'at least 16 MiB per hash: memory-hard')
  t.equal(await verifyPassword('Duban#2026', a), true)
  t.equal(await verifyPassword('Duban#2027', a), false)
  t.equal(await verifyPassword('Duban#2026', 'garbage'), false)
  const weaker = await hashPassword('Duban#2026', { N: 2 ** 10, r: 8, p: 1 })
  t.equal(await verifyPassword('Duban#2026', weaker), true, 'older parameters still verify')
  t.equal(needsRehash(weaker), true)
  t.equal(needsRehash(a), false)
})
