// libhotpath_allocshim.so from the outside: alloc_shim_probe (known
// allocations) runs under LD_PRELOAD and the JSON lines the shim appends to
// HOTPATH_ALLOC_REPORT are checked against what the probe says it did.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

extern char **environ;

namespace fs = std::filesystem;

namespace {

const std::string kShim = HOTPATH_ALLOCSHIM;
const std::string kProbe = HOTPATH_ALLOC_SHIM_PROBE;

// A fresh directory per test, removed afterwards.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "hotpath-allocshim-XXXXXX";
    if (!mkdtemp(pattern.data()))
      std::abort();
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path &path() const { return path_; }

private:
  fs::path path_;
};

std::string read_file(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs the probe with our environment minus any LD_PRELOAD or
// HOTPATH_ALLOC_REPORT, plus `env`, in `cwd`; output captured in `scratch`.
RunResult run_probe(const std::vector<std::string> &args,
                    const std::vector<std::string> &env, const fs::path &cwd,
                    const fs::path &scratch) {
  std::vector<std::string> env_strings;
  for (char **e = environ; *e; ++e) {
    if (std::strncmp(*e, "LD_PRELOAD=", 11) != 0 &&
        std::strncmp(*e, "HOTPATH_ALLOC_REPORT=", 21) != 0)
      env_strings.push_back(*e);
  }
  env_strings.insert(env_strings.end(), env.begin(), env.end());
  std::vector<char *> envp;
  for (std::string &s : env_strings)
    envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_strings{kProbe};
  arg_strings.insert(arg_strings.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (std::string &s : arg_strings)
    argv.push_back(s.data());
  argv.push_back(nullptr);

  const fs::path out = scratch / "probe.out", err = scratch / "probe.err";
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 ||
        chdir(cwd.c_str()) != 0)
      _exit(126);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  RunResult r;
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

struct ReportLine {
  long pid = 0;
  std::uint64_t allocs = 0, frees = 0, bytes = 0;
};

// Every line must have exactly the documented format.
std::vector<ReportLine> parse_report(const fs::path &p) {
  static const std::regex line_re(
      R"(\{"pid":(\d+),"allocs":(\d+),"frees":(\d+),"bytes":(\d+)\})");
  std::vector<ReportLine> lines;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(line, m, line_re)) << "bad line: " << line;
    if (m.empty())
      continue;
    lines.push_back({std::stol(m[1]), std::stoull(m[2]), std::stoull(m[3]),
                     std::stoull(m[4])});
  }
  return lines;
}

// What the probe printed: "pid <role> <pid>" lines, "malloc_from <lib>",
// "expect <allocs> <frees> <bytes> <moves>" (one per process, in order).
struct ProbeOutput {
  std::multimap<std::string, long> pids;
  std::vector<std::string> malloc_from;
  std::vector<ReportLine> expect; // pid unused
  std::vector<std::uint64_t> moves;
};

ProbeOutput parse_probe(const std::string &out) {
  ProbeOutput p;
  std::istringstream in(out);
  std::string word;
  while (in >> word) {
    if (word == "pid") {
      std::string role;
      long pid;
      in >> role >> pid;
      p.pids.emplace(role, pid);
    } else if (word == "malloc_from") {
      std::string lib;
      in >> lib;
      p.malloc_from.push_back(lib);
    } else if (word == "expect") {
      ReportLine e;
      std::uint64_t moves;
      in >> e.allocs >> e.frees >> e.bytes >> moves;
      p.expect.push_back(e);
      p.moves.push_back(moves);
    }
  }
  return p;
}

// Allocations the probe does not know about: the C and C++ runtimes' own
// (stdio buffers, libstdc++'s emergency exception pool, thread start-up).
constexpr std::uint64_t kStartupSlack = 64;

struct WorkRun {
  ReportLine report;
  ReportLine expect;
  std::uint64_t moves = 0;
};

WorkRun run_work(int rounds) {
  ScratchDir dir;
  const fs::path report = dir.path() / "report.jsonl";
  RunResult r = run_probe(
      {"work", std::to_string(rounds)},
      {"LD_PRELOAD=" + kShim, "HOTPATH_ALLOC_REPORT=" + report.string()},
      dir.path(), dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ProbeOutput out = parse_probe(r.out);
  std::vector<ReportLine> lines = parse_report(report);
  WorkRun w;
  if (lines.size() != 1 || out.expect.size() != 1 || out.pids.size() != 1) {
    ADD_FAILURE() << "one process, one line expected; probe said:\n"
                  << r.out << "report:\n"
                  << read_file(report);
    return w;
  }
  EXPECT_EQ(lines[0].pid, out.pids.begin()->second);
  EXPECT_NE(out.malloc_from[0].find("libhotpath_allocshim.so"),
            std::string::npos)
      << "malloc did not come from the shim: " << out.malloc_from[0];
  w.report = lines[0];
  w.expect = out.expect[0];
  w.moves = out.moves[0];
  return w;
}

TEST(AllocShim, CountsEveryFormAtLeastWhatTheProgramDid) {
  WorkRun w = run_work(1000);
  EXPECT_GE(w.report.allocs, w.expect.allocs);
  EXPECT_GE(w.report.frees, w.expect.frees);
  EXPECT_GE(w.report.bytes, w.expect.bytes);
  EXPECT_LE(w.report.allocs, w.expect.allocs + kStartupSlack);
  EXPECT_LE(w.report.frees, w.report.allocs);
  EXPECT_LE(w.report.allocs, w.report.frees + kStartupSlack)
      << "the probe frees everything it allocates";
}

// The rest of the process is the same in both runs, so the difference is
// exactly 1000 rounds: 12 allocations and frees of 408 bytes each (every
// form: new, aligned new, malloc, calloc, aligned_alloc, posix_memalign,
// memalign, valloc, pvalloc, realloc, reallocarray, strdup), plus the
// reallocs that moved (one allocation, one free, 4096 bytes each).
TEST(AllocShim, ThousandMoreRoundsCountExactly) {
  WorkRun a = run_work(1000), b = run_work(2000);
  const std::int64_t moves = std::int64_t(b.moves) - std::int64_t(a.moves);
  EXPECT_EQ(std::int64_t(b.report.allocs - a.report.allocs), 1000 * 12 + moves);
  EXPECT_EQ(std::int64_t(b.report.frees - a.report.frees), 1000 * 12 + moves);
  EXPECT_EQ(std::int64_t(b.report.bytes - a.report.bytes),
            1000 * 408 + 4096 * moves);
}

TEST(AllocShim, NothingWrittenWithoutReportVariable) {
  for (const char *setting : {"", "HOTPATH_ALLOC_REPORT="}) {
    ScratchDir dir, out;
    std::vector<std::string> env{"LD_PRELOAD=" + kShim};
    if (*setting)
      env.push_back(setting);
    RunResult r = run_probe({"work", "8"}, env, dir.path(), out.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    ProbeOutput p = parse_probe(r.out);
    ASSERT_EQ(p.malloc_from.size(), 1u) << r.out;
    EXPECT_NE(p.malloc_from[0].find("libhotpath_allocshim.so"),
              std::string::npos)
        << "the shim was not loaded: " << p.malloc_from[0];
    EXPECT_TRUE(fs::is_empty(dir.path())) << "with '" << setting << "'";
  }
}

// The path is taken at startup: the probe's chdir before exit does not move
// a relative report.
TEST(AllocShim, RelativeReportPathIsFixedAtStartup) {
  ScratchDir dir, out;
  fs::create_directory(dir.path() / "elsewhere");
  RunResult r =
      run_probe({"work", "4", (dir.path() / "elsewhere").string()},
                {"LD_PRELOAD=" + kShim, "HOTPATH_ALLOC_REPORT=rel.jsonl"},
                dir.path(), out.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_report(dir.path() / "rel.jsonl").size(), 1u);
  EXPECT_TRUE(fs::is_empty(dir.path() / "elsewhere"));
}

// fork() + exit(), fork() + exec and system(): one line per probe process,
// and a forked child's line holds only what it allocated after fork().
TEST(AllocShim, OneLinePerProcess) {
  ScratchDir dir;
  const fs::path report = dir.path() / "report.jsonl";
  RunResult r = run_probe(
      {"spawn"},
      {"LD_PRELOAD=" + kShim, "HOTPATH_ALLOC_REPORT=" + report.string()},
      dir.path(), dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ProbeOutput p = parse_probe(r.out);
  ASSERT_EQ(p.pids.count("parent"), 1u) << r.out;
  ASSERT_EQ(p.pids.count("fork"), 1u) << r.out;
  ASSERT_EQ(p.pids.count("work"), 2u) << r.out; // exec'd and via system()
  std::map<long, ReportLine> by_pid;
  std::vector<ReportLine> lines = parse_report(report);
  for (const ReportLine &l : lines)
    EXPECT_TRUE(by_pid.emplace(l.pid, l).second) << "two lines for " << l.pid;
  // dash leaves with _exit and writes no line of its own; a shell that
  // forks and exits normally may add one.
  EXPECT_GE(lines.size(), 4u);
  EXPECT_LE(lines.size(), 5u);
  for (const auto &[role, pid] : p.pids)
    EXPECT_EQ(by_pid.count(pid), 1u)
        << "no line for the " << role << " " << pid << "\n"
        << read_file(report);

  const ReportLine &parent = by_pid[p.pids.find("parent")->second];
  const ReportLine &child = by_pid[p.pids.find("fork")->second];
  EXPECT_GE(parent.allocs, 1000u);
  EXPECT_GE(child.allocs, 7u);
  EXPECT_LT(child.allocs, 1000u) << "the forked child repeats the parent's";
  EXPECT_LE(child.allocs, 7 + kStartupSlack);
}

} // namespace
