"""Drop DRF's authtoken table: it held API tokens in clear and never let them expire.

API tokens now live in django-rest-knox's table, as SHA-512 digests with an expiry. The old tokens stop
working at this migration; issue new ones with `manage.py api_token USER` (docs/operations.md).
"""

from django.db import migrations

OLD_TABLE = "authtoken_token"


def drop_cleartext_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(OLD_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_demo_account_recovery_codes"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(drop_cleartext_tokens, migrations.RunPython.noop)]
