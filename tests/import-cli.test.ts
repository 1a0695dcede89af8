import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { openDatabase } from '../src/db/client.js'
import { main } from '../src/cli/main.js'
import { parsePlanText } from '../src/domain/plan-parser/index.js'
import { decodeText } from '../src/importing/text-decoding.js'
import { tempDir } from './fixtures/harness.js'
import { rowCounts } from './fixtures/imports.js'
import { planFilePath, zipBomb } from './fixtures/plan-files/load.js'
import { planText } from './fixtures/plans/load.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/plans/${name}`, import.meta.url))

/** Runs `node bin/duban.js …` from the repo root with DATA_DIR pointing at `dataDir`. */
async function duban(args: string[], dataDir: string, command = [process.execPath, path.join(root, 'bin/duban.js')]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command[0]!, [...command.slice(1), ...args], {
      cwd: root, env: { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' }, maxBuffer: 10 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

t.test('--dry-run --json prints the parse and writes nothing', async (t) => {
  const dir = tempDir(t)
  const res = await duban(['import-plan', fixture('beipiao-2021-plan.txt'), '--dry-run', '--json'], dir)
  t.equal(res.code, 0, res.stderr)
  t.strictSame(JSON.parse(res.stdout), JSON.parse(JSON.stringify(parsePlanText(planText('beipiao-2021-plan')))))
  t.equal(res.stdout.trim().split('\n').length, 1, 'one JSON object on one line')
  t.strictSame(fs.readdirSync(dir), [], 'no database created')

  const human = await duban(['import-plan', fixture('anfu-2021-plan.txt'), '--dry-run'], dir)
  t.equal(human.code, 0)
  t.match(human.stdout, /安府办字〔2021〕93号[\s\S]*7 sections, 18 tasks/)
})

t.test('without --dry-run it commits into the configured database, once', async (t) => {
  const dir = tempDir(t)
  const first = await duban(['import-plan', fixture('anfu-2021-plan.txt'), '--json'], dir)
  t.equal(first.code, 0, first.stderr)
  const outcome = JSON.parse(first.stdout)
  t.match(outcome, { dryRun: false, planId: 1, created: { plans: 1, sections: 7, tasks: 18 } })

  const again = await duban(['import-plan', fixture('anfu-2021-plan.txt')], dir)
  t.equal(again.code, 0, again.stderr)
  t.match(again.stdout, /Plan 1: created nothing; updated nothing/)

  const db = openDatabase(path.join(dir, 'duban.db'))
  t.teardown(() => db.$client.close())
  t.match(rowCounts(db), { plans: 1, sections: 7, tasks: 18, units: outcome.created.units })
  const actors = db.$client.prepare("SELECT DISTINCT actor_id AS actorId FROM audit_entries WHERE action = 'task.create'").all()
  t.strictSame(actors, [{ actorId: null }], 'audited as the system')
})

t.test('a missing file exits 1 with a message', async (t) => {
  const dir = tempDir(t)
  const missing = await duban(['import-plan', path.join(dir, 'nope.txt')], dir)
  t.equal(missing.code, 1)
  t.match(missing.stderr, /nope\.txt: no such file/)
})

/** main() in-process, its output captured. */
async function run(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (x) => out.push(x), err: (x) => err.push(x), env: { DATA_DIR: dataDir, ...env } })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

t.test('a text that is not a plan, bad usage, help', async (t) => {
  const dir = tempDir(t)
  const notPlan = path.join(dir, 'minutes.txt')
  fs.writeFileSync(notPlan, '会议纪要\n大家讨论了绿化工作。\n')
  const res = await run(['import-plan', notPlan, '--json'], dir)
  t.equal(res.code, 1)
  t.match(res.stderr, /minutes\.txt: This file is not a plan: /)
  t.equal(res.stdout, '')
  t.notOk(fs.existsSync(path.join(dir, 'duban.db')), 'nothing written')
  for (const args of [[], ['export-plan', 'x'], ['import-plan', 'a', 'b'], ['import-plan', 'a', '--force']]) {
    const usage = await run(args, dir)
    t.equal(usage.code, 2, args.join(' '))
    t.match(usage.stderr, /Usage: duban import-plan/)
  }
  const help = await run(['--help'], dir)
  t.equal(help.code, 0)
  t.match(help.stdout, /Usage: duban import-plan FILE \[--dry-run\] \[--json\]/)
  const badConfig = await run(['import-plan', fixture('anfu-2021-plan.txt')], dir, { RATE_LIMIT_PER_MINUTE: 'lots' })
  t.equal(badConfig.code, 1)
  t.match(badConfig.stderr, /Invalid configuration/)
  const commit = await run(['import-plan', fixture('anfu-2021-plan.txt')], dir)
  t.equal(commit.code, 0, commit.stderr)
  t.match(commit.stdout, /Plan 1: created plans 1, sections 7, tasks 18/)
})

t.test('a GB18030 text file reads as well', async (t) => {
  const dir = tempDir(t)
  const file = path.join(dir, 'plan-gb.txt')
  // Node decodes GB18030 but cannot encode it; the GB18030 ledger fixture is Chinese enough to show the decoding.
  const gb = fs.readFileSync(new URL('./fixtures/ledger-gb18030.csv', import.meta.url))
  fs.writeFileSync(file, gb)
  // Only decoded as GB18030 does its first line read 序号,任务…: the file is then known for a 台账.
  const res = await run(['import-plan', file], dir)
  t.equal(res.code, 1)
  t.match(res.stderr, /A 台账 does not say which plan it belongs to/)
  t.equal(decodeText(gb).slice(0, 5), '序号,任务', 'decoded as GB18030, not as broken UTF-8')
})

t.test('npx duban runs the package’s bin from the repo root', async (t) => {
  const dir = tempDir(t)
  const res = await duban(['import-plan', fixture('anfu-2021-plan.txt'), '--dry-run', '--json'], dir, ['npx', '--no-install', 'duban'])
  t.equal(res.code, 0, res.stderr)
  t.equal(JSON.parse(res.stdout).tasks.length, 18)
})

t.test('a plan as received: .pdf, .docx and .doc read as their text does; a 台账 needs the plan named', async (t) => {
  const dir = tempDir(t)
  const expected = parsePlanText(planText('beipiao-2021-plan'))
  for (const file of ['beipiao-2021-plan.pdf', 'beipiao-2021-plan.doc']) {
    const res = await run(['import-plan', planFilePath(file), '--dry-run', '--json'], dir)
    t.equal(res.code, 0, res.stderr)
    const parse = JSON.parse(res.stdout)
    t.strictSame(parse.tasks.map((x: { number: string; title: string }) => [x.number, x.title]), expected.tasks.map((x) => [x.number, x.title]), file)
  }
  t.strictSame(fs.readdirSync(dir), [], 'a dry run opens no database')

  const first = await run(['import-plan', planFilePath('beipiao-2021-plan.docx'), '--json'], dir)
  t.equal(first.code, 0, first.stderr)
  t.match(JSON.parse(first.stdout), { planId: 1, created: { plans: 1, tasks: 25 } })
  const again = await run(['import-plan', planFilePath('beipiao-2021-plan.pdf')], dir)
  t.equal(again.code, 0, again.stderr)
  t.match(again.stdout, /Plan 1: created nothing; updated nothing/)

  const csv = path.join(dir, 'ledger.csv')
  fs.writeFileSync(csv, '\ufeff序号,任务,牵头单位,责任单位,配合单位,完成时限,年度目标,状态,最新进展,亮灯\r\n26,新建公园三处,市林草局,,,,,,,\r\n')
  const unnamed = await run(['import-plan', csv], dir)
  t.equal(unnamed.code, 1)
  t.match(unnamed.stderr, /does not say which plan/)
  const ledger = await run(['import-plan', csv, '--plan-id', '1', '--json'], dir)
  t.equal(ledger.code, 0, ledger.stderr)
  t.match(JSON.parse(ledger.stdout), { planId: 1, created: { tasks: 1 } })
  const both = await run(['import-plan', csv, '--plan-id', '1', '--title', 'x'], dir)
  t.equal(both.code, 2, 'naming the plan twice is bad usage')
  t.equal((await run(['import-plan', csv, '--plan-id', 'one'], dir)).code, 2)

  const bomb = path.join(dir, 'bomb.docx')
  fs.writeFileSync(bomb, zipBomb())
  const refused = await run(['import-plan', bomb], dir)
  t.equal(refused.code, 1)
  t.match(refused.stderr, /bomb\.docx: The file expands past 50 MB/)
})
