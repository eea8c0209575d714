// Iteration bounds for stress tests (scaled by HOTPATH_STRESS_SCALE).
#pragma once
#ifndef HOTPATH_STRESS_SCALE
#define HOTPATH_STRESS_SCALE 1
#endif
constexpr int stress(int n) { return n * HOTPATH_STRESS_SCALE; }
