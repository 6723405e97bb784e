"""Opportunities, their follow-up activities and sales orders (第六章 业务机会管理, 第七章 销售管理)."""
