"""Agent versions: prompt files plus config, from a folder or a git ref."""

from behaviordiff.agent.model import AgentConfig
from behaviordiff.agent.version import AgentVersion, load_version, resolve_version

__all__ = ["AgentConfig", "AgentVersion", "load_version", "resolve_version"]
