ALTER TABLE `plans` ADD `behind_tolerance` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `effective_deadline` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `deadline_source` text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light` text DEFAULT 'green' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light_reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light_changes_on` text DEFAULT '0000-01-01';--> statement-breakpoint
CREATE INDEX `tasks_light_changes_idx` ON `tasks` (`light_changes_on`);--> statement-breakpoint
CREATE INDEX `tasks_plan_status_light_idx` ON `tasks` (`plan_id`,`status`,`light`,`effective_deadline`,`deadline`,`closed_at`);