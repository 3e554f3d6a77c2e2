"""Built sites for the tests: each built once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import mkdocs_build


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    """The project folder."""
    site: Path
    """The build output."""
    log: str

    def html(self, url: str) -> HTMLParser:
        """The parsed page at a site URL such as 'concepts/alpha/'."""
        return HTMLParser(self.page_path(url).read_text(encoding="utf-8"))

    def page_path(self, url: str) -> Path:
        path = self.site / url
        return path / "index.html" if url.endswith("/") or url == "" else path

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def build(root: Path, site: Path, *args: str, env_extra: dict[str, str] | None = None) -> BuiltSite:
    result = mkdocs_build(root, site, "--strict", *args, env_extra=env_extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root, site, result.stderr)
