// Umbrella header for the hotpath runtime.
#pragma once

#include "hotpath/arena.hpp"
#include "hotpath/buffer_pool.hpp"
#include "hotpath/pool.hpp"
#include "hotpath/task.hpp"
#include "hotpath/worker_pool.hpp"
