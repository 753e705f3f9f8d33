"""Creates the notebooks' virtual environment from requirements.txt, once per set of requirements.

Usage: python3 scripts/make_venv.py VENV_DIR REQUIREMENTS
The environment is made again when the requirements change (their SHA-256 is kept in VENV_DIR/requirements.sha256).
Its Jupyter kernel is installed inside it under the name dti-notebooks, so no kernel of the user's is used.
"""
import hashlib
import pathlib
import shutil
import subprocess
import sys
import venv


def main(target, requirements):
    target = pathlib.Path(target)
    wanted = hashlib.sha256(pathlib.Path(requirements).read_bytes()).hexdigest()
    marker = target / "requirements.sha256"
    if marker.is_file() and marker.read_text().strip() == wanted:
        print(f"{target}: up to date")
        return 0
    if target.exists():
        shutil.rmtree(target)
    print(f"{target}: creating the environment and installing {requirements} from PyPI ...", flush=True)
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(requirements)], check=True)
    subprocess.run([str(python), "-m", "ipykernel", "install", "--prefix", str(target),
                    "--name", "dti-notebooks", "--display-name", "dti-notebooks"], check=True,
                   stdout=subprocess.DEVNULL)
    marker.write_text(wanted + "\n")
    print(f"{target}: ready")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except subprocess.CalledProcessError as e:
        print(f"error: {' '.join(e.cmd[:4])} … failed with exit {e.returncode}; "
              f"the environment needs Python 3.10+ with venv and access to PyPI", file=sys.stderr)
        sys.exit(1)
