// An example program: its loop is example code for the tool and the editor.
#include "render.h"
#include <memory>

void draw_frames(int n) {
  for (int i = 0; i < n; ++i) {
    auto f = std::make_unique<Frame>();
    show(*f);
  }
}
