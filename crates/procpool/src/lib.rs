//! ProcessPoolExecutor for Rust: the `pool` executor interface with tasks run in worker processes over ipc-channel. (Not yet implemented: its issue fills it in.)
