import type { ParsedPlan } from '../domain/plan-parser/index.js'
import type { ImportDocument } from './import-document.js'

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null)

/**
 * The import document for a parsed plan. What the text leaves out (a deadline, targets) keeps what
 * the office has entered since; a missing period falls back to the year of issue.
 */
export function planTextDocument(parsed: ParsedPlan, today: string): ImportDocument {
  const warnings = [...parsed.warnings]
  const startYear = parsed.startYear ?? yearOf(parsed.issuedOn) ?? yearOf(today)!
  if (parsed.startYear === null) warnings.push(`文中没有写明起始年份,按 ${startYear} 年导入`)
  const endYear = Math.max(parsed.endYear ?? startYear, startYear)
  if (parsed.endYear === null) warnings.push(`文中没有写明截止年份,按 ${endYear} 年导入`)
  const title = parsed.title.trim() || `未命名计划 ${parsed.docNumber ?? today}`
  return {
    plan: { fields: { title, docNumber: parsed.docNumber, issuer: parsed.issuer, issuedOn: parsed.issuedOn, startYear, endYear } },
    sections: parsed.sections,
    tasks: parsed.tasks.map((t) => ({
      number: t.number,
      section: t.section,
      title: t.title,
      description: t.description,
      leadUnits: t.leadUnits,
      responsibleUnits: t.responsibleUnits,
      cooperatingUnits: t.cooperatingUnits,
      leadInferred: t.leadInferred,
      deadline: t.deadline ?? undefined,
      targets: t.targets.length > 0
        ? t.targets.map((g) => ({ year: g.year, description: g.description, value: g.value ?? null, measure: g.measure ?? null, dueOn: g.dueOn ?? null }))
        : undefined,
    })),
    warnings,
  }
}
