"""The shared class instance on PostgreSQL, chosen by configuration only (KAMCOURSE_CRM_DATABASE_URL),
against a real server started here. In CI (CI=true) a missing PostgreSQL fails the test instead of skipping."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from practice_pg import find_pg_bin, private_cluster

SCENARIO = r'''
import json, threading
from kamcourse.practice.server import prepare
import io
prepare(out=io.StringIO())  # migrate and load the company's data, as `kamcourse crm` does
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from auditlog.context import set_actor
from django.contrib.auth.models import User
from kamcourse.practice.web.accounts.models import Staff
from kamcourse.practice.web.common import StaleEdit
from kamcourse.practice.web.customers.models import Customer, Contact
from kamcourse.practice.web.customers.validators import credit_code_check_char
from kamcourse.practice.web.maintenance import backup as backups
from kamcourse.practice.web.sales.models import Activity, Opportunity
out = {"vendor": connection.vendor, "customers": Customer.objects.count(), "opportunities": Opportunity.objects.count()}
admin = User.objects.get(username="admin")
c = Client(); c.force_login(admin)
out["pages"] = [c.get(u).status_code for u in ("/", "/customers/customer/?q=%E6%9C%89%E9%99%90", "/sales/opportunity/?warning=any",
                "/stats/customers/", "/stats/business/", "/stats/service/", "/tasks/?check=1")]
rep = User.objects.filter(groups__name="sales_rep", staff__isnull=False).order_by("username").first()
r = Client(); r.force_login(rep)
out["rep_sees"] = r.get("/customers/customer/").context["cl"].result_count
out["rep_owns"] = Customer.objects.filter(account_manager__user=rep).count()
manager = Staff.objects.filter(role="sales", leave_date__isnull=True).first()
opp = Opportunity.objects.open().first()
errors = []
def worker(i):
    try:
        for j in range(5):
            first17 = f"9132050{i:02d}MA{j:06d}"[:17]
            Customer(name_zh=f"PG并发{i}-{j}", credit_code=first17 + credit_code_check_char(first17), industry="metallurgy",
                     region="east_china", size_band="small_enterprise", account_manager=manager).save()
            Activity.objects.create(opportunity_id=opp.pk, note=f"{i}-{j}")
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
out["errors"] = errors
out["new_customers"] = Customer.objects.filter(name_zh__startswith="PG并发").count()
out["activities"] = Activity.objects.filter(opportunity=opp).count()
a, b = Customer.objects.get(pk="C0001"), Customer.objects.get(pk="C0001")
a.address = "a"; a.save(); b.address = "b"
try:
    b.save(); out["stale"] = "saved"
except StaleEdit:
    out["stale"] = "refused"
path = backups.backup(user=admin)
with set_actor(admin):
    Contact.objects.filter(customer_id="C0002").delete()
backups.restore(path, user=admin)
out["after_restore"] = Customer.objects.count()
out["contacts_back"] = Contact.objects.filter(customer_id="C0002").count()
Activity.objects.create(opportunity_id=opp.pk, note="after restore")  # id sequences were reset
print(json.dumps(out))
'''


def test_shared_instance_on_postgresql(tmp_path) -> None:
    if find_pg_bin() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL (Debian package postgresql) is missing: `make setup` installs it")
        pytest.skip("PostgreSQL not installed (make setup installs Debian's postgresql)")
    with private_cluster() as url:
        env = {**os.environ, "KAMCOURSE_CRM_DATABASE_URL": url, "KAMCOURSE_CRM_HOME": str(tmp_path)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        code = "import kamcourse.practice.web\n" + SCENARIO
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["vendor"] == "postgresql"
    assert out["customers"] == 300 and out["opportunities"] == 939
    assert out["pages"] == [200] * 7
    assert out["rep_sees"] == out["rep_owns"] < 300
    assert out["errors"] == [] and out["new_customers"] == 40 and out["activities"] == 40
    assert out["stale"] == "refused"
    assert out["after_restore"] == 340 and out["contacts_back"] > 0
