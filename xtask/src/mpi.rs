//! The system packages the `mpipool` crate needs, installed by `cargo xtask test` when missing: an MPI
//! library to link against and its `mpiexec` to run the tests (Open MPI: `libopenmpi-dev openmpi-bin`),
//! and libclang for the `mpi` crate's bindgen step (`libclang-dev`, which also brings clang's own headers:
//! with only the runtime library, bindgen fails on `mpi.h: 'stddef.h' file not found`). This runs before
//! clippy and the build, which compile mpipool with the rest of the workspace; mpipool's tests then start
//! real `mpiexec` jobs (3 and 5 ranks, oversubscribed), and fail rather than skip if it is missing.

use anyhow::{Result, bail};
use std::path::Path;
use std::process::Command;

const PACKAGES: [&str; 3] = ["libopenmpi-dev", "openmpi-bin", "libclang-dev"];

/// What is missing of the three: `mpicc` (the MPI library's compiler wrapper, which the `mpi` crate asks
/// for the link flags), `mpiexec`, and libclang with its headers.
fn missing() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !crate::util::on_path("mpicc") && std::env::var_os("MPI_PKG_CONFIG").is_none() {
        missing.push("mpicc (an MPI library)");
    }
    if !crate::util::on_path("mpiexec") {
        missing.push("mpiexec");
    }
    if !libclang_present() {
        missing.push("libclang with its headers");
    }
    missing
}

/// libclang as bindgen finds it (`LIBCLANG_PATH`, or an LLVM install under /usr/lib), with clang's
/// resource headers (`stddef.h`) beside it.
fn libclang_present() -> bool {
    if std::env::var_os("LIBCLANG_PATH").is_some() {
        return true;
    }
    let Ok(entries) = std::fs::read_dir("/usr/lib") else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        let name = e.file_name();
        let lib = e.path().join("lib");
        name.to_string_lossy().starts_with("llvm-")
            && has_prefix(&lib, "libclang")
            && std::fs::read_dir(lib.join("clang")).is_ok_and(|versions| {
                versions
                    .filter_map(|v| v.ok())
                    .any(|v| v.path().join("include/stddef.h").is_file())
            })
    })
}

fn has_prefix(dir: &Path, prefix: &str) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
    })
}

/// Whether mpipool can be built and run here (the bench run checks; it installs nothing).
pub fn available() -> bool {
    missing().is_empty()
}

/// Installs Open MPI and libclang with apt-get when any part is missing, saying what and why.
pub fn ensure_mpi() -> Result<()> {
    let missing = missing();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!(
        "\n==> the mpipool crate needs {} to build and run its tests under mpiexec; installing {} with apt-get",
        missing.join(", "),
        PACKAGES.join(" ")
    );
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !crate::util::on_path("apt-get") || !root {
        bail!(
            "missing {}: install {} (Debian/Ubuntu: `sudo apt-get install {}`), then run again",
            missing.join(", "),
            PACKAGES.join(" "),
            PACKAGES.join(" ")
        );
    }
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    // The package lists may be absent on a fresh machine; a failed update is reported by the install.
    let _ = apt(&["update", "-qq"]);
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(PACKAGES);
    if !apt(&install) {
        bail!(
            "`apt-get {}` failed; the output above says why",
            install.join(" ")
        );
    }
    let still = self::missing();
    if !still.is_empty() {
        bail!(
            "after installing {}, still missing: {}",
            PACKAGES.join(" "),
            still.join(", ")
        );
    }
    Ok(())
}
