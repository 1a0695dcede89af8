// The console shows the API's UTC instants as Shanghai reads them: after 16:00 UTC it is already the next day there.
import t from 'tap'
import { shanghaiDate, shanghaiMinute } from '../web/src/common/shanghai-time.js'

t.equal(shanghaiDate('2026-11-29T17:30:00.000Z'), '2026-11-30')
t.equal(shanghaiMinute('2026-11-29T17:30:00.000Z'), '2026-11-30 01:30')
t.equal(shanghaiDate('2026-12-31T15:59:59.999Z'), '2026-12-31', 'the last instant of the year in Shanghai')
t.equal(shanghaiMinute('2026-12-31T16:00:00Z'), '2027-01-01 00:00')
