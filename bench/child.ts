import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundle, startFlags } from '../scripts/build.js'

export interface ServerChild { port: number; pid: number; peakRssMb(): number; stop(): Promise<void> }

/**
 * Starts bench/api-server.ts in its own process (so its memory is its own) and waits until it listens. It is
 * bundled and run on plain node with `npm start`'s flags, as the service runs.
 */
export async function startApiServer(dbFile: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const script = fileURLToPath(new URL('../dist/bench/api-server.js', import.meta.url))
  await bundle(['bench/api-server.ts'], { outdir: 'dist' })
  const child: ChildProcess = spawn(process.execPath, [...startFlags(), script], {
    env: { ...process.env, BENCH_DB: dbFile, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /ready (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`bench API server exited with ${code}`)))
  })
  return {
    port,
    pid: child.pid!,
    /** VmHWM: the process's peak resident set, from the kernel. */
    peakRssMb() {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      return m ? Math.round(Number(m[1]) / 1024) : NaN
    },
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}
