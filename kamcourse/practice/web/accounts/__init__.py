"""Users, roles and the company's staff (第三章 用户管理)."""
