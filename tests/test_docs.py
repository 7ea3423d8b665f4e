"""The docs name every command, and every command explains itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    helps = {
        a.dest: a.help
        for a in next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))._choices_actions
    }
    for name in commands():
        assert helps.get(name), f"`cdht {name}` has no help text"
        assert f"cdht {name}" in readme, f"README.md does not mention `cdht {name}`"


def _parsers(parser: argparse.ArgumentParser, name: str = "cdht"):
    """Every (sub)command below ``parser``: (its name, its help line, its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for sub_name, sub in action.choices.items():
                yield f"{name} {sub_name}", helps.get(sub_name), sub
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_command_and_subcommand_has_a_help_line_and_a_description():
    seen = 0
    for name, help_line, parser in _parsers(build_parser()):
        seen += 1
        assert help_line and "\n" not in help_line, f"`{name}` has no one-line help"
        assert parser.description and parser.description.strip(), f"`{name}` has no description"
    assert seen >= len(commands())


def test_the_user_guide_names_the_everyday_commands():
    guide = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
    for name in ("collect", "import-facebook", "report month", "quotas", "item", "status", "probe"):
        assert f"cdht {name}" in guide


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh")[1:3]
    assert "cdht demo" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "pytest" in ci
