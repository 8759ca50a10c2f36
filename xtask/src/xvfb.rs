//! The system packages the `viewer` crate's window tests need, installed by `cargo xtask test` when missing.
//!
//! Those tests open real windows on X servers they start themselves (`Xvfb`, a free display number each
//! run, stopped at the end), type into them with `xdotool` and check screenshots taken with `xwd`; some run
//! under the `openbox` window manager (title bars, focus, a work area), as a desktop would. minifb
//! loads `libX11.so.6` and `libXcursor.so.1` with dlopen at run time. None of this is needed to build.
//! After this step the test run gets `VIEWER_REQUIRE_X11=1`, so the window tests fail rather than skip if a
//! tool is still missing.

use anyhow::{Result, bail};
use std::process::Command;

/// A program or shared library the window tests need, and the Debian package that provides it.
struct Need {
    what: &'static str,
    present: fn(&'static str) -> bool,
    package: &'static str,
}

const NEEDS: [Need; 6] = [
    Need {
        what: "Xvfb",
        present: crate::util::on_path,
        package: "xvfb",
    },
    Need {
        what: "xdotool",
        present: crate::util::on_path,
        package: "xdotool",
    },
    Need {
        what: "xwd",
        present: crate::util::on_path,
        package: "x11-apps",
    },
    Need {
        what: "openbox",
        present: crate::util::on_path,
        package: "openbox",
    },
    Need {
        what: "libX11.so.6",
        present: library_present,
        package: "libx11-6",
    },
    Need {
        what: "libXcursor.so.1",
        present: library_present,
        package: "libxcursor1",
    },
];

/// The environment variable that makes the window tests fail instead of skipping when a tool is missing.
pub const REQUIRE_VAR: &str = "VIEWER_REQUIRE_X11";

/// Installs the window tests' packages with apt-get when any is missing; says what it installs and why.
/// Returns whether the window tests can run (false only off Linux, where they do not apply).
pub fn ensure_window_test_tools() -> Result<bool> {
    if !cfg!(target_os = "linux") {
        eprintln!("\n==> not on Linux: the viewer crate's X11 window tests do not apply here");
        return Ok(false);
    }
    let missing: Vec<&Need> = NEEDS.iter().filter(|n| !(n.present)(n.what)).collect();
    if missing.is_empty() {
        return Ok(true);
    }
    let packages: Vec<&str> = missing.iter().map(|n| n.package).collect();
    let what: Vec<&str> = missing.iter().map(|n| n.what).collect();
    eprintln!(
        "\n==> the viewer crate's window tests need {} (a virtual X server, key presses, screenshots, a window \
         manager and the X libraries minifb loads); installing {} with apt-get",
        what.join(", "),
        packages.join(" ")
    );
    if !crate::util::on_path("apt-get") || !is_root() {
        bail!(
            "missing {}: install the packages {} (Debian/Ubuntu: `sudo apt-get install {}`), then run again",
            what.join(", "),
            packages.join(" "),
            packages.join(" ")
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
    install.extend(&packages);
    if !apt(&install) {
        bail!(
            "`apt-get {}` failed; the output above says why",
            install.join(" ")
        );
    }
    let still: Vec<&str> = NEEDS
        .iter()
        .filter(|n| !(n.present)(n.what))
        .map(|n| n.what)
        .collect();
    if !still.is_empty() {
        bail!(
            "after installing {}, still missing: {}",
            packages.join(" "),
            still.join(", ")
        );
    }
    Ok(true)
}

/// Whether the dynamic loader can find `soname` (asks `ldconfig -p`, as the loader's cache is what dlopen
/// uses).
fn library_present(soname: &'static str) -> bool {
    let ldconfig = ["ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"]
        .into_iter()
        .find_map(|p| {
            Command::new(p)
                .arg("-p")
                .output()
                .ok()
                .filter(|o| o.status.success())
        });
    match ldconfig {
        Some(out) => String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.trim_start().starts_with(soname)),
        None => false,
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
