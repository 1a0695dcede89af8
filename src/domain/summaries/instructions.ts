import type { InstructionLine } from './content.js'
import type { SummaryFacts } from './facts.js'

/** The leaders' instructions still awaiting 落实情况 on `asOf`, oldest first; overdue once past their reply-by date. */
export function openInstructionLines(facts: SummaryFacts): InstructionLine[] {
  return (facts.instructions ?? [])
    .map(({ id, ...i }) => ({ instructionId: id, ...i, overdue: facts.asOf > i.replyBy }))
    .sort((a, b) => a.instructionId - b.instructionId)
}
