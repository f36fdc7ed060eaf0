"""Settings: defaults -> [tool.factcheck] / factcheck.toml -> CLI flags.

The configuration file is found by walking up from each checked draft:
`factcheck.toml` (keys at the top level) or `pyproject.toml` with a
`[tool.factcheck]` table; the nearest one wins. Paths in it are relative to it.

    [tool.factcheck]
    reference = ["reference", "newsroom-reference"]   # later folders override earlier
    fail-on = ["contradicted", "outdated", "inconsistent"]
    skip-kinds = ["count"]
    as-of = "2019-11-06"

    [[tool.factcheck.overrides]]
    paths = ["opinion/*.md"]
    fail-on = ["contradicted"]
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from .datetext import AsOf, parse_as_of
from .errors import ConfigError
from .models import DEFAULT_FAIL_ON, ClaimKind, Verdict

E = TypeVar("E", bound=StrEnum)

KEYS = frozenset({"reference", "fail-on", "skip-kinds", "as-of", "max-draft-size", "overrides"})
OVERRIDE_KEYS = frozenset(
    {"paths", "reference", "fail-on", "skip-kinds", "as-of", "max-draft-size"}
)
# A draft larger than this is refused (a log or a data dump saved as .txt would
# otherwise hold a CI job for minutes): megabytes of 1,000,000 bytes.
DEFAULT_MAX_DRAFT_MB = 10.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    reference: tuple[str, ...] = ()
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON
    skip_kinds: frozenset[ClaimKind] = frozenset()
    as_of: AsOf | None = None
    max_draft_mb: float = DEFAULT_MAX_DRAFT_MB
    config: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Overrides:
    """What the command line set; None means "not given"."""

    reference: tuple[str, ...] | None = None
    fail_on: frozenset[Verdict] | None = None
    skip_kinds: frozenset[ClaimKind] | None = None
    as_of: AsOf | None = None
    max_draft_mb: float | None = None


def settings_for(draft: str, overrides: Overrides | None = None) -> Settings:
    """The settings that apply to one draft ("-" for standard input: from the
    current folder)."""
    start = Path.cwd() if draft == "-" else Path(draft).resolve().parent
    config = find_config(start)
    settings = Settings()
    if config is not None:
        settings = _from_file(config, Path(draft).resolve() if draft != "-" else None)
    return _apply(settings, overrides or Overrides())


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "factcheck.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if (
            candidate.is_file()
            and "tool" in _read(candidate)
            and "factcheck" in _read(candidate).get("tool", {})
        ):
            return candidate
    return None


def parse_verdicts(values: Sequence[str], where: str = "--fail-on") -> frozenset[Verdict]:
    return _members(Verdict, values, "verdict", where)


def parse_kinds(values: Sequence[str], where: str = "--skip-kinds") -> frozenset[ClaimKind]:
    return _members(ClaimKind, values, "claim kind", where)


def _members(names: type[E], values: Sequence[str], what: str, where: str) -> frozenset[E]:
    known = {member.value for member in names}
    for value in values:
        if value not in known:
            raise ConfigError(
                f"{where}: unknown {what} {value!r} — choose from {', '.join(sorted(known))}"
            )
    return frozenset(names(v) for v in values)


def parse_date(value: str, where: str = "--as-of") -> AsOf:
    """A day, or a month or a year when that is all that is known."""
    found = parse_as_of(value) if len(value.strip()) in (4, 7, 10) else None
    if found is None:
        raise ConfigError(
            f"{where}: {value!r} is not a date — write YYYY-MM-DD, or YYYY-MM or YYYY for a "
            "month or a year"
        )
    return found


def _apply(settings: Settings, overrides: Overrides) -> Settings:
    return replace(
        settings,
        reference=overrides.reference if overrides.reference is not None else settings.reference,
        fail_on=overrides.fail_on if overrides.fail_on is not None else settings.fail_on,
        skip_kinds=(
            overrides.skip_kinds if overrides.skip_kinds is not None else settings.skip_kinds
        ),
        as_of=overrides.as_of or settings.as_of,
        max_draft_mb=(
            overrides.max_draft_mb if overrides.max_draft_mb is not None else settings.max_draft_mb
        ),
    )


@functools.lru_cache(maxsize=256)
def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ConfigError(
            f"is not valid TOML ({str(error).split(' (at')[0]}) — fix the syntax",
            path=str(path),
            line=int(line[1]) if line else None,
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None


def _table(config: Path) -> Mapping[str, Any]:
    data = _read(config)
    is_pyproject = config.name == "pyproject.toml"
    table = data.get("tool", {}).get("factcheck", {}) if is_pyproject else data
    if not isinstance(table, dict):
        raise ConfigError("[tool.factcheck] must be a table", path=str(config))
    return table


def _from_file(config: Path, draft: Path | None) -> Settings:
    table = _table(config)
    if config.name == "factcheck.toml" and "tool" in table:
        raise _error(
            config,
            "tool",
            "factcheck.toml takes its keys at the top level — remove the [tool.factcheck] "
            "line (that table is for pyproject.toml)",
        )
    _check_keys(table, KEYS, config, "")
    settings = _merge(Settings(config=str(config)), table, config)
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list):
        raise _error(config, "overrides", "must be a list of tables ([[tool.factcheck.overrides]])")
    for override in overrides:
        if not isinstance(override, dict):
            raise _error(config, "overrides", "each override must be a table")
        _check_keys(override, OVERRIDE_KEYS, config, "overrides.")
        patterns = override.get("paths")
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise _error(config, "paths", 'each override needs paths = ["glob", ...]')
        if draft is not None and _matches(draft, config.parent, patterns):
            settings = _merge(settings, override, config)
    return settings


def _merge(settings: Settings, table: Mapping[str, Any], config: Path) -> Settings:
    if "reference" in table:
        folders = table["reference"]
        folders = [folders] if isinstance(folders, str) else folders
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            raise _error(config, "reference", "must be a folder or a list of folders")
        settings = replace(settings, reference=tuple(str(config.parent / f) for f in folders))
    if "fail-on" in table:
        settings = replace(
            settings,
            fail_on=parse_verdicts(
                _strings(table["fail-on"], config, "fail-on"), _where(config, "fail-on")
            ),
        )
    if "skip-kinds" in table:
        settings = replace(
            settings,
            skip_kinds=parse_kinds(
                _strings(table["skip-kinds"], config, "skip-kinds"), _where(config, "skip-kinds")
            ),
        )
    if "as-of" in table:
        value = table["as-of"]
        if isinstance(value, dt.date):
            settings = replace(settings, as_of=value)
        elif isinstance(value, str):
            settings = replace(settings, as_of=parse_date(value, _where(config, "as-of")))
        else:
            raise _error(config, "as-of", "must be a date such as 2019-11-06")
    if "max-draft-size" in table:
        value = table["max-draft-size"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise _error(config, "max-draft-size", "must be a number of megabytes such as 10")
        settings = replace(settings, max_draft_mb=float(value))
    return settings


def _strings(value: Any, config: Path, key: str) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _error(config, key, "must be a list of names")
    return values


def _matches(draft: Path, base: Path, patterns: Sequence[str]) -> bool:
    """Globs relative to the configuration file's folder; "*" crosses folders."""
    try:
        relative = draft.relative_to(base.resolve()).as_posix()
    except ValueError:
        return False
    return any(
        fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(relative, p.removeprefix("**/"))
        for p in patterns
    )


def _check_keys(table: Mapping[str, Any], known: frozenset[str], config: Path, prefix: str) -> None:
    for key in table:
        if key not in known:
            raise _error(
                config,
                key,
                f"unknown key {prefix + key!r} — known keys: {', '.join(sorted(known))}",
            )


def _where(config: Path, key: str) -> str:
    line = _line_of(config, key)
    return f"{config}:{line}" if line else str(config)


def _error(config: Path, key: str, message: str) -> ConfigError:
    return ConfigError(message, path=str(config), line=_line_of(config, key))


def _line_of(config: Path, key: str) -> int | None:
    """TOML parsers forget lines; find where the key is written."""
    name = re.escape(key)
    # `key = ...`, or a table header that names it: `[key]`, `[[key]]`, `[key.sub]`
    pattern = re.compile(
        rf"^[ \t]*(?:[\"']?{name}[\"']?[ \t]*=|\[\[?[ \t]*{name}[ \t]*[.\]])", re.M
    )
    text = config.read_text(encoding="utf-8")
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None
