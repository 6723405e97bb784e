"""Version 2: service requests record their first response (for the response-time target).

Existing records keep everything; the first response is taken from the
request's earliest "response" tracking note where there is one.
"""

from django.db import migrations, models
from django.db.models import Min


def fill_first_response(apps, schema_editor):
    ServiceRequest = apps.get_model("service", "ServiceRequest")
    firsts = (ServiceRequest.objects.filter(notes__kind="response")
              .annotate(first=Min("notes__at")).values_list("pk", "first"))
    for pk, first in firsts:
        ServiceRequest.objects.filter(pk=pk).update(first_response_at=first)


class Migration(migrations.Migration):

    dependencies = [
        ("service", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicerequest",
            name="first_response_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="first response"),
        ),
        migrations.RunPython(fill_first_response, migrations.RunPython.noop),
    ]
