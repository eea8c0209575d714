# lit configuration for hotpath's check and front-end tests.
import glob
import os
import shutil

import lit.formats

config.name = "hotpath"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "runtime", "unit", "crash", "CMakeLists.txt", "lit.cfg.py", "exit-status.py", "summary.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hotpath_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Tests must not depend on the user's .clang-tidy files or locale.
config.environment["LC_ALL"] = "C"
# Nor on the user's clangd or Neovim configuration (~/.config/...): tests that
# need one write it under their own %t.
config.environment["XDG_CONFIG_HOME"] = os.path.join(config.test_exec_root, "no-user-config")

# Which front-ends run every check test: all that this build produced, unless
# `lit --param frontends=tidy,plugin` narrows it.
built = []
if os.path.exists(config.tidy_module):
    built.append("tidy")
if os.path.exists(config.compiler_plugin):
    built.append("plugin")
if os.path.exists(config.hotpath_tool):
    built.append("tool")
frontends = lit_config.params.get("frontends", ",".join(built))
for fe in frontends.split(","):
    if fe and fe not in built:
        lit_config.fatal("front-end '%s' was requested but is not built" % fe)
    if fe:
        config.available_features.add("frontend-" + fe)
lit_config.note("hotpath front-ends under test: " + frontends)

runner = os.path.join(config.hotpath_src_root, "test", "check_hotpath.py")
check_cmd = " ".join([
    config.python, runner,
    "--frontends=" + frontends,
    "--clang-tidy=" + config.clang_tidy,
    "--module=" + config.tidy_module,
    "--plugin=" + config.compiler_plugin,
    "--tool=" + config.hotpath_tool,
    "--clangxx=" + config.clangxx,
    "--filecheck=" + os.path.join(config.llvm_bin, "FileCheck"),
])
config.substitutions.append(("%check_hotpath", check_cmd))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%hotpath_tidy", config.tidy_module))
config.substitutions.append(("%hotpath_plugin", config.compiler_plugin))
config.substitutions.append(("%hotpath_tool", config.hotpath_tool))
# hotpath-clangd (test/clangd): built when Debian's clangd libraries exist;
# Neovim is the real editor its tests drive.
if os.path.exists(config.hotpath_clangd):
    config.available_features.add("hotpath-clangd")
    # Without the background index: clangd runs it at idle priority and waits
    # for it on exit, which under a loaded CI machine can take minutes.
    config.substitutions.append(("%hotpath_clangd_bin", config.hotpath_clangd))
    config.substitutions.append(("%hotpath_clangd",
                                 config.hotpath_clangd + " --background-index=false"))
if shutil.which("nvim"):
    config.available_features.add("nvim")
config.substitutions.append(("%hotpath_crash_tool", config.hotpath_crash_tool))
config.substitutions.append(("%hotpath_crash_plugin", config.crash_plugin))
config.substitutions.append(("%llvm_major", config.llvm_major))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%clang_apply_replacements",
                             os.path.join(config.llvm_bin, "clang-apply-replacements")))

# Microsoft's SARIF multitool, installed from npm by scripts/install-deps.
sarif_tool = os.environ.get("HOTPATH_SARIF_MULTITOOL",
                            "/opt/hotpath-npm/node_modules/.bin/sarif-multitool")
if os.path.exists(sarif_tool):
    config.available_features.add("sarif-validator")
    config.substitutions.append(("%sarif_multitool", sarif_tool))

# The clang-tidy of another LLVM major, to prove the module refuses it.
for other in ("19", "22"):
    path = "/usr/lib/llvm-%s/bin/clang-tidy" % other
    if other != config.llvm_major and os.path.exists(path):
        config.available_features.add("other-clang-tidy")
        config.substitutions.append(("%other_clang_tidy", path))
        config.substitutions.append(("%other_clangxx", "/usr/lib/llvm-%s/bin/clang++" % other))
        config.substitutions.append(("%other_major", other))
        break

# Profiles (test/profile): valgrind's callgrind and perf record are real
# tools, probed here; CI installs both (scripts/install-deps) and perf
# record is permitted on its machines, so a missing feature there is a
# setup error the tests' own output names.
import shutil
import subprocess
if shutil.which("valgrind"):
    config.available_features.add("valgrind")
if shutil.which("perf"):
    try:
        probe = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-o", "/dev/null", "true"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        if probe.returncode == 0:
            config.available_features.add("perf-record")
        else:
            lit_config.note("perf record is not permitted here: the perf profile tests are skipped")
    except (OSError, subprocess.SubprocessError):
        lit_config.note("perf record failed to run: the perf profile tests are skipped")
config.substitutions.append(("%llvm_profdata", os.path.join(config.llvm_bin, "llvm-profdata")))
config.substitutions.append(("%profile_summary",
                             config.python + " " + os.path.join(config.hotpath_src_root, "test", "profile", "summary.py")))
