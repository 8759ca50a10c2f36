//! The report generator's own tests: with synthetic measurements and saved peer outputs, every section
//! renders, has numbers, and the Markdown, JSON and plots are written — so the report cannot rot between
//! full benchmark runs.

use super::*;

fn with_sources<R>(sources: Sources, f: impl FnOnce() -> R) -> R {
    SOURCES.with(|s| *s.borrow_mut() = Some(sources));
    let r = f();
    SOURCES.with(|s| *s.borrow_mut() = None);
    r
}

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
    let md_path = with_sources(
        Sources {
            criterion: None,
            peers,
            docs: docs.clone(),
        },
        || write(true),
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
    assert!(md.contains("Thread pool (pool)"));
    assert!(!md.contains("| `pool::ThreadPoolExecutor` submit + result | not measured"));
}

#[test]
fn missing_measurements_say_not_measured_instead_of_failing() {
    let docs = temp_dir("empty");
    let empty = temp_dir("nothing");
    let md_path = with_sources(
        Sources {
            criterion: Some(empty.clone()),
            peers: empty,
            docs: docs.clone(),
        },
        || write(false),
    )
    .expect("report written even with no data");
    let md = std::fs::read_to_string(md_path).expect("markdown");
    assert!(md.contains("not measured"));
}
