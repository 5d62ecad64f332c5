"""The OpenAPI document in its two forms: the YAML file people edit
(Sources/EenloketHTTP/OpenAPI/openapi.yaml) and the JSON copy generated from it
(openapi.json next to it), which the service serves at /api/v1/openapi.json.

    python3 openapi_document.py --write   # regenerate openapi.json after editing the YAML
    python3 openapi_document.py --check   # fail when openapi.json is not the YAML's conversion
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parents[2] / "Sources/EenloketHTTP/OpenAPI"
YAML_FILE = FOLDER / "openapi.yaml"
JSON_FILE = FOLDER / "openapi.json"


class _Loader(yaml.SafeLoader):
    """YAML 1.2's core schema: an unquoted 2026-11-23 stays text (YAML 1.1 would make it a date)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


def to_json(document) -> str:
    # Compact, keys in the YAML's order, UTF-8 as is: the service parses it once at start.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    expected = to_json(load_yaml(YAML_FILE.read_text(encoding="utf-8")))
    if argv == ["--write"]:
        JSON_FILE.write_text(expected, encoding="utf-8")
        print(f"wrote {JSON_FILE}")
        return 0
    if argv == ["--check"]:
        if not JSON_FILE.exists() or JSON_FILE.read_text(encoding="utf-8") != expected:
            print(f"{JSON_FILE.name} is not the conversion of {YAML_FILE.name}: run python3 Tests/ApiRules/openapi_document.py --write")
            return 1
        print(f"{JSON_FILE.name} matches {YAML_FILE.name}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
