import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/db/client.js'
import { parsePlanText } from '../src/domain/plan-parser/index.js'
import { ledgerDocument, createLedgerReader } from '../src/importing/ledger.js'
import { readLedgerFile, writeLedgerCsv, writeLedgerXlsx } from '../src/importing/ledger-files.js'
import { createPlanImporter } from '../src/importing/plan-import.js'
import { planTextDocument } from '../src/importing/plan-text.js'
import type { Viewer } from '../src/plugins/auth.js'
import { createRepositories } from '../src/repositories/index.js'

const SEED_PLAN = fileURLToPath(new URL('../tests/fixtures/plans/beipiao-2021-plan.txt', import.meta.url))
/** About what a 5 MB upload holds: the size of a large county's 台账. */
const LEDGER_IMPORT_ROWS = 2_000

const timed = async <T>(run: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now()
  const result = await run()
  return [result, Math.round(performance.now() - started)]
}

/**
 * Issue 5's figures, on a copy of the seeded database (2,000 units in the registry, one plan of 100,000 tasks):
 * importing a published plan and importing it again; exporting the whole 台账 as CSV and .xlsx; importing a
 * 2,000-row 台账 into a new plan and again unchanged.
 */
export async function benchImports({ seededDbFile }: { seededDbFile: string; redisUrl: string }): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-imports-'))
  const file = path.join(dir, 'imports.db')
  fs.copyFileSync(seededDbFile, file)
  const db = openDatabase(file)
  try {
    const today = () => '2026-11-20'
    const repos = createRepositories(db, today)
    const importer = createPlanImporter(db, repos)
    const office: Viewer = { id: 1, name: 'bench', role: 'office', unitId: null }
    const bigPlanId = (db.$client.prepare('SELECT id FROM plans ORDER BY id LIMIT 1').get() as { id: number }).id

    const doc = planTextDocument(parsePlanText(fs.readFileSync(SEED_PLAN, 'utf8')), today())
    const [, planTextImportMs] = await timed(() => importer.commit(doc, office.id, 'plan-text'))
    const [, planTextReimportMs] = await timed(() => importer.commit(doc, office.id, 'plan-text'))

    repos.lights.ensureFresh(today())
    const reader = createLedgerReader(db)
    const [rows, ledgerRows100kMs] = await timed(() => reader.rows(bigPlanId, office))
    const [csv, ledgerCsv100kMs] = await timed(() => writeLedgerCsv(rows))
    const [xlsx, ledgerXlsx100kMs] = await timed(() => writeLedgerXlsx(rows))

    const part = writeLedgerCsv(rows.filter((r) => /^\d+$/.test(r.序号)).slice(0, LEDGER_IMPORT_ROWS))
    const fields = { fields: { title: '基准台账导入', docNumber: null, startYear: 2026, endYear: 2027 } }
    const [, ledgerImport2kMs] = await timed(async () => importer.commit(ledgerDocument(await readLedgerFile(part), fields), office.id, 'ledger'))
    const [, ledgerReimport2kMs] = await timed(async () => importer.commit(ledgerDocument(await readLedgerFile(part), fields), office.id, 'ledger'))

    return {
      planTextImportMs, planTextReimportMs,
      ledgerRows100kMs, ledgerCsv100kMs, ledgerXlsx100kMs,
      ledgerCsv100kKiB: Math.round(csv.length / 1024), ledgerXlsx100kKiB: Math.round(xlsx.length / 1024),
      ledgerImport2kMs, ledgerReimport2kMs, ledgerImport2kKiB: Math.round(part.length / 1024),
    }
  } finally {
    db.$client.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
