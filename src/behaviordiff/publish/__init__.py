"""Publishing a release to CS: the behavior changelog, the shareable report, CS's
acknowledgements and the rollout gate. No UI imports: the CLI (and the review app) call these.
"""
