"""The built wheel carries dialogs/ and forms/: installed outside the repo, it still answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_runs_outside_the_repo(tmp_path: Path) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # Keep using the real pip cache (the autouse fixture moved HOME).
    env["PIP_CACHE_DIR"] = str(
        Path(os.environ.get("REAL_HOME", Path("~").expanduser())) / ".cache/pip"
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    [wheel] = wheels.glob("consent_assistant-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The dependencies come from this environment (installing them again takes a minute and
    # proves nothing about the wheel); the package itself only from the wheel: a path line in
    # a .pth file adds the folder but not this environment's editable install of the checkout.
    [site] = (venv / "lib").glob("python*/site-packages")
    (site / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [str(venv / "bin" / "consent-assistant"), "ask", "--json", "can I stop later?"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={k: v for k, v in env.items() if k != "PYTHONPATH"},
        check=True,
    )
    answer = json.loads(proc.stdout)
    assert answer["concern"] == "withdraw"
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import assistant.paths as p; print(p.dialogs_dir())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in installed
