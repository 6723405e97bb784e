"""Version 2: opportunities get an expected close date (for the overdue warning).

Existing records keep everything; the new date is filled in: a closed
opportunity's close date, else 90 days after it was created (the loader's
convention).
"""

import datetime as dt

from django.db import migrations, models


def fill_expected_close(apps, schema_editor):
    Opportunity = apps.get_model("sales", "Opportunity")
    for opp in Opportunity.objects.filter(expected_close_date__isnull=True).iterator():
        opp.expected_close_date = opp.close_date or opp.created_date + dt.timedelta(days=90)
        opp.save(update_fields=["expected_close_date"])


class Migration(migrations.Migration):

    dependencies = [
        ("sales", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="expected_close_date",
            field=models.DateField(blank=True, null=True, verbose_name="expected close date"),
        ),
        migrations.RunPython(fill_expected_close, migrations.RunPython.noop),
    ]
