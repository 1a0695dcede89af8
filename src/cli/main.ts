import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { shanghaiDate } from '../domain/dates.js'
import { NotAPlanError, parsePlanText, type ParsedPlan } from '../domain/plan-parser/index.js'
import { Problem } from '../http/problem.js'
import { ENTITIES, type Counts } from '../importing/import-document.js'
import { createPlanImporter, type ImportOutcome } from '../importing/plan-import.js'
import { planTextDocument } from '../importing/plan-text.js'
import { decodeText } from '../importing/text-decoding.js'
import { createRepositories } from '../repositories/index.js'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
}

const USAGE = `Usage: duban import-plan FILE [--dry-run] [--json]

  import-plan FILE   Import a published plan's text (UTF-8 or GB18030) into the configured database
                     (DATA_DIR, default ./data): plan, sections, tasks, units and targets. Importing
                     the same plan again updates it in place.
  --dry-run          Parse only; write nothing.
  --json             Print one JSON object: the parse with --dry-run, else the import's outcome.
`

class CliError extends Error {}

function readPlan(file: string): ParsedPlan {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? (err as Error).message})`)
  }
  try {
    return parsePlanText(decodeText(bytes))
  } catch (err) {
    if (err instanceof NotAPlanError) throw new CliError(`${file} is not a plan: ${err.message}`)
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

function importPlan(file: string, opts: { dryRun: boolean; json: boolean }, io: Io): void {
  const parsed = readPlan(file)
  if (opts.dryRun) {
    io.out(opts.json ? JSON.stringify(parsed) : [...parseSummary(parsed), ...parsed.warnings.map((w) => `warning: ${w}`)].join('\n'))
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
    const today = () => shanghaiDate(new Date())
    const importer = createPlanImporter(db, createRepositories(db, today))
    // The command line acts as the system itself: audit entries carry no actor.
    const outcome = importer.commit(planTextDocument(parsed, today()), null, 'plan-text')
    io.out(opts.json
      ? JSON.stringify(outcome)
      : [...parseSummary(parsed), ...outcomeSummary(outcome), ...outcome.warnings.map((w) => `warning: ${w}`), `Database: ${config.databaseFile}`].join('\n'))
  } finally {
    db.$client.close()
  }
}

/** Runs the command line; returns the exit code (0 done, 1 failed, 2 usage). */
export function main(argv: string[], io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), env: process.env }): number {
  let parsed
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
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
    importPlan(file, { dryRun: values['dry-run'], json: values.json }, io)
    return 0
  } catch (err) {
    if (err instanceof CliError) io.err(`duban: ${err.message}`)
    else if (err instanceof Problem) io.err(`duban: ${err.detail ?? err.title}`)
    else io.err(`duban: ${(err as Error).stack ?? String(err)}`)
    return 1
  }
}
