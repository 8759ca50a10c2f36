//! Python's `os.makedirs` with its exact semantics, `os.walk` over walkdir, and a parallel walk. (Not yet implemented: its issue fills it in.)
