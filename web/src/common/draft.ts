// Drafts kept in the browser (the API has no server-side draft of a report or request): one per user and form,
// saved on every change so that a reload or a lost connection does not lose what was typed or uploaded.
import { watch, type Ref } from 'vue'

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

export function saveDraft(key: string, value: unknown): void {
  try { localStorage.setItem(key, JSON.stringify(value)) } catch { /* storage full or off: the form still works */ }
}

export function dropDraft(key: string): void {
  try { localStorage.removeItem(key) } catch { /* ignore */ }
}

/** Saves `state` under `key()` whenever it changes (while `enabled()`). */
export function autosaveDraft(key: () => string, state: Ref<unknown> | object, enabled: () => boolean = () => true): void {
  watch(() => JSON.stringify('value' in (state as Ref<unknown>) ? (state as Ref<unknown>).value : state), (json) => {
    if (enabled()) try { localStorage.setItem(key(), json) } catch { /* ignore */ }
  })
}
