"""Agent versions: prompt files plus config, from a folder or a git ref."""

from behaviordiff.agent.version import AgentConfig, AgentVersion, load_version, resolve_version

__all__ = ["AgentConfig", "AgentVersion", "load_version", "resolve_version"]
