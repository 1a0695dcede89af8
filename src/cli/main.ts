import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { shanghaiDate } from '../domain/dates.js'
import type { ParsedPlan } from '../domain/plan-parser/index.js'
import { Problem } from '../http/problem.js'
import { ENTITIES, type Counts, type ImportDocument } from '../importing/import-document.js'
import { namedPlan, planFileDocument, readPlanFile, type PlanFileImport } from '../importing/plan-file.js'
import { createPlanImporter, type ImportOutcome } from '../importing/plan-import.js'
import { createRepositories } from '../repositories/index.js'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
}

const USAGE = `Usage: duban import-plan FILE [--dry-run] [--json] [--plan-id N | --title T --start-year Y --end-year Y [--doc-number D]]

  import-plan FILE   Import a plan into the configured database (DATA_DIR, default ./data): plan,
                     sections, tasks, units and targets. FILE is the plan as received — .docx, .doc,
                     .pdf (with a text layer) or text (UTF-8 or GB18030) — or a 台账 (.xlsx or CSV),
                     told apart by content. Importing the same plan again updates it in place.
  --dry-run          Read and parse only; write nothing.
  --json             Print one JSON object: the parse with --dry-run, else the import's outcome.
  --plan-id N        Import into plan N (a 台账 needs the plan named: this, or the next three).
  --title T --start-year Y --end-year Y [--doc-number D]
                     Find the plan by 文号, else by title and period, or create it.
`

class CliError extends Error {}
class UsageError extends Error {}

interface PlanOptions { planId?: string; title?: string; startYear?: string; endYear?: string; docNumber?: string }

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not ${value}`)
  return Number(value)
}

async function readPlan(file: string, plan: PlanOptions, today: string): Promise<PlanFileImport> {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? (err as Error).message})`)
  }
  const naming = {
    planId: integerOption('plan-id', plan.planId), title: plan.title, docNumber: plan.docNumber,
    startYear: integerOption('start-year', plan.startYear), endYear: integerOption('end-year', plan.endYear),
  }
  let named
  try {
    named = namedPlan(naming)
  } catch (err) {
    throw err instanceof Problem ? new UsageError(err.detail ?? err.title) : err
  }
  try {
    return planFileDocument(await readPlanFile(bytes), named, today)
  } catch (err) {
    if (err instanceof Problem) throw new CliError(`${file}: ${err.detail ?? err.title}`)
    throw err
  }
}

const countsText = (c: Counts) => ENTITIES.filter((k) => c[k] > 0).map((k) => `${k} ${c[k]}`).join(', ') || 'nothing'

function parseSummary(p: ParsedPlan): string[] {
  const units = new Set(p.tasks.flatMap((t) => [...t.leadUnits, ...t.responsibleUnits, ...t.cooperatingUnits]))
  return [
    `${p.title}${p.docNumber ? `  ${p.docNumber}` : ''}  ${p.startYear ?? '?'}–${p.endYear ?? '?'}`,
    `${p.sections.length} sections, ${p.tasks.length} tasks, ${units.size} units named, ${p.tasks.reduce((n, t) => n + t.targets.length, 0)} targets`,
  ]
}

function outcomeSummary(o: ImportOutcome): string[] {
  const lines = [`Plan ${o.planId}: created ${countsText(o.created)}; updated ${countsText(o.updated)}`]
  if (o.suggestions.length) {
    lines.push('Units that may be the same (not merged; add an alias to merge):')
    for (const s of o.suggestions) lines.push(`  ${s.name} ~ ${s.suggestedUnit.name} (unit ${s.suggestedUnit.id}): ${s.reason}`)
  }
  return lines
}

function ledgerSummary(doc: ImportDocument): string[] {
  return [`台账: ${doc.sections?.length ?? 0} sections, ${doc.tasks.length} tasks`]
}

async function importPlan(file: string, opts: { dryRun: boolean; json: boolean; plan: PlanOptions }, io: Io): Promise<void> {
  const today = () => shanghaiDate(new Date())
  const read = await readPlan(file, opts.plan, today())
  const summary = read.parse ? parseSummary(read.parse) : ledgerSummary(read.doc)
  if (opts.dryRun) {
    io.out(opts.json ? JSON.stringify(read.parse ?? read.doc) : [...summary, ...read.doc.warnings.map((w) => `warning: ${w}`)].join('\n'))
    return
  }
  let config
  try {
    config = loadConfig(io.env)
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message)
    throw err
  }
  const db = openDatabase(config.databaseFile)
  try {
    const importer = createPlanImporter(db, createRepositories(db, today))
    // The command line acts as the system itself: audit entries carry no actor.
    const outcome = importer.commit(read.doc, null, read.source)
    io.out(opts.json
      ? JSON.stringify(outcome)
      : [...summary, ...outcomeSummary(outcome), ...outcome.warnings.map((w) => `warning: ${w}`), `Database: ${config.databaseFile}`].join('\n'))
  } finally {
    db.$client.close()
  }
}

/** Runs the command line; returns the exit code (0 done, 1 failed, 2 usage). */
export async function main(argv: string[], io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), env: process.env }): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
        'plan-id': { type: 'string' }, title: { type: 'string' }, 'start-year': { type: 'string' }, 'end-year': { type: 'string' }, 'doc-number': { type: 'string' },
      },
    })
  } catch (err) {
    io.err(`duban: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const [command, file, ...extra] = positionals
  if (command !== 'import-plan' || !file || extra.length > 0) {
    io.err(`duban: ${command && command !== 'import-plan' ? `unknown command ${command}` : command ? 'import-plan needs exactly one FILE' : 'no command given'}\n\n${USAGE}`)
    return 2
  }
  try {
    const plan = { planId: values['plan-id'], title: values.title, startYear: values['start-year'], endYear: values['end-year'], docNumber: values['doc-number'] }
    await importPlan(file, { dryRun: values['dry-run'], json: values.json, plan }, io)
    return 0
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`duban: ${err.message}\n\n${USAGE}`)
      return 2
    }
    if (err instanceof CliError) io.err(`duban: ${err.message}`)
    else if (err instanceof Problem) io.err(`duban: ${err.detail ?? err.title}`)
    else io.err(`duban: ${(err as Error).stack ?? String(err)}`)
    return 1
  }
}
