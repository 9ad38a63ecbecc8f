
from csepathway.screening.tests.test_episode_screening_page import *  # noqa


def test_dump(personas, client_for, episode):
    data = answers(significant_cars="absent", other_indicators=[], vulnerabilities=["bereavement", "isolated"])
    data["significant_risky_places"] = "earlier"
    del data["significant_sexual_health"]
    html = client_for(personas.practitioner).post(page_url(episode), data | {"reason": "   "}).text
    open("/tmp/scr_error.html", "w").write(html)
    Episode.objects.filter(pk=episode.pk)
    client = client_for(personas.practitioner)
    client.post(page_url(episode), answers(significant_cars="absent", other_indicators=[], outcome="no_current_risk"))
    open("/tmp/scr_page.html", "w").write(client.get(page_url(episode)).text)
    open("/tmp/scr_detail.html", "w").write(client.get(reverse("episodes:detail", args=[episode.pk])).text)
