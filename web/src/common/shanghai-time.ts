// The API's instants are ISO-8601 UTC; people read them in Asia/Shanghai (UTC+8 all year, no daylight saving).
const inShanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString()

/** 2026-11-29T17:30:00.000Z → 2026-11-30 */
export const shanghaiDate = (iso: string) => inShanghai(Date.parse(iso)).slice(0, 10)
/** 2026-11-29T17:30:00.000Z → 2026-11-30 01:30 */
export const shanghaiMinute = (iso: string) => inShanghai(Date.parse(iso)).slice(0, 16).replace('T', ' ')
/** Today's date in Shanghai. */
export const shanghaiToday = () => inShanghai(Date.now()).slice(0, 10)
