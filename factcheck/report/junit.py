"""JUnit XML: a test suite per draft, a test case per finding (GitLab, Jenkins)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from ..models import Report, Verdict
from .sarif import artifact_uri


def render(reports: Sequence[Report]) -> str:
    root = ET.Element("testsuites", name="factcheck")
    total = failures = skipped = 0
    for report in reports:
        path = xml_safe(artifact_uri(report.document.path))
        suite = ET.SubElement(root, "testsuite", name=path)
        suite_failures = suite_skipped = 0
        for finding in report.findings:
            claim = xml_safe(" ".join(finding.claim.span.text.split()))
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=f"{finding.line}:{finding.column} {finding.claim.kind.value} “{claim}”",
                file=path,
                line=str(finding.line),
            )
            message = xml_safe(" ".join(finding.message.split()))
            if not finding.active:
                reason = xml_safe(finding.suppressed)
                why = f"suppressed: {reason}" if finding.suppressed else "baselined"
                ET.SubElement(case, "skipped", message=why)
                suite_skipped += 1
            elif report.is_blocking(finding):
                failure = ET.SubElement(
                    case, "failure", type=finding.verdict.value, message=message
                )
                failure.text = "\n".join([message, *(f"source: {s.url}" for s in finding.sources)])
                suite_failures += 1
            elif finding.verdict is not Verdict.SUPPORTED:
                ET.SubElement(case, "system-out").text = f"{finding.verdict.value}: {message}"
        count = len(report.findings)
        suite.set("tests", str(count))
        suite.set("failures", str(suite_failures))
        suite.set("skipped", str(suite_skipped))
        suite.set("errors", "0")
        total, failures, skipped = total + count, failures + suite_failures, skipped + suite_skipped
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("skipped", str(skipped))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# XML 1.0 has no way to write these, escaped or not: a draft's name or text that
# holds one would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
