//! The `os.makedirs` edge-case table: each case runs in a fresh fixture (`d/` a directory, `f` a file,
//! `sl -> d`, `dl -> a missing target`) and must give CPython 3.11's outcome — the errno (or `ValueError`), the
//! path the error names, and the set of directories created. The expected column was recorded from CPython
//! 3.11; when `python3` is installed the same cases also run in Python and must agree with fsutil.
//!
//! This file holds one test on purpose: it changes the working directory (relative paths such as `''`, `.`
//! and `n/..` are the point), which would disturb other tests running in the same process.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// What a case gave: `Ok`, an errno, or Python's `ValueError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Errno(i32),
    ValueError,
}

struct Case {
    path: String,
    exist_ok: bool,
    outcome: Outcome,
    /// The path the exception names (`filename`), where it is not the path given.
    filename: Option<&'static str>,
    created: &'static [&'static str],
}

fn case(path: &str, exist_ok: bool, outcome: Outcome, created: &'static [&'static str]) -> Case {
    Case {
        path: path.to_string(),
        exist_ok,
        outcome,
        filename: None,
        created,
    }
}

const EEXIST: Outcome = Outcome::Errno(17);
const ENOTDIR: Outcome = Outcome::Errno(20);
const ENOENT: Outcome = Outcome::Errno(2);
const ABS: &str = "<abs>";

fn cases() -> Vec<Case> {
    let long = format!("n8/{}", "n".repeat(256));
    vec![
        case("d", false, EEXIST, &[]),
        case("d", true, Outcome::Ok, &[]),
        case("d/", false, EEXIST, &[]),
        case("d/", true, Outcome::Ok, &[]),
        case("f", false, EEXIST, &[]),
        case("f", true, EEXIST, &[]),
        case("f/", true, EEXIST, &[]),
        case("f/x", true, ENOTDIR, &[]),
        Case {
            filename: Some("f/x"),
            ..case("f/x/y", true, ENOTDIR, &[])
        },
        case("", false, ENOENT, &[]),
        case("", true, ENOENT, &[]),
        case(".", false, EEXIST, &[]),
        case(".", true, Outcome::Ok, &[]),
        case("/", false, EEXIST, &[]),
        case("/", true, Outcome::Ok, &[]),
        case("n1/a/b/", false, Outcome::Ok, &["n1", "n1/a", "n1/a/b"]),
        case("n2//a///b", false, Outcome::Ok, &["n2", "n2/a", "n2/a/b"]),
        case("x1/../y1/z1", false, Outcome::Ok, &["x1", "y1", "y1/z1"]),
        case("d/../n3/z", false, Outcome::Ok, &["n3", "n3/z"]),
        case("n4/..", false, EEXIST, &["n4"]),
        case("n5/..", true, Outcome::Ok, &["n5"]),
        case("n6/.", false, Outcome::Ok, &["n6"]),
        case("n7/./a", false, Outcome::Ok, &["n7", "n7/a"]),
        case("sl", false, EEXIST, &[]),
        case("sl", true, Outcome::Ok, &[]),
        case("sl/c/d", false, Outcome::Ok, &["d/c", "d/c/d"]),
        case("dl", true, EEXIST, &[]),
        case("dl/x", true, ENOENT, &[]),
        case("a\0b", true, Outcome::ValueError, &[]),
        case(&long, true, Outcome::Errno(36), &["n8"]),
        case(
            "<abs>/abs/deep/er",
            false,
            Outcome::Ok,
            &["abs", "abs/deep", "abs/deep/er"],
        ),
        // Beyond the recorded table: checked against python3 when it is installed.
        case("d/new", false, Outcome::Ok, &["d/new"]),
        case("f/", false, EEXIST, &[]),
        case("sl/", false, EEXIST, &[]),
        case("./n9/./b/.", false, Outcome::Ok, &["n9", "n9/b"]),
        case("n10/../n10/x", false, Outcome::Ok, &["n10", "n10/x"]),
        case("dl/", true, EEXIST, &[]),
        case("//", true, Outcome::Ok, &[]),
    ]
}

/// What one run of a case gave: outcome, the path the error names, the entries created (sorted).
#[derive(Debug, PartialEq, Eq)]
struct Observed {
    outcome: Outcome,
    filename: Option<Vec<u8>>,
    created: Vec<String>,
}

const FIXTURE: [&str; 4] = ["d", "f", "sl", "dl"];

fn make_fixture(dir: &Path) {
    std::fs::create_dir(dir.join("d")).expect("d");
    std::fs::write(dir.join("f"), b"file").expect("f");
    std::os::unix::fs::symlink("d", dir.join("sl")).expect("sl");
    std::os::unix::fs::symlink("nonexistent-target", dir.join("dl")).expect("dl");
}

fn created(dir: &Path) -> Vec<String> {
    common::tree(dir)
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !FIXTURE.contains(&p.as_str()))
        .collect()
}

fn run_rust(base: &Path, cases: &[Case]) -> Vec<Observed> {
    let home = std::env::current_dir().expect("cwd");
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let dir = base.join(format!("rust{i}"));
            std::fs::create_dir(&dir).expect("fixture dir");
            make_fixture(&dir);
            std::env::set_current_dir(&dir).expect("chdir");
            let path = case.path.replace(ABS, &dir.to_string_lossy());
            let result = fsutil::makedirs(&path, case.exist_ok);
            std::env::set_current_dir(&home).expect("chdir back");
            let (outcome, filename) = match result {
                Ok(()) => (Outcome::Ok, None),
                Err(err) => {
                    let outcome = match err.raw_os_error() {
                        Some(errno) => Outcome::Errno(errno),
                        None => Outcome::ValueError,
                    };
                    let named = err.path().map(|p| p.as_os_str().as_bytes().to_vec());
                    assert!(
                        err.to_string()
                            .contains(&format!("{:?}", err.path().unwrap_or(Path::new("")))),
                        "{err}"
                    );
                    (
                        outcome,
                        if outcome == Outcome::ValueError {
                            None
                        } else {
                            named
                        },
                    )
                }
            };
            Observed {
                outcome,
                filename,
                created: created(&dir),
            }
        })
        .collect()
}

const PYTHON: &str = r#"
import json, os, sys
base = sys.argv[1]
out = []
for i, case in enumerate(json.load(sys.stdin)):
    d = os.path.join(base, "py%d" % i)
    os.mkdir(d); os.mkdir(os.path.join(d, "d"))
    with open(os.path.join(d, "f"), "wb") as fh: fh.write(b"file")
    os.symlink("d", os.path.join(d, "sl")); os.symlink("nonexistent-target", os.path.join(d, "dl"))
    os.chdir(d)
    path = case["path"].replace("<abs>", d)
    try:
        os.makedirs(path, exist_ok=case["exist_ok"]); r = {"outcome": "ok", "filename": None}
    except ValueError:
        r = {"outcome": "ValueError", "filename": None}
    except OSError as e:
        r = {"outcome": e.errno, "filename": None if e.filename is None else list(os.fsencode(e.filename))}
    os.chdir(base)
    made = []
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            rel = os.path.relpath(os.path.join(root, n), d)
            if rel not in ("d", "f", "sl", "dl"): made.append(rel)
    r["created"] = sorted(made)
    out.append(r)
print(json.dumps(out))
"#;

fn run_python(base: &Path, cases: &[Case]) -> Option<Vec<Observed>> {
    let python = common::python3()?;
    let input: Vec<_> = cases
        .iter()
        .map(|c| serde_json::json!({"path": c.path, "exist_ok": c.exist_ok}))
        .collect();
    let stdout = common::run_python(
        python,
        PYTHON,
        &[&base.to_string_lossy()],
        &serde_json::to_string(&input).ok()?,
    );
    let results: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("python's JSON");
    Some(
        results
            .into_iter()
            .map(|r| {
                let outcome = match &r["outcome"] {
                    serde_json::Value::String(s) if s == "ok" => Outcome::Ok,
                    serde_json::Value::String(_) => Outcome::ValueError,
                    n => Outcome::Errno(n.as_i64().expect("errno") as i32),
                };
                let filename = r["filename"]
                    .as_array()
                    .map(|b| b.iter().map(|x| x.as_u64().unwrap_or(0) as u8).collect());
                let mut created: Vec<String> = r["created"]
                    .as_array()
                    .expect("created")
                    .iter()
                    .map(|s| s.as_str().unwrap_or("").to_string())
                    .collect();
                created.sort();
                Observed {
                    outcome,
                    filename,
                    created,
                }
            })
            .collect(),
    )
}

/// The path a case's error should name: the one given unless the table says otherwise.
fn expected_filename(case: &Case, dir: &Path) -> Option<Vec<u8>> {
    if case.outcome == Outcome::Ok || case.outcome == Outcome::ValueError {
        return None;
    }
    let name = case.filename.map_or_else(
        || case.path.replace(ABS, &dir.to_string_lossy()),
        str::to_string,
    );
    Some(name.into_bytes())
}

#[test]
fn makedirs_matches_cpython_on_every_edge_case() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Canonical, so that "<abs>" means the same directory to both sides.
    let base: PathBuf = tmp.path().canonicalize().expect("canonical tempdir");
    let cases = cases();
    let rust = run_rust(&base, &cases);
    let mut failures = Vec::new();
    for (i, (case, got)) in cases.iter().zip(&rust).enumerate() {
        let dir = base.join(format!("rust{i}"));
        let want = Observed {
            outcome: case.outcome,
            filename: expected_filename(case, &dir),
            created: case.created.iter().map(|s| s.to_string()).collect(),
        };
        if *got != want {
            failures.push(format!(
                "{:?} exist_ok={}: fsutil gave {got:?}, CPython 3.11 gives {want:?}",
                case.path, case.exist_ok
            ));
        }
    }
    if let Some(python) = run_python(&base, &cases) {
        for (i, (case, (got, py))) in cases.iter().zip(rust.iter().zip(&python)).enumerate() {
            // The "<abs>" case names a different fixture directory on each side.
            let py_name = py.filename.as_ref().map(|n| {
                let text =
                    String::from_utf8_lossy(n).replace(&format!("/py{i}/"), &format!("/rust{i}/"));
                text.into_bytes()
            });
            let py = Observed {
                filename: py_name,
                ..Observed {
                    outcome: py.outcome,
                    filename: None,
                    created: py.created.clone(),
                }
            };
            if *got != py {
                failures.push(format!(
                    "{:?} exist_ok={}: fsutil gave {got:?}, this python3 gives {py:?}",
                    case.path, case.exist_ok
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // The NUL-byte path is reported with its own variant, not as a generic I/O error.
    let err = fsutil::makedirs(OsStr::from_bytes(b"a\0b"), true).expect_err("NUL byte");
    assert!(
        matches!(err, fsutil::MakedirsError::NulByte { .. }),
        "{err:?}"
    );
}
