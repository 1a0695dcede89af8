// Reads one PDF to text in a process of its own and prints its peak RSS (VmHWM), CPU time and text length as JSON.
import fs from 'node:fs'
import { pdfText } from '../src/importing/pdf-text.js'

const cpu = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000
const started = cpu()
const text = await pdfText(fs.readFileSync(process.argv[2]!))
const ms = Math.round(cpu() - started)
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
process.stdout.write(`${JSON.stringify({ peakRssMb: hwm ? Math.round(Number(hwm[1]) / 1024) : NaN, ms, chars: text.length })}\n`)
