DROP INDEX `task_units_unit_idx`;--> statement-breakpoint
CREATE INDEX `task_units_unit_task_idx` ON `task_units` (`unit_id`,`task_id`,`role`);