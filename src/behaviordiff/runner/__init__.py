"""Run the old and the new agent over the probes: adapters, scheduler, cache, resume, budget."""

from behaviordiff.runner.service import (
    Estimate,
    ProbeSummary,
    RunOptions,
    RunOutcome,
    run_release,
)

__all__ = ["Estimate", "ProbeSummary", "RunOptions", "RunOutcome", "run_release"]
