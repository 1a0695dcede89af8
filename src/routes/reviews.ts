import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createReviewsRepository } from '../repositories/reviews.js'
import { problems, ref } from '../schemas/common.js'
import { ReviewsQuery, ReviewsSchema } from '../schemas/reviews.js'

/** 审核: the office's inbox of requests waiting for its decision; each is decided on the task's own page. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reviews = createReviewsRepository(app.db, { tasks: app.repos.tasks })

  app.get('/api/reviews', {
    config: { roles: ['office', 'admin'] },
    schema: {
      tags: ['workflow'],
      summary: '审核: 办结申请, reports and 延期申请 waiting for the office, with how many of each; those that have waited longest first',
      querystring: ReviewsQuery,
      response: { 200: ref(ReviewsSchema), ...problems(400, 403) },
    },
  }, async (request) => reviews.pending(request.query))
}
export default routes
