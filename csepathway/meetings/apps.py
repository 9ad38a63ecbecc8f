from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "csepathway.meetings"
    label = "meetings"
    verbose_name = "MASE meetings"

    def ready(self):
        from csepathway.children import panels, records_held
        from csepathway.core import navigation
        from csepathway.core.home import home_panels
        from csepathway.episodes import episode_panels, reach, risk_points, workspace_flags

        from . import access
        from .actions.access import TRACKER_READERS
        from .actions.home_panels import actions_home_panel
        from .child_record import MASE, RECORDS_HELD
        from .directory.access import KEEPERS as DIRECTORY_KEEPERS
        from .home_panels import chair_home_panel, invitations_home_panel, meeting_work_home_panel
        from .minutes.risk_points import mase_risk_points
        from .panels import episode_meetings_panel, meetings_panel
        from .timescales.overdue import late_for_a_meeting
        from .timescales.presenters import workspace_flags as meeting_flags

        panels.register(meetings_panel, order=15)
        home_panels.register(chair_home_panel, order=15)
        home_panels.register(meeting_work_home_panel, order=16)
        home_panels.register(invitations_home_panel, order=17)
        home_panels.register(actions_home_panel, order=20)
        # First on the episode page after the decision: the step that follows it (docs/adr/0041).
        episode_panels.register(episode_meetings_panel, order=5)
        workspace_flags.register(meeting_flags, order=10)
        workspace_flags.register_breaches(late_for_a_meeting)
        risk_points.register(mase_risk_points)
        navigation.register(navigation.NavItem("Meetings", "meetings:calendar", access.CALENDAR_READERS,
                                               order=7))
        navigation.register(navigation.NavItem("Actions", "meetings:actions", TRACKER_READERS, order=8))
        navigation.register(navigation.NavItem("Directory", "meetings:directory", DIRECTORY_KEEPERS, order=9))
        reach.register(access.chaired_episodes)
        records_held.register_record_type(MASE)
        records_held.register(RECORDS_HELD)
