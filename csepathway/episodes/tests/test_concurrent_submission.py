import threading

import pytest
from django.db import connection

from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios as builders
from csepathway.episodes import services
from csepathway.episodes.models import Episode, Transition


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_from_two_tabs_create_one_submission(personas):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only contended on PostgreSQL; SQLite serialises writers itself")
    child = ChildFactory(allocated_team=personas.team)
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    barrier = threading.Barrier(4)
    errors = []

    def submit():
        from django.db import connections

        try:
            barrier.wait()
            services.episode_submit(actor=personas.practitioner, episode=Episode.objects.get(pk=episode.pk),
                                    source="lcs", source_reference="LCS-1")
        except services.AlreadySent:
            pass  # the other tabs are told it was already sent
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    episode.refresh_from_db()
    assert episode.submission_round == 1
    assert Transition.objects.filter(episode=episode, name="submit").count() == 1
