import { createRouter, createWebHistory } from 'vue-router'
import { installGuard } from './guard'
import { routes } from './routes'

export const router = createRouter({ history: createWebHistory('/'), routes })
installGuard(router)
