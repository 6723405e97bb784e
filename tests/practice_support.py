"""Shared set-up of the practice CRM tests: one loaded database per test process, copied fresh per test.

The practice system keeps its files in ``KAMCOURSE_CRM_HOME`` (a private
temporary folder set by ``tests/conftest.py``). The first test that needs a
database migrates and loads the company's data once into a template file;
each test then starts from a fresh copy of it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PASSWORD = "Practice-Test-2025"
ROLE_USERS = {"administrator": "admin", "sales_manager": "manager"}


def django_ready() -> None:
    from django.test.utils import setup_test_environment

    # The browser tests keep one Playwright (sync API) per test process (tests/browser.py); it leaves an
    # asyncio loop registered as running in the main thread, and Django then refuses every ORM call made
    # from that thread. Nothing here is asynchronous: the tests call Django from one thread only.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    import kamcourse.practice.web  # noqa: F401  (configures Django)

    try:
        setup_test_environment()
    except RuntimeError:  # already set up in this process
        pass


def _db_path() -> Path:
    from django.conf import settings

    return Path(settings.DATABASES["default"]["NAME"])


def _drop(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def crm_template(tmp_path_factory) -> Path:
    django_ready()
    from django.core.management import call_command
    from django.db import connections

    from kamcourse.practice.web.maintenance.company import load_company

    connections.close_all()
    _drop(_db_path())
    call_command("migrate", verbosity=0, interactive=False)
    load_company(password=PASSWORD)
    connections.close_all()
    template = tmp_path_factory.mktemp("crm") / "template.sqlite3"
    src = __import__("sqlite3").connect(_db_path())
    dst = __import__("sqlite3").connect(template)
    src.backup(dst)
    src.close()
    dst.close()
    return template


@pytest.fixture
def crm_db(crm_template):
    """A fresh copy of the loaded database for one test."""
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    _drop(_db_path())
    shutil.copyfile(crm_template, _db_path())
    cache.clear()
    yield _db_path()
    connections.close_all()


def user_of(role: str):
    """A user of the role: admin, manager, or the first staff account of a sales rep / service agent."""
    from django.contrib.auth.models import User

    if role in ROLE_USERS:
        return User.objects.get(username=ROLE_USERS[role])
    return User.objects.filter(groups__name=role, staff__isnull=False).order_by("username").first()


def client_for(role: str | None):
    from django.test import Client

    client = Client()
    if role is not None:
        client.force_login(user_of(role))
    return client
