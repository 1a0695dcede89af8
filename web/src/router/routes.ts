// The one route table: each page's URL, title, who may open it (`meta.roles`) and whether it is in the menu.
// Navigation is built from it (layouts/ConsoleLayout.vue) and the one guard (router/guard.ts) reads it.
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/common/words'
// The layout and the board are in the first download: every signed-in page needs the one, the office lands on the other.
import ConsoleLayout from '@/layouts/ConsoleLayout.vue'
import BoardPage from '@/pages/office/board/BoardPage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Who may open the page; absent: anyone signed in. */
    roles?: Role[]
    /** Shown in the navigation under this label. */
    menu?: string
    /** Open without signing in (the sign-in page). */
    public?: boolean
    /** The navigation shows a count beside the entry: `todo` is the unit's 待办 total, `reviews` the office's 审核 total. */
    badge?: 'todo' | 'reviews'
  }
}

const OFFICE: Role[] = ['office', 'admin']
const ADMIN: Role[] = ['admin']
const UNIT: Role[] = ['unit']
/** Who reads every task (the board and task pages; the API decides what each may do there). */
const READERS: Role[] = ['office', 'admin', 'supervisor', 'leader']

export const consoleRoutes: RouteRecordRaw[] = [
  { path: 'plans', name: 'plans', component: () => import('@/pages/office/plans/PlansPage.vue'), meta: { title: '计划', roles: OFFICE, menu: '计划' } },
  { path: 'plans/import', name: 'plan-import', component: () => import('@/pages/office/import/ImportPage.vue'), meta: { title: '导入计划', roles: OFFICE, menu: '导入计划' } },
  { path: 'board', name: 'board-current', component: () => import('@/pages/office/board/CurrentBoard.vue'), meta: { title: '任务台账', roles: READERS, menu: '任务台账' } },
  { path: 'plans/:planId(\\d+)/board', name: 'board', component: BoardPage, meta: { title: '任务台账', roles: READERS } },
  { path: 'tasks/:taskId(\\d+)', name: 'task', component: () => import('@/pages/office/task/TaskPage.vue'), meta: { title: '任务详情', roles: READERS } },
  { path: 'reviews', name: 'reviews', component: () => import('@/pages/office/reviews/ReviewsPage.vue'), meta: { title: '审核', roles: OFFICE, menu: '审核', badge: 'reviews' } },
  { path: 'units', name: 'units', component: () => import('@/pages/office/units/UnitsPage.vue'), meta: { title: '单位与用户', roles: OFFICE, menu: '单位与用户' } },
  { path: 'summaries', name: 'summaries', component: () => import('@/pages/office/summaries/SummariesPage.vue'), meta: { title: '调度与通报', roles: OFFICE, menu: '调度与通报' } },
  { path: 'users', name: 'users', component: () => import('@/pages/admin/users/UsersPage.vue'), meta: { title: '用户', roles: ADMIN, menu: '用户' } },
  { path: 'calendar', name: 'calendar', component: () => import('@/pages/admin/calendar/CalendarPage.vue'), meta: { title: '工作日历', roles: ADMIN, menu: '工作日历' } },
  { path: 'todo', name: 'todo', component: () => import('@/pages/unit/TodoPage.vue'), meta: { title: '待办', roles: UNIT, menu: '待办', badge: 'todo' } },
  { path: 'my-tasks', name: 'my-tasks', component: () => import('@/pages/unit/MyTasksPage.vue'), meta: { title: '我的任务', roles: UNIT, menu: '我的任务' } },
  { path: 'unit/tasks/:id(\\d+)', name: 'unit-task', component: () => import('@/pages/unit/UnitTaskPage.vue'), meta: { title: '任务详情', roles: UNIT } },
  { path: 'unit/tasks/:id(\\d+)/report', name: 'unit-report', component: () => import('@/pages/unit/ReportPage.vue'), meta: { title: '填报', roles: UNIT } },
  { path: 'unit/tasks/:id(\\d+)/completion', name: 'unit-completion', component: () => import('@/pages/unit/CompletionPage.vue'), meta: { title: '办结申请', roles: UNIT } },
  { path: 'unit/tasks/:id(\\d+)/extension', name: 'unit-extension', component: () => import('@/pages/unit/ExtensionPage.vue'), meta: { title: '延期申请', roles: UNIT } },
  { path: 'desk', name: 'desk', component: () => import('@/pages/supervisor/desk/DeskPage.vue'), meta: { title: '督办台', roles: ['supervisor', 'admin'], menu: '督办台' } },
  { path: 'unit-status', name: 'unit-status', component: () => import('@/pages/supervisor/units/UnitStatusPage.vue'), meta: { title: '单位情况', roles: ['supervisor', 'office', 'leader', 'admin'], menu: '单位情况' } },
  { path: 'notices', name: 'unit-supervision', component: () => import('@/pages/unit/supervision/UnitSupervisionPage.vue'), meta: { title: '督办单与批示', roles: ['unit'], menu: '督办单与批示' } },
  { path: 'instructions', name: 'instructions', component: () => import('@/pages/leader/instructions/InstructionsPage.vue'), meta: { title: '批示', roles: ['leader', 'office', 'admin'], menu: '批示' } },
  // ECharts is imported by this page alone, so it loads only here.
  { path: 'dashboard', name: 'dashboard', component: () => import('@/pages/leader/dashboard/DashboardPage.vue'), meta: { title: '驾驶舱', roles: READERS, menu: '驾驶舱' } },
  { path: 'account', name: 'account', component: () => import('@/pages/auth/AccountPage.vue'), meta: { title: '修改密码' } },
]

/** Where each role lands after signing in (CONSOLE.md). */
export const LANDING: Record<Role, string> = {
  office: 'board-current', admin: 'units', unit: 'todo', supervisor: 'desk', leader: 'dashboard',
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/auth/SignInPage.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', name: 'home', component: { render: () => null }, meta: { title: '督办系统' } },
      ...consoleRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('@/pages/auth/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/pages/auth/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
]
