"""Customers and their contacts (第四章 客户信息管理, 第五章 联系人管理)."""
