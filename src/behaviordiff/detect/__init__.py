"""Detect behavior changes beyond sampling noise: signatures, verdicts, clusters, conditions,
attribution. The analysis core: no Textual, Typer or Rich here."""

from behaviordiff.detect.analyze import analyze
from behaviordiff.detect.errors import DetectError
from behaviordiff.detect.model import (
    VERDICTS,
    Analysis,
    Attribution,
    BehaviorChange,
    Condition,
    FacetResult,
    NoiseReport,
    ProbeVerdict,
)
from behaviordiff.detect.settings import DetectSettings, ToolArguments
from behaviordiff.detect.signature import BehaviorSignature, extract_signature
from behaviordiff.detect.similarity import (
    BuiltinBackend,
    Embedder,
    EmbeddingBackend,
    MeaningBackend,
    make_backend,
)

__all__ = [
    "VERDICTS",
    "Analysis",
    "Attribution",
    "BehaviorChange",
    "BehaviorSignature",
    "BuiltinBackend",
    "Condition",
    "DetectError",
    "DetectSettings",
    "Embedder",
    "EmbeddingBackend",
    "FacetResult",
    "MeaningBackend",
    "NoiseReport",
    "ProbeVerdict",
    "ToolArguments",
    "analyze",
    "extract_signature",
    "make_backend",
]
