import { PlanSchema, SectionSchema } from './plans.js'
import { TargetSchema, TaskListSchema, TaskSchema, TaskSummarySchema } from './tasks.js'
import { UnitSchema } from './units.js'
import { UserSchema } from './users.js'

/** Schemas registered once with `$id`, referenced by name from routes and in openapi.yaml. Order: dependencies first. */
export const sharedSchemas = [UnitSchema, UserSchema, PlanSchema, SectionSchema, TargetSchema, TaskSummarySchema, TaskSchema, TaskListSchema]
