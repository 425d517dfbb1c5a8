import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.roles import ROLES, give_role


class Command(BaseCommand):
    help = (
        "Add a colleague with a role (viewer, contributor or editor) and print a one-time "
        "password, to be changed at /accounts/password/ after signing in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, username, role, email, first_name, last_name, **options):
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError("Give a user name.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User(username=username, email=email, first_name=first_name, last_name=last_name)
            user.set_password(password)
            user.save()
            give_role(user, role)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {username} ({ROLES[role]}). One-time password: {password}\n"
                "It is not stored in clear and not shown again: pass it on privately and ask "
                "them to change it at /accounts/password/ after signing in."
            )
        )
