"""The README's examples are real outputs: re-run every `$ assistant ask "…"` and compare."""
import re

from assistant.config import PROJECT_ROOT

from .conftest import run_cli


def readme_examples() -> list[tuple[str, str]]:
    text = (PROJECT_ROOT / "README.md").read_text("utf-8")
    block = text.split("<!-- examples:start -->")[1].split("<!-- examples:end -->")[0]
    block = block.strip().removeprefix("```text").removesuffix("```").strip("\n")
    parts = re.split(r'^\$ assistant ask "(.*)"$', block, flags=re.M)
    return [(parts[i], parts[i + 1].strip("\n")) for i in range(1, len(parts), 2)]


def test_readme_examples_match_real_output(assistant):
    examples = readme_examples()
    assert len(examples) >= 5
    for question, shown in examples:
        assert assistant.ask(question).answer == shown, question


def test_readme_first_example_through_the_cli(assistant, index_dir):
    question, shown = readme_examples()[0]
    result = run_cli(["ask", "--quiet", question], index_dir)
    assert result.stdout.decode().rstrip("\n") == shown


def test_readme_test_command_is_the_ci_command():
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    ci = (PROJECT_ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()[-1]
    assert ci in readme
