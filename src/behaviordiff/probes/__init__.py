"""Probe suites: the input cases both agent versions are run over."""

from behaviordiff.probes.model import Expected, Probe
from behaviordiff.probes.suite import ProbeSuite, load_suite, load_suites

__all__ = ["Expected", "Probe", "ProbeSuite", "load_suite", "load_suites"]
