"""Graded practical tasks (实训任务): handed out per chapter, checked from the database and the audit trail."""
