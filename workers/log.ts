import type { WorkerLogger } from './start.js'

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const

/** JSON lines on stdout, as the API's logger writes them, for the stand-alone worker process. */
export function jsonLogger(level: string, name = 'worker'): WorkerLogger {
  const min = level === 'silent' ? Infinity : LEVELS.indexOf(level as (typeof LEVELS)[number])
  const write = (lvl: (typeof LEVELS)[number], msg: string, extra: Record<string, unknown> = {}) => {
    if (LEVELS.indexOf(lvl) >= min) process.stdout.write(`${JSON.stringify({ level: lvl, time: new Date().toISOString(), pid: process.pid, name, msg, ...extra })}\n`)
  }
  return {
    info: (msg) => write('info', msg),
    warn: (msg) => write('warn', msg),
    error: (obj, msg) => write('error', msg ?? String(obj), { err: obj instanceof Error ? obj.stack : (obj as { err?: Error })?.err?.stack }),
  }
}
