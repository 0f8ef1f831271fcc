"""A PEP 517 build backend in the standard library alone, so that
``pip install ./python`` works offline (no setuptools download): it zips the
``objex`` package into a pure-Python wheel with a ``objex`` console script."""

import base64
import hashlib
import os
import zipfile

NAME = "objex"
VERSION = "1.0.0"
HERE = os.path.dirname(os.path.abspath(__file__))
TAG = "py3-none-any"
DIST_INFO = "%s-%s.dist-info" % (NAME, VERSION)

METADATA = """Metadata-Version: 2.1
Name: objex
Version: %s
Summary: Dump every object and reference of a live Python process to SQLite (stdlib only)
Requires-Python: >=3.8
""" % VERSION
WHEEL = "Wheel-Version: 1.0\nGenerator: objex_build_backend\nRoot-Is-Purelib: true\nTag: %s\n" % TAG
ENTRY_POINTS = "[console_scripts]\nobjex = objex.__main__:main\n"


def _files():
    package = os.path.join(HERE, NAME)
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            with open(os.path.join(package, name), "rb") as f:
                yield "%s/%s" % (NAME, name), f.read()
    yield DIST_INFO + "/METADATA", METADATA.encode()
    yield DIST_INFO + "/WHEEL", WHEEL.encode()
    yield DIST_INFO + "/entry_points.txt", ENTRY_POINTS.encode()


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    filename = "%s-%s-%s.whl" % (NAME, VERSION, TAG)
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in _files():
            zf.writestr(path, data)
            record.append(_record_line(path, data))
        record.append(DIST_INFO + "/RECORD,,")
        zf.writestr(DIST_INFO + "/RECORD", "\n".join(record) + "\n")
    return filename


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_sdist(sdist_directory, config_settings=None):
    import tarfile
    base = "%s-%s" % (NAME, VERSION)
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tf:
        for rel in ("pyproject.toml", "objex_build_backend.py", NAME):
            tf.add(os.path.join(HERE, rel), arcname="%s/%s" % (base, rel),
                   filter=lambda ti: None if "__pycache__" in ti.name else ti)
        info = tarfile.TarInfo("%s/PKG-INFO" % base)
        data = METADATA.encode()
        info.size = len(data)
        import io
        tf.addfile(info, io.BytesIO(data))
    return filename
