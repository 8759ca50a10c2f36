//! SVG line charts for the report's sweeps (plotters' SVG backend: no font or image libraries needed).

use anyhow::{Context, Result};
use plotters::prelude::*;
use std::path::Path;

/// One line of a chart: a label and its (x, y) points.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

/// How a chart is laid out.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub log_x: bool,
    pub log_y: bool,
}

const COLORS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn range(values: impl Iterator<Item = f64>, log: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && (!log || *v > 0.0)) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (1.0, 10.0);
    }
    if log {
        (lo / 1.5, hi * 1.5)
    } else {
        let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.05).max(1e-9);
        (
            (lo - pad)
                .min(0.0)
                .max(if lo >= 0.0 { 0.0 } else { lo - pad }),
            hi + pad,
        )
    }
}

/// Draws `series` into an SVG file at `path`.
pub fn line_chart(path: &Path, chart: &Chart<'_>, series: &[Series]) -> Result<()> {
    chart_with_curves(path, chart, series, &[])
}

/// Draws `series` (lines through marked points) and `curves` (smooth lines without markers, such as a
/// fitted model, dashed) into an SVG file at `path`.
pub fn chart_with_curves(
    path: &Path,
    chart: &Chart<'_>,
    series: &[Series],
    curves: &[Series],
) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
    }
    let all = || series.iter().chain(curves);
    let (x0, x1) = range(
        all().flat_map(|s| s.points.iter().map(|p| p.0)),
        chart.log_x,
    );
    let (y0, y1) = range(
        all().flat_map(|s| s.points.iter().map(|p| p.1)),
        chart.log_y,
    );
    let root = SVGBackend::new(path, (720, 420)).into_drawing_area();
    let draw = || -> Result<(), Box<dyn std::error::Error + '_>> {
        root.fill(&WHITE)?;
        let mut builder = ChartBuilder::on(&root);
        builder
            .caption(chart.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(70);
        macro_rules! finish {
            ($ctx:expr) => {{
                let mut ctx = $ctx;
                ctx.configure_mesh()
                    .x_desc(chart.x_label)
                    .y_desc(chart.y_label)
                    .draw()?;
                for (i, s) in series.iter().enumerate() {
                    let color = COLORS[i % COLORS.len()];
                    ctx.draw_series(LineSeries::new(
                        s.points.iter().copied(),
                        color.stroke_width(2),
                    ))?
                    .label(s.label.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                    });
                    ctx.draw_series(s.points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
                }
                for (i, s) in curves.iter().enumerate() {
                    let color = COLORS[(series.len() + i) % COLORS.len()];
                    let points: Vec<(f64, f64)> = s
                        .points
                        .iter()
                        .copied()
                        .filter(|p| p.1.is_finite())
                        .collect();
                    ctx.draw_series(DashedLineSeries::new(
                        points,
                        6,
                        4,
                        color.stroke_width(2).into(),
                    ))?
                    .label(s.label.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                    });
                }
                ctx.configure_series_labels()
                    .border_style(BLACK)
                    .background_style(WHITE.mix(0.85))
                    .draw()?;
            }};
        }
        match (chart.log_x, chart.log_y) {
            (false, false) => finish!(builder.build_cartesian_2d(x0..x1, y0..y1)?),
            (true, false) => finish!(builder.build_cartesian_2d((x0..x1).log_scale(), y0..y1)?),
            (false, true) => finish!(builder.build_cartesian_2d(x0..x1, (y0..y1).log_scale())?),
            (true, true) => {
                finish!(builder.build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())?)
            }
        }
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| anyhow::anyhow!("could not draw {}: {e}", path.display()))
}
