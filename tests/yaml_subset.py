"""Reads the YAML that docker-compose.yml is written in, for tests/test_deployment.py: block
mappings and sequences, anchors (``&name``), aliases (``*name``) and merge keys (``<<``),
flow sequences of double-quoted strings, quoted and plain scalars (kept as strings), and
comments. PyYAML is not among the project's packages, and this file needs no more; anything
else is refused rather than misread."""

import json
import re

KEY = re.compile(r"(?P<key>[A-Za-z0-9_.<-]+):(?:\s+(?P<value>.*))?$")


class Unsupported(ValueError):
    pass


def load(text: str):
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            lines.append((len(raw) - len(raw.lstrip(" ")), stripped))
    anchors = {}
    node, end = _block(lines, 0, 0, anchors)
    if end != len(lines):
        raise Unsupported(f"unexpected indentation at: {lines[end][1]}")
    return node


def _block(lines, i, indent, anchors):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        return _sequence(lines, i, indent, anchors)
    return _mapping(lines, i, indent, anchors)


def _sequence(lines, i, indent, anchors):
    items = []
    while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
        text = lines[i][1][1:].strip()
        if KEY.match(text) and not text.startswith(('"', "'")):
            raise Unsupported(f"a mapping inside a sequence: {text}")
        items.append(_scalar(text, anchors))
        i += 1
    return items, i


def _mapping(lines, i, indent, anchors):
    mapping = {}
    while i < len(lines) and lines[i][0] == indent:
        match = KEY.match(lines[i][1])
        if not match:
            raise Unsupported(f"not a key: {lines[i][1]}")
        key, value = match["key"], (match["value"] or "").strip()
        anchor = None
        if value.startswith("&"):
            anchor, _, value = value[1:].partition(" ")
            value = value.strip()
        i += 1
        if value:
            node = _scalar(value, anchors)
        elif i < len(lines) and lines[i][0] > indent:
            node, i = _block(lines, i, lines[i][0], anchors)
        elif i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            node, i = _sequence(lines, i, indent, anchors)  # a sequence may sit at its key's indent
        else:
            node = None
        if anchor:
            anchors[anchor] = node
        if key == "<<":
            if not isinstance(node, dict):
                raise Unsupported("<< needs a mapping")
            mapping = {**node, **mapping}
        else:
            mapping[key] = node
    return mapping, i


def _scalar(text, anchors):
    if text.startswith("*"):
        return anchors[text[1:]]
    if text.startswith("["):
        return json.loads(text)
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'"):
        if not text.endswith("'"):
            raise Unsupported(text)
        return text[1:-1].replace("''", "'")
    if text.startswith(("{", "|", ">", "&", "!")):
        raise Unsupported(text)
    return text.split(" #", 1)[0].rstrip()
