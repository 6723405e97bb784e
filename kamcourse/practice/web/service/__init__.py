"""Service requests: logging, tracking and closing, with response-time targets (第八章 服务管理)."""
