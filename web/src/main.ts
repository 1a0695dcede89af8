import { createPinia } from 'pinia'
import { createApp } from 'vue'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import App from './App.vue'
import { router } from './router'
import { onSessionLost } from './http/client'
import { useSession } from './pinia/session'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.use(router)
// A session that ended (idle, signed out elsewhere, reset by the admin) sends the user back to 登录.
onSessionLost((err) => {
  const session = useSession()
  if (err.status === 401) session.lost()
  else void session.load()
  const here = router.currentRoute.value
  if (!here.meta.public) void router.replace({ name: 'login', query: { redirect: here.fullPath } })
})
app.mount('#app')
