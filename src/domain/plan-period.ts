/**
 * A task's deadline and yearly targets lie within its plan's years: a 2021–2025 plan has no 2026 target. The
 * office's create and change requests are held to it (422); an approved extension may move a deadline past
 * the plan's end (that is an explicit decision), and imports keep what the document says.
 */
export interface PlanYears { startYear: number; endYear: number }
export interface DatedFields {
  deadline?: string | null
  targets?: readonly { year: number; dueOn?: string | null }[]
}

export function outsidePlanYears(plan: PlanYears, input: DatedFields): { field: string; detail: string }[] {
  const out: { field: string; detail: string }[] = []
  const years = `${plan.startYear}–${plan.endYear}`
  const inPlan = (year: number) => year >= plan.startYear && year <= plan.endYear
  if (input.deadline && !inPlan(Number(input.deadline.slice(0, 4)))) out.push({ field: 'deadline', detail: `must fall within the plan's years, ${years}` })
  input.targets?.forEach((t, i) => {
    if (!inPlan(t.year)) out.push({ field: `targets/${i}/year`, detail: `must be one of the plan's years, ${years}` })
    if (t.dueOn && Number(t.dueOn.slice(0, 4)) !== t.year) out.push({ field: `targets/${i}/dueOn`, detail: `must fall within the target's year, ${t.year}` })
  })
  return out
}
