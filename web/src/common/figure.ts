/** A target's figure as people write it: whole numbers as they are, others to one decimal (序时进度 10.9808 → 11.0); — for none. */
export const figure = (n: number | null | undefined): string => (n == null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1))
