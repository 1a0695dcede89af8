import { onBeforeUnmount, ref } from 'vue'

/** The width under which the console is laid out for a phone (the navigation folds away, lists become cards). */
export const NARROW_QUERY = '(max-width: 760px)'

/** True while the window is phone-narrow; follows resizes and rotation. */
export function useNarrow() {
  const media = window.matchMedia(NARROW_QUERY)
  const narrow = ref(media.matches)
  const change = (e: MediaQueryListEvent) => { narrow.value = e.matches }
  media.addEventListener('change', change)
  onBeforeUnmount(() => media.removeEventListener('change', change))
  return narrow
}
