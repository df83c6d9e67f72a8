"""pip install for the qaextract Python module.

The module is built by the project's CMake (python/_qaextract.cc on
Debian's pybind11, linking libqaextract.so); this file runs that build for
the interpreter pip runs under and puts the module and the library beside
qaextract/__init__.py. QAEXTRACT_BUILD_DIR reuses a configured build
directory instead of build/python-pip.
"""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(os.environ.get("QAEXTRACT_BUILD_DIR") or ROOT / "build" / "python-pip")
        if not (build / "CMakeCache.txt").exists():
            subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                                   "-DQAEXTRACT_BUILD_TESTS=OFF", f"-DPYTHON_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", str(build), "--target", "_qaextract",
                               "--parallel", str(os.cpu_count() or 2)])
        out = pathlib.Path(self.get_ext_fullpath(ext.name)).parent
        out.mkdir(parents=True, exist_ok=True)
        modules = list((build / "python" / "qaextract").glob("_qaextract*.so"))
        if not modules:
            raise RuntimeError(f"no Python module in {build}/python/qaextract: is pybind11-dev installed?")
        for module in modules:
            shutil.copy2(module, out / module.name)
        # The module finds the library beside it ($ORIGIN), under its soname.
        shutil.copy2((build / "libqaextract.so.0").resolve(), out / "libqaextract.so.0")


setup(
    name="qaextract",
    version="0.1.0",
    description="Turn published interviews into data: speaker turns, sections and metadata",
    package_dir={"": "python"},
    packages=["qaextract"],
    ext_modules=[Extension("qaextract._qaextract", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": str(ROOT / "build" / "python-setuptools")}},
    python_requires=">=3.9",
    zip_safe=False,
)
