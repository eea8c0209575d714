#pragma once

// Its constructor is defined in session.cpp: only that translation unit can
// check the member initialisers, so only it offers the fix.
struct Session {
  Session(const char *n, int p);
  bool open;
  const char *name;
  int port;
  const char *peer;
};

// Aggregate-initialised from a braced list in table.cpp: reordering would
// change what that list means, so no translation unit may offer the fix.
struct Entry {
  char tag;
  double weight;
  char kind;
};

int port_of(const Session &s);
double weight_of(const Entry &e);
