"""Cold start: ``qa ask`` and ``qa --help`` in new processes, against a bare ``python -c pass``.

    python eval/bench_cold.py                   # 15 rounds over ./index (run `qa index` first)
    python eval/bench_cold.py --rounds 31 --index path/to/index
    python eval/bench_cold.py --stages          # also where the time of `qa ask` goes
    python eval/bench_cold.py --baseline OLD    # also the package in OLD/qa, in the same rounds

Each round starts three new processes, in an order that rotates from round to round:
``python -c pass`` (the baseline: the interpreter alone), ``qa --help`` and
``qa ask QUESTION`` (one of a few questions of the bundled set, in turn). Before the
rounds each command runs once untimed, with ``PYTHONDONTWRITEBYTECODE`` removed from
the children's environment, so modules load from cached bytecode as in a user's install.
The report gives, per command, the median and p90 wall time, the median CPU time
(user + system of the child), and the ratio of each median to the baseline's median
from the same run, with the load average before and after: on a busy machine every
process slows down, and the ratios hold better than the milliseconds.

``--baseline OLD`` adds ``qa --help`` and ``qa ask`` of another copy of the package (a
folder holding its ``qa/``, such as ``git archive COMMIT qa | tar -x -C OLD``), run by the
same interpreter with ``PYTHONPATH=OLD``, to the same rounds: before and after a change,
measured alike.

``--stages`` then times, in further new processes, the steps of a question inside one
process, one after the other (importing the command line, importing the question path,
opening the index, loading the question model, embedding, searching, composing,
rendering; ``qa ask`` itself loads the model on a second thread meanwhile), and the self
time of those imports grouped by top-level package (``python -X importtime``), medians
over the same number of rounds.

The targets (issue 13): ``qa ask`` ≤ 0.3 s and ``qa --help`` ≤ 0.1 s p50 on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
#: Questions of eval/corpus.jsonl asked in turn, one per round.
QUESTIONS = (
    "How many women are trafficked out of Kazakhstan annually?",
    "Who wrote the article about ISIS spreading into Russia?",
    "What happened in Kyrgyzstan in April 2010?",
)


def qa_command() -> list[str]:
    """The ``qa`` console script of this interpreter's environment, or ``python -m qa``."""
    script = Path(sys.executable).with_name("qa")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "qa"]


def child_environment(index: Path) -> dict[str, str]:
    """The environment of every timed process: bytecode cached, this index, piped output."""
    env = dict(os.environ, QA_INDEX=str(index))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``command``; exits if it fails."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {errors.decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def load_line() -> str:
    """The load averages as ``uptime`` prints them (1, 5 and 15 minutes) and the core count."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def run_rounds(
    rounds: int, env: dict[str, str], baseline: Path | None = None
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU seconds of each command over ``rounds`` rotating rounds."""
    qa = qa_command()
    # (arguments after the program or None for `qa ask QUESTION`, the environment)
    commands: dict[str, tuple[list[str], list[str] | None, dict[str, str]]] = {
        "python -c pass": ([sys.executable], ["-c", "pass"], env),
        "qa --help": (qa, ["--help"], env),
        "qa ask": (qa, None, env),
    }
    if baseline is not None:
        old = {**env, "PYTHONPATH": str(baseline)}
        commands["baseline --help"] = (qa, ["--help"], old)
        commands["baseline ask"] = (qa, None, old)
    results: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n in commands}
    names = list(commands)
    for round_ in range(-1, rounds):  # round -1, untimed: writes bytecode, warms the file cache
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            program, arguments, environment = commands[name]
            question = ["ask", QUESTIONS[round_ % len(QUESTIONS)]]
            wall, cpu = timed([*program, *(arguments or question)], environment)
            if round_ >= 0:
                results[name][0].append(wall)
                results[name][1].append(cpu)
    return results


def print_rounds(results: dict[str, tuple[list[float], list[float]]]) -> None:
    """One row per command: medians, p90, ratios to the baseline."""
    base_wall = statistics.median(results["python -c pass"][0])
    base_cpu = statistics.median(results["python -c pass"][1])
    print(
        f"{'process':<16} {'runs':>4} {'p50 ms':>7} {'p90 ms':>7} {'× pass':>7} "
        f"{'minus pass':>10} {'CPU p50 ms':>10} {'CPU × pass':>10}"
    )
    for name, (walls, cpus) in results.items():
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{name:<16} {len(walls):>4} {wall * 1000:>7.0f} {percentile(walls, 0.9) * 1000:>7.0f} "
            f"{wall / base_wall:>7.2f} {(wall - base_wall) * 1000:>10.0f} {cpu * 1000:>10.0f} "
            f"{cpu / base_cpu:>10.2f}"
        )


#: The issue's targets: p50 wall seconds on a quiet machine.
TARGETS = {"qa ask": 0.3, "qa --help": 0.1}


def print_targets(results: dict[str, tuple[list[float], list[float]]]) -> None:
    """One line per target: the p50 against it, met or not (meant for a quiet machine)."""
    one_minute = os.getloadavg()[0]
    print(f"\ntargets (p50 on a quiet machine; load average now {one_minute:.2f}):")
    for name, limit in TARGETS.items():
        wall = statistics.median(results[name][0])
        verdict = "met" if wall <= limit else "not met"
        print(f"  {name:<10} {wall * 1000:>5.0f} ms against ≤ {limit * 1000:.0f} ms: {verdict}")


#: Run in a new process by --stages: each step of `qa ask` timed, printed as JSON.
STAGES = """
import io, json, sys, time
began = time.perf_counter()
import qa.ui.cli
from qa.ui.parser import build_parser
args = build_parser().parse_args(["ask", sys.argv[1]])
parsed = time.perf_counter()
from qa.config import Settings
from qa.search.assistant import Assistant
imported = time.perf_counter()
assistant = Assistant.open(Settings.from_env())
opened = time.perf_counter()
answer = assistant.ask(args.question)
asked = time.perf_counter()
assistant.close()
from rich.console import Console
from qa.ui.render import render_answer
Console(file=io.StringIO(), width=120).print(render_answer(answer))
rendered = time.perf_counter()
steps = {"import the command line, parse": parsed - began,
         "import the question path": imported - parsed, "open the index": opened - imported}
steps.update({f"ask: {k}": v / 1000 for k, v in answer.timings_ms.items() if k != "total"})
steps["ask: import the answer side"] = asked - opened - answer.timings_ms["total"] / 1000
steps["import rich, render"] = rendered - asked
print(json.dumps(steps))
"""


def run_stages(rounds: int, env: dict[str, str]) -> None:
    """Where the time of one question goes inside its process, and which imports cost most."""
    steps: dict[str, list[float]] = defaultdict(list)
    imports: dict[str, list[float]] = defaultdict(list)
    for round_ in range(rounds):
        question = QUESTIONS[round_ % len(QUESTIONS)]
        done = subprocess.run(
            [sys.executable, "-c", STAGES, question],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"the stages run failed: {done.stderr}")
        for step, seconds in json.loads(done.stdout).items():
            steps[step].append(seconds)
        traced = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", STAGES, question],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
        )
        for package, seconds in import_self_times(traced.stderr).items():
            imports[package].append(seconds)
    print(f"\nsteps of `qa ask` inside one process (medians of {rounds}):")
    for step, values in steps.items():
        print(f"  {step:<34} {statistics.median(values) * 1000:>7.1f} ms")
    print(f"\nimport self time by package, `qa ask` (medians of {rounds}; ≥ 2 ms):")
    medians = {package: statistics.median(values) for package, values in imports.items()}
    for package, seconds in sorted(medians.items(), key=lambda item: -item[1]):
        if seconds >= 0.002:
            print(f"  {package:<34} {seconds * 1000:>7.1f} ms")
    print(f"  {'all imports':<34} {sum(medians.values()) * 1000:>7.1f} ms")


def import_self_times(trace: str) -> dict[str, float]:
    """Self seconds of ``-X importtime`` lines, summed by package (``qa`` by subpackage)."""
    totals: dict[str, float] = defaultdict(float)
    for line in trace.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.removeprefix("import time:").split("|")
        parts = name.strip().split(".")
        package = ".".join(parts[:2]) if parts[0] == "qa" and len(parts) > 1 else parts[0]
        totals[package] += int(self_us) / 1e6
    return totals


def main() -> None:
    """Run the rounds (and the stages) and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--index", type=Path, default=PROJECT / "index", help="the index asked")
    parser.add_argument("--stages", action="store_true", help="also time the steps inside")
    parser.add_argument("--baseline", type=Path, help="a folder with another copy of qa/")
    args = parser.parse_args()
    if not (args.index / "current").exists():
        raise SystemExit(f"{args.index}: no index here; run `qa index` first")
    if args.baseline is not None and not (args.baseline / "qa" / "__init__.py").is_file():
        raise SystemExit(f"{args.baseline}: no qa package in this folder")
    env = child_environment(args.index.resolve())
    uptime = shutil.which("uptime")
    print(subprocess.run([uptime], capture_output=True, text=True).stdout.strip() if uptime else "")
    print(f"before: {load_line()}")
    results = run_rounds(args.rounds, env, args.baseline and args.baseline.resolve())
    print(f"after:  {load_line()}\n")
    print_rounds(results)
    print_targets(results)
    if args.stages:
        run_stages(args.rounds, env)


if __name__ == "__main__":
    main()
