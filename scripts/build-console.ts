// `npm run build:web` builds the console into web/dist. With --if-changed (what `npm start` runs) it builds only
// when the console's sources, its build config or the installed packages changed since the last build: the
// hash of all of them is kept in web/dist/.sources-hash.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const web = path.join(root, 'web')
export const consoleDist = path.join(web, 'dist')
const stampFile = path.join(consoleDist, '.sources-hash')

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) { if (entry.name !== 'dist' && entry.name !== 'node_modules') yield* files(full) } else yield full
  }
}

/** The hash of everything the console's build reads. */
export function consoleSourcesHash(): string {
  const hash = createHash('sha256')
  for (const file of [...files(web), path.join(root, 'package-lock.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function consoleIsCurrent(): boolean {
  try {
    return fs.readFileSync(stampFile, 'utf8') === consoleSourcesHash() && fs.existsSync(path.join(consoleDist, 'index.html'))
  } catch {
    return false
  }
}

/** Builds the console (in-process Vite) and records the sources' hash. */
export async function buildConsole({ ifChanged = false } = {}): Promise<'built' | 'current'> {
  if (ifChanged && consoleIsCurrent()) return 'current'
  const { build } = await import('vite')
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
  // Hashed after the build: the build itself rewrites web/src's generated component declarations.
  fs.writeFileSync(stampFile, consoleSourcesHash())
  return 'built'
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now()
  const result = await buildConsole({ ifChanged: process.argv.includes('--if-changed') })
  process.stdout.write(result === 'current' ? 'console: web/dist is current\n' : `console: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
