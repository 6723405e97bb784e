"""System maintenance: the company data, backup, restore and upgrade (第十章 系统维护与升级)."""
