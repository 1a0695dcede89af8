CREATE TABLE `instruction_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instruction_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`text` text NOT NULL,
	`reported_by` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`instruction_id`) REFERENCES `instructions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `instruction_reports_instruction_idx` ON `instruction_reports` (`instruction_id`,`id`);--> statement-breakpoint
CREATE TABLE `instruction_units` (
	`instruction_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`reported_at` text,
	FOREIGN KEY (`instruction_id`) REFERENCES `instructions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instruction_units_uq` ON `instruction_units` (`instruction_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `instruction_units_unit_idx` ON `instruction_units` (`unit_id`,`instruction_id`);--> statement-breakpoint
CREATE TABLE `instructions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`plan_id` integer,
	`text` text NOT NULL,
	`issued_on` text NOT NULL,
	`reply_by` text NOT NULL,
	`issued_by` integer NOT NULL,
	`answered_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `instructions_plan_idx` ON `instructions` (`plan_id`,`id`);--> statement-breakpoint
CREATE INDEX `instructions_reply_idx` ON `instructions` (`answered_at`,`reply_by`);--> statement-breakpoint
CREATE TABLE `notice_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor_id` integer,
	`text` text,
	`reply_by` text,
	`at` text NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notice_actions_notice_idx` ON `notice_actions` (`notice_id`,`id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`task_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`colour` text NOT NULL,
	`problem` text NOT NULL,
	`requirement` text NOT NULL,
	`issued_on` text NOT NULL,
	`reply_by` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`escalation_id` integer,
	`issued_by` integer,
	`escalated_for` text,
	`escalated_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_year_seq_uq` ON `notices` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `notices_unit_idx` ON `notices` (`unit_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_task_idx` ON `notices` (`task_id`,`id`);--> statement-breakpoint
CREATE INDEX `notices_status_reply_idx` ON `notices` (`status`,`reply_by`);--> statement-breakpoint
ALTER TABLE `plans` ADD `behind_tolerance` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `effective_deadline` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `deadline_source` text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light` text DEFAULT 'green' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light_reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `light_changes_on` text DEFAULT '0000-01-01';--> statement-breakpoint
CREATE INDEX `tasks_light_changes_idx` ON `tasks` (`light_changes_on`);--> statement-breakpoint
CREATE INDEX `tasks_plan_status_light_idx` ON `tasks` (`plan_id`,`status`,`light`,`effective_deadline`,`deadline`,`closed_at`);