"""Statistics pages: customers, business, service (第九章 统计分析)."""
