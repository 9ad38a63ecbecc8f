"""The NRM pages: starting and preparing a referral, recording what comes back, and the exports."""
