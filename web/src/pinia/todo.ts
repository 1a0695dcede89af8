// A unit user's 待办, read once and again after each step: the navigation's badges and the 待办 page share it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { components } from '@/api/schema'
import { api, unwrap } from '@/http/client'

export type Todo = components['schemas']['Todo']

export const useTodo = defineStore('todo', () => {
  const todo = ref<Todo | null>(null)
  async function refresh(): Promise<Todo> {
    todo.value = await unwrap(api.GET('/api/todo'))
    return todo.value
  }
  return { todo, refresh }
})
