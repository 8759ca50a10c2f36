//! A Python-subset interpreter with CPython's eval/exec namespace semantics, a CLI and an ipdb-style debugger. (Not yet implemented: its issue fills it in.)
