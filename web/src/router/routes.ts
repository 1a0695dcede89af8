// The one route table: each page's URL, title, who may open it (`meta.roles`) and whether it is in the menu.
// Navigation is built from it (layouts/ConsoleLayout.vue) and the one guard (router/guard.ts) reads it.
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/common/words'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Who may open the page; absent: anyone signed in. */
    roles?: Role[]
    /** Shown in the navigation under this label. */
    menu?: string
    /** Open without signing in (the sign-in page). */
    public?: boolean
  }
}

const OFFICE: Role[] = ['office', 'admin']
const ADMIN: Role[] = ['admin']

export const consoleRoutes: RouteRecordRaw[] = [
  { path: 'plans', name: 'plans', component: () => import('@/pages/office/plans/PlansPage.vue'), meta: { title: '计划', roles: OFFICE, menu: '计划' } },
  { path: 'account', name: 'account', component: () => import('@/pages/auth/AccountPage.vue'), meta: { title: '修改密码' } },
]

/** Where each role lands after signing in (CONSOLE.md). Later pages (待办, 督办台, 驾驶舱) take over theirs. */
export const LANDING: Record<Role, string> = {
  office: 'plans', admin: 'plans', unit: 'account', supervisor: 'account', leader: 'account',
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/auth/SignInPage.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      { path: '', name: 'home', component: { render: () => null }, meta: { title: '督办系统' } },
      ...consoleRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('@/pages/auth/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/pages/auth/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
]
