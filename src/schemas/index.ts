import { PlanSchema, SectionSchema } from './plans.js'
import { TargetSchema, TaskListSchema, TaskSchema, TaskSummarySchema } from './tasks.js'
import { UnitSchema } from './units.js'
import { UserSchema } from './users.js'
import { importSharedSchemas } from './imports.js'
import { workflowSharedSchemas } from './workflow.js'
import { summarySharedSchemas } from './summaries.js'
import { pipelineSharedSchemas } from './pipeline.js'
import { fileSharedSchemas } from './files.js'
import { workspaceSharedSchemas } from './workspace.js'
import { supervisionSharedSchemas } from './supervision.js'
import { sessionSharedSchemas } from './sessions.js'
import { reviewSharedSchemas } from './reviews.js'

/** Schemas registered once with `$id`, referenced by name from routes and in openapi.yaml. Order: dependencies first. */
export const sharedSchemas = [...fileSharedSchemas, UnitSchema, UserSchema, PlanSchema, SectionSchema, TargetSchema, TaskSummarySchema, TaskSchema, TaskListSchema,
  ...workflowSharedSchemas, ...importSharedSchemas, ...summarySharedSchemas, ...pipelineSharedSchemas, ...supervisionSharedSchemas, ...sessionSharedSchemas, ...workspaceSharedSchemas, ...reviewSharedSchemas]
