"""Test settings: the project's settings with a cheap password hasher (cookiecutter-django's habit).

Every test user would otherwise cost a full PBKDF2 hash. Tests of the password policy itself set the
real hashers with `settings.PASSWORD_HASHERS`.
"""

from pgaanpak.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
