import type { Statement } from 'better-sqlite3'
import { and, inArray, isNull, sql } from 'drizzle-orm'
import { files, type FileOwnerType } from '../db/schema/index.js'
import { conflict, notFound, unprocessable } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import { createAuditRecorder, recordAudit } from './audit.js'
import type { Db, DbOrTx } from './db-types.js'
import type { TasksRepository } from './tasks.js'

/** How an attached file is listed on the item that carries it. */
export interface Attachment { id: number; name: string; size: number; type: string }

/** The upload as its uploader gets it back. */
export interface StoredFile extends Attachment { sha256: string }

export interface FileRow extends StoredFile {
  uploaderId: number
  uploaderUnitId: number | null
  createdAt: string
  ownerType: FileOwnerType | null
  ownerId: number | null
  taskId: number | null
}

/** A file on a task, with what carries it: the office's task detail lists them all. */
export interface TaskFile extends Attachment { ownerType: FileOwnerType; ownerId: number; uploader: { id: number; name: string }; createdAt: string }

export interface AttachRequest {
  /** The ids a request body named in `attachmentIds`. */
  fileIds: readonly number[]
  ownerType: FileOwnerType
  ownerId: number
  /** The task the owner belongs to; found from the owner when not given. */
  taskId?: number
  viewer: Pick<Viewer, 'id'>
}

export interface FilesDeps {
  tasks: () => TasksRepository
  now: () => Date
}

const COLUMNS = `id, name, size, type, sha256, uploader_id AS uploaderId, uploader_unit_id AS uploaderUnitId, created_at AS createdAt,
  owner_type AS ownerType, owner_id AS ownerId, task_id AS taskId`

/** The task that owns an item of each kind, for the owner types this repository knows. */
const OWNER_TASK: Partial<Record<FileOwnerType, string>> = {
  task: 'SELECT id AS taskId FROM tasks WHERE id = ?',
  report: 'SELECT task_id AS taskId FROM reports WHERE id = ?',
  completion_request: 'SELECT task_id AS taskId FROM task_transitions WHERE id = ?',
  extension_request: 'SELECT task_id AS taskId FROM extension_requests WHERE id = ?',
  notice_reply: 'SELECT n.task_id AS taskId FROM notice_actions a JOIN notices n ON n.id = a.notice_id WHERE a.id = ?',
}

/**
 * Items that only one of the task's units may read, as the unit they belong to: a notice (督办单) goes to one unit,
 * and its replies' files are that unit's and the supervisors', not its partners' on the task.
 */
const OWNER_UNIT: Partial<Record<FileOwnerType, string>> = {
  notice_reply: 'SELECT n.unit_id AS unitId FROM notice_actions a JOIN notices n ON n.id = a.notice_id WHERE a.id = ?',
}

const attachmentIdsProblem = (detail: string) => unprocessable(`attachmentIds ${detail}`, [{ in: 'body', field: 'attachmentIds', detail }])

/** Evidence files (佐证材料): one row per upload, attached at most once, readable in the scope of its task. */
export function createFilesRepository(db: Db, deps: FilesDeps) {
  const client = db.$client
  const insert = client.prepare<[string, number, string, string, number, number | null, string], { id: number }>(
    'INSERT INTO files (name, size, type, sha256, uploader_id, uploader_unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
  )
  const audit = createAuditRecorder(db)
  const byId = client.prepare<[number], FileRow>(`SELECT ${COLUMNS} FROM files WHERE id = ?`)
  const deleteRow = client.prepare<[number]>('DELETE FROM files WHERE id = ?')
  const shaInUse = client.prepare<[string], { one: number }>('SELECT 1 AS one FROM files WHERE sha256 = ? LIMIT 1')
  const stale = client.prepare<[string], { id: number; sha256: string }>('SELECT id, sha256 FROM files WHERE owner_type IS NULL AND created_at < ?')
  const ofTask = client.prepare<[number], Omit<TaskFile, 'uploader'> & { uploaderId: number; uploaderName: string }>(
    `SELECT f.id, f.name, f.size, f.type, f.owner_type AS ownerType, f.owner_id AS ownerId, f.created_at AS createdAt, f.uploader_id AS uploaderId, u.name AS uploaderName
     FROM files f JOIN users u ON u.id = f.uploader_id WHERE f.task_id = ? ORDER BY f.id`,
  )
  const attachmentsQuery = client.prepare<[string, string], Attachment & { ownerId: number }>(
    'SELECT id, name, size, type, owner_id AS ownerId FROM files WHERE owner_type = ? AND owner_id IN (SELECT value FROM json_each(?)) ORDER BY id',
  )

  // The owner look-ups (OWNER_TASK, OWNER_UNIT), each prepared once.
  const ownerStatements = new Map<string, Statement<[number | null]>>()
  const ownerLookup = <R>(sql: string, ownerId: number | null): R | undefined => {
    let s = ownerStatements.get(sql)
    if (!s) ownerStatements.set(sql, (s = client.prepare<[number | null]>(sql)))
    return s.get(ownerId) as R | undefined
  }

  /** False when the owner is an item of one unit (OWNER_UNIT) and the viewer is another unit's user. */
  function ownerUnitAllows(ownerType: FileOwnerType | null, ownerId: number | null, viewer: Viewer): boolean {
    const query = ownerType && OWNER_UNIT[ownerType]
    if (!query || viewer.role !== 'unit') return true
    return ownerLookup<{ unitId: number }>(query, ownerId)?.unitId === viewer.unitId
  }

  /**
   * The file as `viewer` may read it: an unattached file is its uploader's alone; an attached one follows its task's
   * scope, narrowed to one unit for items only that unit sees (OWNER_UNIT).
   */
  function requireVisible(id: number, viewer: Viewer): FileRow {
    const row = byId.get(id)
    const visible = row && (row.taskId === null
      ? row.uploaderId === viewer.id
      : deps.tasks().isVisible(row.taskId, viewer) && ownerUnitAllows(row.ownerType, row.ownerId, viewer))
    if (!row || !visible) throw notFound(`File ${id}`)
    return row
  }

  /** Removes rows' blobs that no other row shares; runs in the same tick as the row deletes (see `keep`). */
  function dropUnshared(shas: Iterable<string>, removeBlob: (sha: string) => void) {
    for (const sha of new Set(shas)) if (!shaInUse.get(sha)) removeBlob(sha)
  }

  return {
    requireVisible,

    /** Records an upload whose bytes are stored. Synchronous, like the blob store's `keep`, so no purge runs between the two. */
    insert(file: { name: string; size: number; type: string; sha256: string }, viewer: Viewer): StoredFile {
      const id = db.$client.transaction(() => {
        const { id } = insert.get(file.name, file.size, file.type, file.sha256, viewer.id, viewer.unitId, deps.now().toISOString())!
        audit({ actorId: viewer.id, action: 'file.upload', entityType: 'file', entityId: id, after: file })
        return id
      })()
      return { id, name: file.name, size: file.size, type: file.type, sha256: file.sha256 }
    },

    /**
     * Attaches the viewer's own unattached uploads to an item, inside the caller's transaction. Any other id (not
     * found, someone else's, attached already) is 422 naming attachmentIds. The hook for every item that carries files.
     */
    attachFiles(tx: DbOrTx, { fileIds, ownerType, ownerId, taskId, viewer }: AttachRequest): Attachment[] {
      if (fileIds.length === 0) return []
      const ids = [...new Set(fileIds)]
      if (ids.length !== fileIds.length) throw attachmentIdsProblem('names a file twice')
      const rows = tx.select({ id: files.id, name: files.name, size: files.size, type: files.type, uploaderId: files.uploaderId, ownerType: files.ownerType })
        .from(files).where(inArray(files.id, ids)).all()
      const usable = new Set(rows.filter((r) => r.uploaderId === viewer.id && r.ownerType === null).map((r) => r.id))
      const bad = ids.filter((id) => !usable.has(id))
      if (bad.length) throw attachmentIdsProblem(`${bad.join(', ')}: only your own uploads that are not attached yet can be attached`)
      const ownerTask = taskId ?? (OWNER_TASK[ownerType] ? ownerLookup<{ taskId: number }>(OWNER_TASK[ownerType]!, ownerId)?.taskId : undefined)
      if (ownerTask === undefined) throw new Error(`attachFiles: no task for ${ownerType} ${ownerId}`)
      const at = deps.now().toISOString()
      tx.update(files).set({ ownerType, ownerId, taskId: ownerTask, attachedAt: at }).where(and(inArray(files.id, ids), isNull(files.ownerType))).run()
      recordAudit(tx, { actorId: viewer.id, action: 'file.attach', entityType: ownerType, entityId: ownerId, after: { fileIds: ids } })
      const byIdOrder = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, size: r.size, type: r.type }]))
      return ids.map((id) => byIdOrder.get(id)!)
    },

    /** The attachments of items of one kind, by item id, in upload order. */
    attachmentsOf(ownerType: FileOwnerType, ownerIds: readonly number[]): Map<number, Attachment[]> {
      const out = new Map<number, Attachment[]>(ownerIds.map((id) => [id, []]))
      if (ownerIds.length === 0) return out
      const rows = attachmentsQuery.all(ownerType, JSON.stringify(ownerIds))
      for (const { ownerId, ...a } of rows) out.get(ownerId)?.push(a)
      return out
    },

    /** Every file on a task, with the item carrying it. */
    ofTask(taskId: number, viewer: Viewer): TaskFile[] {
      deps.tasks().requireVisibleRow(taskId, viewer)
      return ofTask.all(taskId).filter((f) => ownerUnitAllows(f.ownerType, f.ownerId, viewer)).map(({ uploaderId, uploaderName, ...f }) => ({ ...f, uploader: { id: uploaderId, name: uploaderName } }))
    },

    /** The uploader removes a file not attached yet; an attached one is part of a submitted item and stays. */
    remove(id: number, viewer: Viewer, removeBlob: (sha: string) => void): void {
      const row = requireVisible(id, viewer)
      if (row.uploaderId !== viewer.id) throw notFound(`File ${id}`)
      if (row.ownerType !== null) {
        throw conflict(`File ${id} is attached to ${row.ownerType} ${row.ownerId}; files of a submitted item cannot be removed.`, { currentState: 'attached', allowedActions: [] })
      }
      db.transaction((tx) => {
        deleteRow.run(id)
        recordAudit(tx, { actorId: viewer.id, action: 'file.delete', entityType: 'file', entityId: id, before: { name: row.name, sha256: row.sha256 } })
      })
      dropUnshared([row.sha256], removeBlob)
    },

    /** Purges uploads never attached within `maxAgeMs`; returns how many. */
    purgeUnattached(maxAgeMs: number, removeBlob: (sha: string) => void): number {
      const cutoff = new Date(deps.now().getTime() - maxAgeMs).toISOString()
      const rows = stale.all(cutoff)
      if (rows.length === 0) return 0
      db.transaction(() => { for (const r of rows) deleteRow.run(r.id) })
      dropUnshared(rows.map((r) => r.sha256), removeBlob)
      return rows.length
    },

    /** True when some row holds these bytes. */
    hasRowFor: (sha256: string) => shaInUse.get(sha256) !== undefined,

    /** Hashes referenced by rows (for the backup). */
    referencedHashes: (): string[] => db.select({ sha: sql<string>`DISTINCT ${files.sha256}` }).from(files).all().map((r) => r.sha),

  }
}
export type FilesRepository = ReturnType<typeof createFilesRepository>
