"""behaviordiff: turn a prompt/config diff of an AI support agent into a behavior diff."""

__version__ = "0.1.0"
