from django.db import migrations, models
from django.utils import timezone

from csepathway.core.working_days import add_working_days


def due_dates_for_mase_decisions(apps, schema_editor):
    """Episodes decided "MASE required" before the due date was stored get it from their decision
    under the timescale in force now (the default, 10 working days, unless one was published)."""
    episode_model = apps.get_model("episodes", "Episode")
    transition_model = apps.get_model("episodes", "Transition")
    version_model = apps.get_model("core", "ConfigurationVersion")
    published = version_model.objects.filter(kind="timescales").order_by("-version").first()
    limit = int((published.data if published else {}).get("initial_mase_working_days", 10))
    decided = transition_model.objects.filter(to_state="mase_required").values("episode_id")
    for episode in (episode_model.objects.filter(decided_at__isnull=False, pk__in=decided)
                    .only("pk", "decided_at").iterator()):
        due = add_working_days(timezone.localtime(episode.decided_at).date(), limit)
        episode_model.objects.filter(pk=episode.pk).update(initial_mase_due_on=due)


class Migration(migrations.Migration):

    dependencies = [
        ("episodes", "0003_decision_due_on"),
        ("core", "0003_alter_configurationversion_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="episode",
            name="initial_mase_due_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(due_dates_for_mase_decisions, migrations.RunPython.noop),
    ]
