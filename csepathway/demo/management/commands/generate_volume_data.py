"""Region-scale synthetic data in an empty database, for `make bench` (issue 11)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ...volume.generate import AlreadyGenerated, Options, generate


class Command(BaseCommand):
    help = ("Fill an empty database with a synthetic region: authorities, their teams and people, children over "
            "the years with episodes, case notes, MASE meetings, NRM referrals, intelligence and the audit trail.")

    def add_arguments(self, parser):
        defaults = Options()
        parser.add_argument("--children", type=int, default=defaults.children)
        parser.add_argument("--audit-events", type=int, default=defaults.audit_events)
        parser.add_argument("--authorities", type=int, default=defaults.authorities)
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--seed", type=int, default=defaults.seed, help="The same seed gives the same data.")
        parser.add_argument("--batch-size", type=int, default=defaults.batch_size, help="Rows per insert.")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="The day the data ends (YYYY-MM-DD), for the same data on another day.")

    def handle(self, *args, **options):
        if min(options["children"], options["authorities"], options["years"], options["batch_size"]) < 1:
            raise CommandError("Children, authorities, years and batch size must each be at least 1.")
        try:
            result = generate(Options(
                children=options["children"], audit_events=options["audit_events"],
                authorities=options["authorities"], years=options["years"], seed=options["seed"],
                batch_size=options["batch_size"], today=options["today"],
                show_progress=options["verbosity"] > 0, stream=self.stderr._out))
        except AlreadyGenerated as refusal:
            raise CommandError(str(refusal)) from refusal
        for stage, seconds in result.seconds.items():
            self.stdout.write(f"{stage:<24} {seconds:8.1f} s")
        self.stdout.write(f"{'total':<24} {sum(result.seconds.values()):8.1f} s")
        for label, rows in result.rows.items():
            self.stdout.write(f"{label:<32} {rows:>12,}")
