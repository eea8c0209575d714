//===--- Report.cpp - hotpath verify --------------------------------------===//

#include "Report.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <cmath>

namespace hotpath::verify {

bool VariantResult::proven() const {
  if (Tests == Failed || worse())
    return false;
  for (const MetricResult &M : Metrics)
    if (M.C.V == Comparison::Faster)
      return true;
  return false;
}

bool VariantResult::worse() const {
  for (const MetricResult &M : Metrics)
    if (M.C.V == Comparison::Slower)
      return true;
  return false;
}

std::string formatValue(const std::string &Metric, double V) {
  if (std::isnan(V))
    return "-";
  llvm::StringRef M = Metric;
  if (M.ends_with("(ns)")) {
    if (V >= 1e9)
      return llvm::formatv("{0:f2} s", V / 1e9).str();
    if (V >= 1e6)
      return llvm::formatv("{0:f2} ms", V / 1e6).str();
    if (V >= 1e3)
      return llvm::formatv("{0:f2} us", V / 1e3).str();
    return llvm::formatv("{0:f1} ns", V).str();
  }
  if (M.ends_with("(s)")) {
    if (V < 1)
      return llvm::formatv("{0:f1} ms", V * 1e3).str();
    return llvm::formatv("{0:f3} s", V).str();
  }
  if (M.ends_with("(KiB)"))
    return llvm::formatv("{0:f1} MiB", V / 1024).str();
  if (std::fabs(V) >= 1e6)
    return llvm::formatv("{0:f2} M", V / 1e6).str();
  if (std::fabs(V) >= 1e4)
    return llvm::formatv("{0:f1} k", V / 1e3).str();
  if (V == std::floor(V))
    return llvm::formatv("{0:f0}", V).str();
  return llvm::formatv("{0:f2}", V).str();
}

// The table's words are short ("~"); JSON spells them out.
static const char *verdictLabel(Comparison::Verdict V, bool Table = true) {
  switch (V) {
  case Comparison::Faster:
    return "better";
  case Comparison::Slower:
    return Table ? "WORSE" : "worse";
  case Comparison::NoChange:
    return Table ? "~" : "no significant change";
  case Comparison::TooFewSamples:
    return "too few samples";
  }
  return "?";
}

static std::string spread(const Summary &S) {
  if (S.N < 2 || S.Median == 0)
    return "";
  return llvm::formatv(" ±{0:f0}%", S.Iqr / 2 / std::fabs(S.Median) * 100)
      .str();
}

static std::string delta(const Comparison &C) {
  if (std::isnan(C.DeltaPercent) || std::isinf(C.DeltaPercent))
    return "-";
  return (C.DeltaPercent > 0 ? "+" : "") +
         llvm::formatv("{0:f1}%", C.DeltaPercent).str();
}

static std::string pValue(const Comparison &C) {
  if (std::isnan(C.P))
    return "-";
  return C.P < 0.001 ? llvm::formatv("{0:e1}", C.P).str()
                     : llvm::formatv("{0:f3}", C.P).str();
}

static const char *testState(const VariantResult &V) {
  return V.Tests == VariantResult::Passed   ? "passed"
         : V.Tests == VariantResult::Failed ? "failed"
                                            : "not run";
}

static void writeText(llvm::raw_ostream &OS, const Report &R, bool Markdown) {
  OS << (Markdown ? "### hotpath verify\n\n" : "")
     << llvm::formatv("benchmark: {0} ({1}, {2} runs per variant, "
                      "alternating)\n",
                      R.Benchmark,
                      R.GoogleBenchmark ? "Google Benchmark" : "whole process",
                      R.Reps);
  for (const VariantResult &V : R.Variants) {
    OS << (Markdown ? "\n#### " : "\n== ") << V.Name << ": "
       << V.Findings.size() << (V.Findings.size() == 1 ? " fix" : " fixes")
       << ", tests " << testState(V) << "; "
       << (V.Tests == VariantResult::Failed
               ? "REJECTED: a test fails with the fix"
           : V.proven() ? "PROVEN: measurably better, nothing worse"
           : V.worse()  ? "WORSE: a metric is significantly worse"
                        : "not proven: no significant improvement")
       << "\n";
    if (Markdown)
      OS << "\n";
    for (const std::string &D : V.Describe)
      OS << (Markdown ? "- `" : "   ") << D << (Markdown ? "`\n" : "\n");
    if (V.Tests == VariantResult::Failed) {
      OS << (Markdown ? "\n```\n" : "   test output:\n") << V.TestOutput
         << (Markdown ? "\n```\n" : "\n");
      continue;
    }
    if (V.Metrics.empty())
      continue;
    if (Markdown) {
      OS << "\n| metric | baseline | fixed | delta | p | n | |\n"
            "|---|---|---|---|---|---|---|\n";
      for (const MetricResult &M : V.Metrics)
        OS << "| " << M.Name << " | " << formatValue(M.Name, M.C.Base.Median)
           << spread(M.C.Base) << " | " << formatValue(M.Name, M.C.Fixed.Median)
           << spread(M.C.Fixed) << " | " << delta(M.C) << " | " << pValue(M.C)
           << " | " << M.C.Base.N << "+" << M.C.Fixed.N << " | "
           << verdictLabel(M.C.V) << " |\n";
      continue;
    }
    OS << llvm::formatv("   {0,-40} {1,14} {2,14} {3,9} {4,8} {5,6}  {6}\n",
                        "metric", "baseline", "fixed", "delta", "p", "n", "");
    for (const MetricResult &M : V.Metrics)
      OS << llvm::formatv(
          "   {0,-40} {1,14} {2,14} {3,9} {4,8} {5,6}  {6}\n", M.Name,
          formatValue(M.Name, M.C.Base.Median) + spread(M.C.Base),
          formatValue(M.Name, M.C.Fixed.Median) + spread(M.C.Fixed), delta(M.C),
          pValue(M.C),
          std::to_string(M.C.Base.N) + "+" + std::to_string(M.C.Fixed.N),
          verdictLabel(M.C.V));
  }
  if (!R.Conflicts.empty()) {
    OS << "\nleft out (their edits overlap an earlier fix):";
    for (const std::string &Id : R.Conflicts)
      OS << " " << Id;
    OS << "\n";
  }
  if (!R.AppliedToTree.empty() || !R.LeftOut.empty()) {
    OS << (Markdown ? "\n" : "\n") << "applied to your tree:";
    for (const std::string &Id : R.AppliedToTree)
      OS << " " << Id;
    if (R.AppliedToTree.empty())
      OS << " nothing";
    OS << "\n";
    for (const std::string &L : R.LeftOut)
      OS << "left: " << L << "\n";
  }
  OS << llvm::formatv("\ntime: builds {0:f1}s, benchmark runs {1:f1}s, "
                      "verify itself {2:f2}s (analysis, copies, fixes, "
                      "statistics)\n",
                      R.BuildSeconds, R.BenchSeconds, R.OwnSeconds);
}

// NaN and infinities (an empty sample, a zero baseline) are null in JSON.
static llvm::json::Value number(double V) {
  if (std::isnan(V) || std::isinf(V))
    return nullptr;
  return V;
}

static llvm::json::Value summaryJson(const Summary &S) {
  auto Num = number;
  return llvm::json::Object{{"median", Num(S.Median)},
                            {"q1", Num(S.Q1)},
                            {"q3", Num(S.Q3)},
                            {"mad", Num(S.Mad)},
                            {"min", Num(S.Min)},
                            {"max", Num(S.Max)},
                            {"n", static_cast<int64_t>(S.N)}};
}

static void writeJson(llvm::raw_ostream &OS, const Report &R) {
  llvm::json::Array Variants;
  for (const VariantResult &V : R.Variants) {
    llvm::json::Array Metrics;
    for (const MetricResult &M : V.Metrics) {
      auto Num = number;
      Metrics.push_back(llvm::json::Object{
          {"name", M.Name},
          {"baseline", summaryJson(M.C.Base)},
          {"fixed", summaryJson(M.C.Fixed)},
          {"delta_percent", Num(M.C.DeltaPercent)},
          {"u", Num(M.C.U)},
          {"p", Num(M.C.P)},
          {"exact", M.C.Exact},
          {"verdict", verdictLabel(M.C.V, /*Table=*/false)}});
    }
    Variants.push_back(
        llvm::json::Object{{"name", V.Name},
                           {"findings", llvm::json::Array(V.Findings)},
                           {"tests", testState(V)},
                           {"test_output", V.TestOutput},
                           {"proven", V.proven()},
                           {"worse", V.worse()},
                           {"metrics", std::move(Metrics)}});
  }
  llvm::json::Object Out{
      {"benchmark", R.Benchmark},
      {"google_benchmark", R.GoogleBenchmark},
      {"reps", static_cast<int64_t>(R.Reps)},
      {"variants", std::move(Variants)},
      {"conflicts", llvm::json::Array(R.Conflicts)},
      {"applied", llvm::json::Array(R.AppliedToTree)},
      {"left_out", llvm::json::Array(R.LeftOut)},
      {"seconds", llvm::json::Object{{"builds", R.BuildSeconds},
                                     {"benchmark_runs", R.BenchSeconds},
                                     {"verify", R.OwnSeconds}}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Out))) << "\n";
}

void writeReport(llvm::raw_ostream &OS, const Report &R, Format F) {
  if (F == Format::Json)
    writeJson(OS, R);
  else
    writeText(OS, R, F == Format::Markdown);
}

static std::string escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += C == '<'   ? "&lt;"
           : C == '>' ? "&gt;"
           : C == '&' ? "&amp;"
                      : std::string(1, C);
  return Out;
}

void writeChart(llvm::raw_ostream &OS, const Report &R) {
  const VariantResult *V = R.Variants.empty() ? nullptr : &R.Variants.front();
  size_t N = V ? V->Metrics.size() : 0;
  const int Row = 46, Left = 330, Width = 360, Top = 50;
  int Height = Top + static_cast<int>(N) * Row + 40;
  OS << llvm::formatv("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "width=\"{0}\" height=\"{1}\" font-family=\"sans-serif\" "
                      "font-size=\"12\">\n",
                      Left + Width + 280, Height);
  OS << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  OS << llvm::formatv("<text x=\"10\" y=\"22\" font-size=\"15\">hotpath "
                      "verify: {0} (median of {1} runs; baseline = 100%)"
                      "</text>\n",
                      escape(V ? V->Name : "no variant"), R.Reps);
  OS << llvm::formatv("<rect x=\"{0}\" y=\"30\" width=\"12\" height=\"10\" "
                      "fill=\"#9e9e9e\"/><text x=\"{1}\" y=\"39\">baseline"
                      "</text><rect x=\"{2}\" y=\"30\" width=\"12\" "
                      "height=\"10\" fill=\"#2e7d32\"/><text x=\"{3}\" "
                      "y=\"39\">fixed</text>\n",
                      Left, Left + 16, Left + 90, Left + 106);
  for (size_t I = 0; I < N; ++I) {
    const MetricResult &M = V->Metrics[I];
    double Base = M.C.Base.Median, Fixed = M.C.Fixed.Median;
    double Ratio = Base > 0 ? Fixed / Base : 1;
    double Scale = std::max(1.0, Ratio);
    int Y = Top + static_cast<int>(I) * Row;
    int BaseW = static_cast<int>(Width / Scale);
    int FixedW = static_cast<int>(Width * Ratio / Scale);
    const char *Colour = M.C.V == Comparison::Slower ? "#c62828" : "#2e7d32";
    OS << llvm::formatv("<text x=\"10\" y=\"{0}\">{1}</text>\n", Y + 18,
                        escape(M.Name));
    OS << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"14\" "
                        "fill=\"#9e9e9e\"/>\n",
                        Left, Y + 4, BaseW);
    OS << llvm::formatv("<rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"14\" "
                        "fill=\"{3}\"/>\n",
                        Left, Y + 20, std::max(FixedW, 1), Colour);
    OS << llvm::formatv(
        "<text x=\"{0}\" y=\"{1}\">{2} &#8594; {3} ({4}, "
        "{5})</text>\n",
        Left + Width + 6, Y + 24, escape(formatValue(M.Name, Base)),
        escape(formatValue(M.Name, Fixed)), delta(M.C), verdictLabel(M.C.V));
  }
  OS << "</svg>\n";
}

} // namespace hotpath::verify
