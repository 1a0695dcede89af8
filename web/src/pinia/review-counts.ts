// How many requests wait for the office (审核), for the navigation's badge; read again on each page change.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { components } from '@/api/schema'
import { api, unwrap } from '@/http/client'

export const useReviewCounts = defineStore('review-counts', () => {
  const counts = ref<components['schemas']['Reviews']['counts'] | null>(null)
  async function refresh() {
    counts.value = (await unwrap(api.GET('/api/reviews', { params: { query: { limit: 1 } } }))).counts
  }
  return { counts, refresh }
})
