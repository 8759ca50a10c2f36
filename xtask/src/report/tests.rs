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
    assert!(md.contains(
        "- Run: `cargo xtask bench --quick` (`release` profile, few rounds: indicative), 150 s without the build\n"
    ));
    assert!(
        md.contains("> **Indicative only**"),
        "a quick run says its answers are indicative"
    );
    assert!(
        json["rounds"].as_object().is_some_and(|r| !r.is_empty()),
        "rounds kept for --compare"
    );
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

/// The numbers a text quotes as a ratio or a share: a decimal number directly followed by `x` or `%`
/// (one space allowed), not part of a word (`u8x`, `0x1f`, `1920x1080` are not quotes). Signs dropped.
fn quoted_numbers(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
        {
            j += 1;
        }
        let number = &text[i..j];
        let mut k = j;
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        let unit = b.get(k).copied();
        let after = b.get(k + 1).copied();
        let word_follows = after.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_');
        let hex = number == "0" && k == j;
        if (unit == Some(b'%') || (unit == Some(b'x') && !word_follows)) && !hex {
            out.push(number.to_string());
        }
        i = j.max(i + 1);
    }
    out
}

/// Every way the report's JSON numbers can be quoted: as they are, as a percentage of a share, and as a
/// ratio's percent change, each at 0 to 3 decimals. The raw rounds and the machine's state are left out.
fn renderings(v: &Value, out: &mut std::collections::HashSet<String>) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                for d in 0..=3 {
                    for y in [x.abs(), (x * 100.0).abs(), ((x - 1.0) * 100.0).abs()] {
                        out.insert(format!("{y:.d$}"));
                    }
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| renderings(x, out)),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| {
                !["rounds", "machine_state", "runs", "provenance"].contains(&k.as_str())
            })
            .for_each(|(_, x)| renderings(x, out)),
        _ => {}
    }
}

#[test]
fn quoted_numbers_are_ratios_and_shares_only() {
    let text = "walk takes 0.93x walkdir's time, -2.8% or +4.4 %; not 0x1f, u8x4, 1920x1080, GTK+ 2.x, v1.5x";
    assert_eq!(quoted_numbers(text), ["0.93", "2.8", "4.4"]);
    assert_eq!(quoted_numbers("at 1.6x as fast; 10% more."), ["1.6", "10"]);
}

/// The project's rule: a README quotes only numbers the benchmark report reproduces. A number quoted
/// between `<!-- bench: POINTER FORMAT -->` and `<!-- /bench -->` must be the report's value at that JSON
/// pointer, as every run that writes `docs/` rewrites it (`report::readme`); any other number a README
/// puts next to "x" or "%" must appear in `docs/benchmarks.json` (in some rounding, as a share or a
/// ratio's change): mark it, or link the report instead of quoting a number it does not hold.
#[test]
fn readme_numbers_appear_in_the_report() {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/benchmarks.json"))
            .expect("docs/benchmarks.json"),
    )
    .expect("valid JSON");
    let mut known = std::collections::HashSet::new();
    renderings(&json, &mut known);
    let mut unknown = Vec::new();
    let mut stale = Vec::new();
    for readme in super::readme::readmes(&root()) {
        let text = std::fs::read_to_string(&readme).expect("readable README");
        let quotes = super::readme::quotes(&text)
            .unwrap_or_else(|err| panic!("{}: {err:#}", readme.display()));
        for quote in &quotes {
            match super::readme::expected(quote, &json) {
                Ok(want) if want == quote.text => {}
                Ok(want) => stale.push(format!(
                    "{}: `{}` says {}, the report {want}",
                    readme.display(),
                    quote.pointer,
                    quote.text
                )),
                Err(err) => stale.push(format!("{}: {err:#}", readme.display())),
            }
        }
        let unmarked = without_quotes(&text);
        for (line_no, line) in unmarked.lines().enumerate() {
            for n in quoted_numbers(line) {
                if !known.contains(&n) {
                    unknown.push(format!("{}:{}: {n}", readme.display(), line_no + 1));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "README quotes out of step with docs/benchmarks.json (`cargo xtask bench --report-only` rewrites them; \
         fix or drop a quote whose value is gone):\n{}",
        stale.join("\n")
    );
    assert!(
        unknown.is_empty(),
        "README numbers the report does not hold (quote the report's with a `<!-- bench: ... -->` marker, or \
         link docs/benchmarks.md):\n{}",
        unknown.join("\n")
    );
}

/// `text` with every quoted number's marker and body blanked (line breaks kept, so line numbers hold).
fn without_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!-- bench:") {
        let Some(end) = rest[start..].find("<!-- /bench -->") else {
            break;
        };
        out.push_str(&rest[..start]);
        let end = start + end + "<!-- /bench -->".len();
        out.extend(rest[start..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A partial run (`--only pool`) after a whole run: the report lists both runs, the pool section says this
/// run measured it, the evalx section says an earlier, noisy run did, and the JSON records both.
#[test]
fn a_partial_run_says_which_run_measured_each_section() {
    let base = temp_dir("partial");
    let peers = base.join("peers");
    std::fs::create_dir_all(&peers).expect("peers dir");
    for f in ["pool.json", "procpool.json", "mpipool.json"] {
        std::fs::copy(root().join("xtask/tests/peers").join(f), peers.join(f)).expect("copied");
    }
    let record = |bench: &str, run: u64, other: f64, command: &str| provenance::RunRecord {
        bench: bench.into(),
        command: command.into(),
        profile: "release".into(),
        run,
        finished: run + 30,
        ok: true,
        filter: None,
        state: machine::RunState {
            load_before: Some(0.1),
            load_after: Some(0.1),
            other_cores: Some(other),
            steal: Some(0.0),
            cpus: 2,
            ..machine::RunState::default()
        },
        previous: None,
    };
    let runs = provenance::dir(&base);
    for bench in ["pool", "procpool", "evalx", "fsutil"] {
        provenance::save(
            &runs,
            record(bench, 1_000_000, 1.2, "cargo xtask bench --quick"),
        )
        .expect("saved");
    }
    provenance::save(
        &runs,
        record(
            "pool",
            2_000_000,
            0.0,
            "cargo xtask bench --quick --only pool",
        ),
    )
    .expect("saved");
    let docs = base.join("docs");
    let md_path = write_to(
        Mode::Quick,
        &[],
        Some(Sources {
            criterion: None,
            peers,
            docs: docs.clone(),
        }),
        Some("--only pool"),
    )
    .expect("report written");
    let md = std::fs::read_to_string(md_path).expect("markdown");
    assert!(md.contains("**The runs behind this report**"), "{md}");
    assert!(md.contains("| this run | pool |"), "{md}");
    let section = |title: &str| {
        md.split(&format!("## {title}\n"))
            .nth(1)
            .and_then(|b| b.split("\n## ").next())
            .unwrap_or_default()
            .to_string()
    };
    let pool = section("Thread pool (pool)");
    assert!(
        pool.starts_with("\n> `pool`: measured by this run") && pool.contains(": quiet"),
        "{pool}"
    );
    let evalx = section("Python eval/exec interpreter (evalx)");
    assert!(
        evalx.contains("> `evalx`: measured by an earlier run") && evalx.contains("**noisy**"),
        "{evalx}"
    );
    assert!(
        md.contains("some sections come from earlier, noisy runs"),
        "{md}"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.join("benchmarks.json")).expect("json"))
            .expect("valid json");
    assert_eq!(json["runs"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        json["provenance"]["Thread pool (pool)"][0]["run"],
        json!(2_000_000)
    );
}

/// Paired rounds as `tasklab_benches::paired_rounds` writes them: contenders, elements per run, and the
/// worker counts a sweep measured (read back rather than assumed).
#[test]
fn paired_rounds_files_give_medians_elements_and_worker_counts() {
    let base = temp_dir("paired-file");
    let crit = base.join("criterion");
    std::fs::create_dir_all(crit.join("paired")).expect("dir");
    std::fs::write(
        crit.join("paired/sweep.json"),
        r#"{"name": "sweep", "unit": "ns per element", "order": "rotating", "rounds": 3, "seconds": 1.0,
            "elements": {"1": 24, "8": 24, "16": 48}, "contenders": {"8": [5.0, 6.0, 7.0], "1": [10.0, 11.0, 12.0], "16": [5.0, 5.0, 5.0]}}"#,
    )
    .expect("written");
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: Some(crit),
            peers: base.join("peers"),
            docs: base.join("docs"),
        })
    });
    let p = paired("sweep").expect("read");
    assert_eq!(p.worker_counts(&[2, 3]), vec![1, 8, 16]);
    assert_eq!(p.elements("16"), Some(48));
    assert_eq!(p.median("1").map(|i| i.median), Some(11.0));
    let r = p.ratio("8", "1").expect("ratio");
    assert!((r.median - 6.0 / 11.0).abs() < 1e-9, "{r:?}");
    assert_eq!(paired_median("sweep", "16"), Some(5.0));
    assert!(paired("missing").is_none());
    SOURCES.with(|s| *s.borrow_mut() = previous);
}

/// A sweep that stops below the CPU ceiling: the report says its best count is an extrapolation; one that
/// reaches past it with a flat top: measured, and the best count is at the ceiling.
#[test]
fn the_scaling_fit_states_its_range_of_validity() {
    let base = temp_dir("scaling");
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: None,
            peers: base.join("peers"),
            docs: base.join("docs"),
        })
    });
    let rounds = |workers: &[usize], f: &dyn Fn(f64) -> f64| -> Vec<Vec<f64>> {
        (0..9)
            .map(|i| {
                workers
                    .iter()
                    .map(|&w| f(w as f64) * (1.0 + 0.01 * ((i * 7 + w) % 5) as f64))
                    .collect()
            })
            .collect()
    };
    // 80% waiting: linear up to the ceiling (5 workers per core), measured only to 3 workers.
    let short = [1, 2, 3];
    let (md, json, _) = scaling::render(
        "waiting",
        "t1.svg",
        &short,
        &rounds(&short, &|w| 100.0 * w),
        true,
        &[],
        0.8,
    );
    assert!(md.contains("an extrapolation"), "{md}");
    assert_eq!(json["best_inside_measured_range"], json!(false));
    // CPU-bound, measured past the cores, flat above them.
    let cores = ::pool::usable_cpu_count() as f64;
    let wide: Vec<usize> = [1.0, cores, cores + 1.0, 2.0 * cores, 4.0 * cores]
        .iter()
        .map(|&w| w as usize)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let (md, json, _) = scaling::render(
        "cpu",
        "t2.svg",
        &wide,
        &rounds(&wide, &|w| 100.0 * w.min(cores)),
        true,
        &[],
        0.0,
    );
    assert!(md.contains("measured, not extrapolated"), "{md}");
    assert_eq!(json["fit"]["best_workers"]["median"], json!(cores));
    SOURCES.with(|s| *s.borrow_mut() = previous);
}

/// The GPU section's simulator rows are judged on their paired rounds: the simulator's time over the
/// loop's per round, an interval, and a target verdict only where the whole interval is on one side of 3x;
/// the opening verdict calls the simulator faster only where the whole interval is below 1.
#[test]
fn gpu_simulator_rows_are_judged_on_paired_rounds() {
    let base = temp_dir("gpu-paired");
    let crit = base.join("criterion");
    std::fs::create_dir_all(crit.join("paired")).expect("dir");
    let write = |name: &str, cpu: &[f64], sim: &[f64]| {
        let list = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{x:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        std::fs::write(
            crit.join(format!("paired/{name}.json")),
            format!(
                r#"{{"name": "{name}", "rounds": {}, "elements": {{"cpu_loop": 1000, "simulator": 1000}},
                "contenders": {{"cpu_loop": [{}], "simulator": [{}]}}}}"#,
                cpu.len(),
                list(cpu),
                list(sim)
            ),
        )
        .expect("written");
    };
    // n = 256: clearly over 3x; 1024: straddles 3x (noisy); 2048: clearly faster than the loop.
    write(
        "gpu_mat_add_256",
        &[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        &[40.0, 41.0, 39.0, 42.0, 40.0, 38.0, 41.0],
    );
    write(
        "gpu_mat_add_1024",
        &[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        &[20.0, 40.0, 25.0, 35.0, 30.0, 45.0, 22.0],
    );
    write(
        "gpu_mat_add_2048",
        &[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        &[5.0, 6.0, 5.5, 6.5, 5.0, 6.0, 5.5],
    );
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: Some(crit),
            peers: base.join("peers"),
            docs: base.join("docs"),
        })
    });
    let section = gpu::section();
    // The same rounds from a loaded run: no target judged, no winner named.
    std::fs::write(
        machine_state_file(),
        json!({"load_before": 9.0, "load_after": 9.0, "steal": 0.0, "other_cores": 1.6,
            "mhz_before": [], "mhz_after": [], "busy": [], "seconds": 10.0, "cpus": 2})
        .to_string(),
    )
    .expect("written");
    let loaded = gpu::section();
    SOURCES.with(|s| *s.borrow_mut() = previous);
    let loaded_md = loaded
        .markdown
        .split("### Saved")
        .next()
        .unwrap_or_default();
    assert!(
        !loaded_md.contains("(met)") && !loaded_md.contains("(MISSED)"),
        "{loaded_md}"
    );
    assert!(
        loaded.json["verdicts"]
            .to_string()
            .contains("not judged, as the run was loaded"),
        "{}",
        loaded.json["verdicts"]
    );
    let md = &section.markdown;
    let row = |n: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| mat_add f32 | {n} |")))
            .unwrap_or_else(|| panic!("row {n} in {md}"))
            .to_string()
    };
    assert!(
        row("256").contains("4.00x (") && row("256").contains("(MISSED)"),
        "{}",
        row("256")
    );
    assert!(
        row("1024").contains("cannot tell at this noise"),
        "{}",
        row("1024")
    );
    assert!(row("2048").contains("(met)"), "{}", row("2048"));
    // criterion did not run: the times come from the paired medians (10 ns x 1000 elements).
    assert!(row("256").contains("| 10.00 µs |"), "{}", row("256"));
    let verdicts = section.json["verdicts"].to_string();
    assert!(
        verdicts.contains("`mat_add_f32`") && verdicts.contains("faster from n = 2048"),
        "{verdicts}"
    );
}

/// An absolute time target is never MISSED on a loaded run (load only adds time, and nothing pairs it
/// away): it says "cannot tell"; a met one stands, and on a quiet run a miss is a miss.
#[test]
fn a_time_target_missed_under_load_cannot_tell() {
    let base = temp_dir("time-target");
    let peers = base.join("peers");
    std::fs::create_dir_all(&peers).expect("dir");
    let state = |other: f64| {
        json!({"load_before": 1.0, "load_after": 1.0, "steal": 0.0, "other_cores": other,
            "mhz_before": [], "mhz_after": [], "busy": [], "seconds": 10.0, "cpus": 2})
    };
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: Some(base.join("criterion")),
            peers: peers.clone(),
            docs: base.join("docs"),
        })
    });
    let iv = stats::Interval {
        median: 6.0,
        lo: 5.5,
        hi: 6.5,
        n: 9,
    };
    let fast = stats::Interval {
        median: 3.0,
        lo: 2.5,
        hi: 3.5,
        n: 9,
    };
    std::fs::write(machine_state_file(), state(1.6).to_string()).expect("written");
    assert!(
        serde_json::from_value::<machine::RunState>(state(1.6)).is_ok(),
        "the test's state parses"
    );
    let loaded = (time_at_most(&iv, 5.0), time_at_most(&fast, 5.0));
    std::fs::write(machine_state_file(), state(0.1).to_string()).expect("written");
    let quiet = time_at_most(&iv, 5.0);
    SOURCES.with(|s| *s.borrow_mut() = previous);
    assert_eq!(
        loaded,
        (stats::Target::CannotTell, stats::Target::Met),
        "loaded run"
    );
    assert_eq!(quiet, stats::Target::Missed, "quiet run");
}

/// A worker-count sweep measured on a loaded machine judges no count: every advice says "cannot tell"
/// (load both starves fewer workers and stalls more of them, which pairing cannot cancel), while the same
/// sweep on a quiet machine still says met for the count at the cores and MISSED for one worker.
#[test]
fn a_loaded_sweep_judges_no_worker_count() {
    let base = temp_dir("loaded-sweep");
    let peers = base.join("peers");
    std::fs::create_dir_all(&peers).expect("dir");
    let state = |other: f64| {
        json!({"load_before": 1.0, "load_after": 1.0, "steal": 0.0, "other_cores": other,
            "mhz_before": [], "mhz_after": [], "busy": [], "seconds": 10.0, "cpus": 2})
    };
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: None,
            peers: peers.clone(),
            docs: base.join("docs"),
        })
    });
    // CPU-bound, linear to the cores and flat above them (at least 2 cores, so one worker is too few).
    let cores = ::pool::usable_cpu_count().max(2);
    let workers: Vec<usize> = [1, cores, 2 * cores, 4 * cores]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let rounds: Vec<Vec<f64>> = (0..9)
        .map(|i| {
            workers
                .iter()
                .map(|&w| 100.0 * w.min(cores) as f64 * (1.0 + 0.01 * ((i * 7 + w) % 5) as f64))
                .collect()
        })
        .collect();
    let advices = [
        scaling::Advice {
            label: "cores".into(),
            workers: cores,
        },
        scaling::Advice {
            label: "one".into(),
            workers: 1,
        },
    ];
    let outcomes = |other: f64| {
        std::fs::write(machine_state_file(), state(other).to_string()).expect("written");
        let (_, json, verdicts) =
            scaling::render("cpu", "loaded.svg", &workers, &rounds, true, &advices, 0.0);
        let judged: Vec<String> = json["judged"]
            .as_array()
            .expect("judged advices")
            .iter()
            .map(|j| j["outcome"].as_str().expect("an outcome").to_string())
            .collect();
        (judged, verdicts)
    };
    let (loaded, loaded_verdicts) = outcomes(1.6);
    let (quiet, quiet_verdicts) = outcomes(0.1);
    SOURCES.with(|s| *s.borrow_mut() = previous);
    let cannot = stats::Target::CannotTell.to_string();
    assert_eq!(loaded, vec![cannot.clone(), cannot.clone()], "loaded run");
    assert_eq!(loaded_verdicts.len(), 2);
    assert!(
        loaded_verdicts
            .iter()
            .all(|v| v.contains(&cannot) && v.contains("the run was loaded")),
        "{loaded_verdicts:?}"
    );
    assert_eq!(
        quiet,
        vec![
            stats::Target::Met.to_string(),
            stats::Target::Missed.to_string()
        ],
        "quiet run: {quiet_verdicts:?}"
    );
}

/// A quick run skips the criterion rows its paired rounds measure, so criterion's files for them can be an
/// older run's: per-task times come from this run's paired rounds first, and the tables' "vs pool"
/// column is the paired rounds' median of per-round ratios (here 2.0x: 3, 2 and 1; the ratio of medians
/// would say 2.1x, the stale criterion files 0.5x), criterion only where no paired rounds ran.
#[test]
fn per_task_rows_prefer_this_runs_paired_rounds_over_stale_criterion_files() {
    let base = temp_dir("stale-criterion");
    let crit = base.join("criterion");
    std::fs::create_dir_all(crit.join("paired")).expect("dir");
    for (id, median) in [
        ("threadpoolexecutor", 200_000.0),
        ("rayon_spawn_channel", 100_000.0),
    ] {
        let dir = crit.join("pool_submit_result").join(id).join("new");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(
            dir.join("estimates.json"),
            json!({"median": {"point_estimate": median}}).to_string(),
        )
        .expect("written");
        std::fs::write(
            dir.join("benchmark.json"),
            json!({"throughput": {"Elements": 1000}}).to_string(),
        )
        .expect("written");
    }
    let previous = SOURCES.with(|s| {
        s.borrow_mut().replace(Sources {
            criterion: Some(crit.clone()),
            peers: base.join("peers"),
            docs: base.join("docs"),
        })
    });
    // Stale criterion files alone: they are what there is.
    assert_eq!(
        per_element("pool_submit_result", "rayon_spawn_channel"),
        Some(100.0)
    );
    std::fs::write(
        crit.join("paired/pool_submit_result.json"),
        r#"{"name": "pool_submit_result", "unit": "ns per element", "order": "rotating", "rounds": 3, "seconds": 1.0,
            "elements": {"threadpoolexecutor": 1000, "rayon_spawn_channel": 1000},
            "contenders": {"threadpoolexecutor": [300.0, 310.0, 290.0], "rayon_spawn_channel": [900.0, 620.0, 290.0]}}"#,
    )
    .expect("written");
    let rayon = per_element("pool_submit_result", "rayon_spawn_channel");
    let pool_md = pool::section().markdown;
    let summary_md = summary::section(&[]).markdown;
    SOURCES.with(|s| *s.borrow_mut() = previous);
    assert_eq!(rayon, Some(620.0));
    for md in [&pool_md, &summary_md] {
        let row = md
            .lines()
            .find(|l| l.contains("`rayon::spawn` + ") && l.matches('|').count() == 4)
            .unwrap_or_else(|| panic!("a rayon row in {md}"));
        assert!(
            row.contains("620.0 ns") && row.contains("| 2.0x |"),
            "{row}"
        );
    }
}
