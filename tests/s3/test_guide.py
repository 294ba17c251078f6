"""Runs every example of docs/boto3.md against a real Tarn server, so that the guide cannot rot.

How the guide is read: each `## ` heading starts a section, and each fenced block opened by exactly
```python is one example. Each section with examples is one test. It runs, in one namespace (as if
pasted into one Python session), first the examples of "Set up a client", then its own, in order;
an example that raises fails the test, with a message that names its lines in docs/boto3.md.

The guide shows a literal `boto3.client(...)` call. For that, its first example assigns the
settings below; the test runs it and then replaces each of them with the test server's values and
a fresh repository name, so every test has its own repository.

Examples run in a temporary working directory, so the files they write are thrown away.
"""
import os
import re
import traceback
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDE = os.path.join(ROOT, "docs", "boto3.md")
SETUP_SECTION = "Set up a client"
SETTINGS = ("ENDPOINT", "HTTPS_ENDPOINT", "CA_FILE", "ACCESS_KEY", "SECRET_KEY", "REPO")
FENCE = re.compile(r"^(`{3,})\s*([^`\s]*)")


class Example:
    def __init__(self, section, line, code):
        self.section = section
        self.line = line  # of the first line of code in the guide
        self.code = code

    def run(self, namespace):
        # Blank lines ahead of the code put tracebacks on the guide's own line numbers.
        code = compile("\n" * (self.line - 1) + self.code, GUIDE, "exec")
        try:
            exec(code, namespace)
            return
        except Exception as e:
            # The guide's own lines, not the whole guide as pytest would print it as the "source".
            frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == GUIDE]
            where = "\n".join(f"  docs/boto3.md:{f.lineno}: {f.line}" for f in frames)
            failure = f"{where}\n{type(e).__name__}: {e}"
        pytest.fail(f"The example at docs/boto3.md:{self.line} (section '{self.section}') failed:\n{failure}",
                    pytrace=False)


def parse(text):
    """The guide's python examples in order, and the language of every fence (to catch typos)."""
    examples, languages = [], []
    section, fence, language, start, lines = None, None, None, 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE.match(line)
        if fence is None:
            if opening:
                fence, language, start, lines = opening.group(1), opening.group(2), number + 1, []
                languages.append(language)
            elif line.startswith("## "):
                section = line[3:].strip()
        elif line.strip() == fence:
            if language == "python":
                examples.append(Example(section, start, "\n".join(lines) + "\n"))
            fence = None
        else:
            lines.append(line)
    assert fence is None, f"docs/boto3.md: the fence opened before line {start} is never closed"
    return examples, languages


EXAMPLES, LANGUAGES = parse(open(GUIDE, encoding="utf-8").read())
SECTIONS = list(dict.fromkeys(e.section for e in EXAMPLES))


def examples_of(section):
    return [e for e in EXAMPLES if e.section == section]


def test_the_parser_finds_every_example():
    assert len(EXAMPLES) >= 31, f"only {len(EXAMPLES)} python examples found in docs/boto3.md"
    assert SECTIONS[0] == SETUP_SECTION
    assert len(SECTIONS) >= 17, SECTIONS
    assert all(e.code.strip() for e in EXAMPLES)
    # Only ```python fences run; a ```py or ```Python example would silently be skipped.
    assert not [lang for lang in LANGUAGES if lang != "python" and lang.lower().startswith("py")], LANGUAGES


def test_the_settings_example_assigns_exactly_the_settings():
    namespace = {}
    examples_of(SETUP_SECTION)[0].run(namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(SETTINGS)


def test_the_commit_and_merge_section_uses_the_rest_api():
    examples = examples_of("Commit and merge what you wrote")
    assert len(examples) >= 3
    assert "lakefs.Client(" in examples[0].code and "merge_into" in examples[0].code


@pytest.mark.parametrize("section", SECTIONS)
def test_guide_section(section, tarn, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = {
        "ENDPOINT": tarn.endpoint,
        "HTTPS_ENDPOINT": tarn.https_endpoint,
        "CA_FILE": tarn.ca_file,
        "ACCESS_KEY": tarn.access_key,
        "SECRET_KEY": tarn.secret_key,
        "REPO": "guide-" + uuid.uuid4().hex[:12],
    }
    first, *rest = examples_of(SETUP_SECTION)
    namespace = {"__name__": "guide"}
    first.run(namespace)
    namespace.update(settings)
    for example in rest + (examples_of(section) if section != SETUP_SECTION else []):
        example.run(namespace)
