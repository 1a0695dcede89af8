import type { Db } from '../db/client.js'

export type { Db }
/** A drizzle transaction handle; repositories write through it so a caller can group writes. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx
