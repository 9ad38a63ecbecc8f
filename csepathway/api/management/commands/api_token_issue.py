"""Issue an API token for a council system (set-up): `manage.py api_token_issue "Testshire LCS"
--scope read --scope referrals:write [--days 90]`. The token is printed once, on the last line;
only its hash is kept. With --create-as USERNAME the system is first created, acting as that
account (its role and team decide what the system sees)."""

from django.core.management.base import BaseCommand, CommandError

from csepathway.accounts.models import User
from csepathway.api import services
from csepathway.api.models import Scope, SystemClient


class Command(BaseCommand):
    help = "Issue an API token for a council system, printing it once."

    def add_arguments(self, parser):
        parser.add_argument("system", help="The system's name")
        parser.add_argument("--scope", action="append", choices=Scope.values, required=True)
        parser.add_argument("--days", type=int, default=services.DEFAULT_TOKEN_DAYS)
        parser.add_argument("--create-as", metavar="USERNAME", help="Create the system, acting as this account")
        parser.add_argument("--kind", choices=SystemClient.Kind.values, default=SystemClient.Kind.OTHER)

    def handle(self, *args, system, scope, days, create_as, kind, **options):
        client = SystemClient.objects.filter(name=system).first()
        if client is None:
            if not create_as:
                raise CommandError(f"No system is called {system!r}; give --create-as USERNAME to create it.")
            account = User.objects.filter(username=create_as).first()
            if account is None:
                raise CommandError(f"No account is called {create_as!r}.")
            client = services.system_client_create(actor=None, name=system, kind=kind, service_account=account)
        token, secret = services.api_token_issue(actor=None, system=client, scopes=scope, days=days)
        self.stdout.write(f"Token {token.prefix}… for {client.name}, scopes {', '.join(token.scopes)}, "
                          f"expires {token.expires_at:%Y-%m-%d}. Shown once:")
        self.stdout.write(secret)
