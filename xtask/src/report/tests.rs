//! The report generator's own tests: with synthetic measurements and saved peer outputs, every section
//! renders, has numbers, and the Markdown, JSON and plots are written — so the report cannot rot between
//! full benchmark runs.

use super::*;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn every_section_renders_with_numbers_and_plots() {
    let docs = temp_dir("docs");
    let peers = root().join("xtask/tests/peers");
    let timings = [
        ("pool".to_string(), 12.0),
        ("total, build excluded".to_string(), 150.0),
    ];
    let md_path = write_to(
        Mode::Quick,
        &timings,
        Some(Sources {
            criterion: None,
            peers,
            docs: docs.clone(),
        }),
        None,
    )
    .expect("report written");
    let md = std::fs::read_to_string(&md_path).expect("markdown");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.join("benchmarks.json")).expect("json"))
            .expect("valid json");
    let titles: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert!(titles.len() >= 2, "sections: {titles:?}");
    for title in &titles {
        let body = md
            .split(&format!("## {title}\n"))
            .nth(1)
            .expect("section body");
        let body = body.split("\n## ").next().unwrap_or(body);
        assert!(
            body.contains('|') && body.chars().any(|c| c.is_ascii_digit()),
            "section {title} has no numbers"
        );
        assert!(
            json.get(*title).is_some(),
            "section {title} is missing from benchmarks.json"
        );
    }
    for image in md.split("](img/").skip(1) {
        let file = image.split(')').next().expect("image name");
        let svg = std::fs::read_to_string(docs.join("img").join(file)).expect("plot written");
        assert!(svg.starts_with("<svg"), "{file} is an SVG");
    }
    check(&md).expect("every question answered with numbers");
    assert!(md.contains("- Run: `cargo xtask bench --quick`, 150 s without the build\n"));
    assert_eq!(json["seconds"]["pool"], 12.0);
    assert!(md.contains("Thread pool (pool)"));
    assert!(!md.contains("| `pool::ThreadPoolExecutor` submit + result | not measured"));
}

#[test]
fn missing_measurements_say_not_measured_instead_of_failing() {
    let docs = temp_dir("empty");
    let empty = temp_dir("nothing");
    let md_path = write_to(
        Mode::Full,
        &[],
        Some(Sources {
            criterion: Some(empty.clone()),
            peers: empty,
            docs: docs.clone(),
        }),
        None,
    )
    .expect("report written even with no data");
    let md = std::fs::read_to_string(md_path).expect("markdown");
    assert!(md.contains("not measured"));
    // ... and the smoke check refuses such a report, naming what is missing.
    let err = check(&md).expect_err("a report without measurements is incomplete");
    assert!(format!("{err:#}").contains("question"), "{err:#}");
}

#[test]
fn check_names_the_missing_part() {
    let docs = temp_dir("check");
    let md_path = write_to(
        Mode::Smoke,
        &[],
        Some(Sources {
            criterion: None,
            peers: root().join("xtask/tests/peers"),
            docs,
        }),
        None,
    )
    .expect("report written");
    let md = std::fs::read_to_string(md_path).expect("markdown");
    check(&md).expect("complete");
    let without_q4 = md.replace("### 4. ", "### four. ");
    let err = check(&without_q4).expect_err("question 4 removed");
    assert!(format!("{err:#}").contains("### 4."), "{err:#}");
    let without_section = md.replace("## Directory walking (fsutil)", "");
    assert!(check(&without_section).is_err());
}

#[test]
fn a_partial_run_says_the_other_sections_are_older() {
    let docs = temp_dir("partial");
    let md_path = write_to(
        Mode::Full,
        &[
            ("evalx".to_string(), 190.0),
            ("total, build excluded".to_string(), 211.0),
        ],
        Some(Sources {
            criterion: None,
            peers: root().join("xtask/tests/peers"),
            docs,
        }),
        Some("--only evalx"),
    )
    .expect("report written");
    let md = std::fs::read_to_string(md_path).expect("markdown");
    assert!(
        md.contains(
            "- Run: `cargo xtask bench --only evalx`, 211 s without the build; the other sections are earlier runs' results"
        ),
        "{}",
        md.lines().find(|l| l.starts_with("- Run:")).unwrap_or("no Run line")
    );
}
