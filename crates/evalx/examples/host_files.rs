//! A program that reads and writes files the host mounted: a read-only input folder and an in-memory output
//! folder whose files the host reads afterwards; the clock is fixed and `sleep` is virtual.
//!
//! `cargo run -p evalx --example host_files`

use evalx::hostenv::{Clock, Sleep};
use evalx::vfs::{MemoryFs, MountMode};
use evalx::{Interpreter, ModulePolicy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input = std::env::temp_dir().join(format!("evalx-example-{}", std::process::id()));
    std::fs::create_dir_all(&input)?;
    std::fs::write(input.join("scores.csv"), "name,score\nada,9\nbob,7\n")?;
    let out = MemoryFs::new();
    let policy = ModulePolicy::standard()
        .mount("/in", &input, MountMode::ReadOnly)?
        .mount_memory("/out", out.clone())?
        .clock(Clock::Fixed(1_700_000_000.0))
        .sleep(Sleep::Virtual);
    let mut py = Interpreter::new();
    py.set_module_policy(policy);
    py.exec(
        r#"
import csv, json, time, datetime
from pathlib import Path
rows = list(csv.DictReader(open('/in/scores.csv')))
time.sleep(3600)
report = {'best': max(rows, key=lambda r: int(r['score']))['name'], 'at': str(datetime.datetime.now())}
Path('/out/report.json').write_text(json.dumps(report))
try:
    open('/in/new.txt', 'w')
except PermissionError as e:
    print('refused:', e)
"#,
        None,
        None,
    )?;
    let report = out.read("report.json").unwrap_or_default();
    println!("host reads: {}", String::from_utf8_lossy(&report));
    std::fs::remove_dir_all(&input)?;
    Ok(())
}
