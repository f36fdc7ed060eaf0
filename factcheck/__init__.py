"""factcheck: check the claims in a draft article against a sourced reference table.

>>> import factcheck
>>> report = factcheck.check("examples/mfa-protest.md")
>>> report.summary()["contradicted"]
0
"""

from .document import document_from_text, load_document
from .errors import DocumentError, FactcheckError, ReferenceError, UsageError
from .extract import extract_claims
from .link import link_claims
from .models import (
    Claim,
    ClaimKind,
    Document,
    Finding,
    LinkedClaim,
    Report,
    Severity,
    Source,
    Verdict,
)
from .pipeline import check
from .reference import ReferenceTable, load_reference
from .verify import verify_claims
from .version import __version__

__all__ = [
    "Claim",
    "ClaimKind",
    "Document",
    "DocumentError",
    "FactcheckError",
    "Finding",
    "LinkedClaim",
    "ReferenceError",
    "ReferenceTable",
    "Report",
    "Severity",
    "Source",
    "UsageError",
    "Verdict",
    "__version__",
    "check",
    "document_from_text",
    "extract_claims",
    "link_claims",
    "load_document",
    "load_reference",
    "verify_claims",
]
