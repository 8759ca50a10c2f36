//! The plain form of barrier-free `#[gpu::kernel]` launches (non-atomic, vectorisable memory): the kernels it
//! admits give the results of the atomic form (the race-checked launch is the reference: it records every
//! access, so it never runs in plain form), the kernels and arrays it must refuse run in the atomic form, and
//! host copies racing with plain launches neither race nor hang.

use gpu::{Array1, Array2, Array3, Device, DeviceArray, Error, LaunchConfig, kernel};
use std::sync::mpsc;
use std::time::Duration;

#[kernel(T = [f32, i64])]
fn add2<T>(a: Array2<T>, b: Array2<T>, c: Array2<T>) {
    let (j, i) = grid2();
    if i < c.shape(0) && j < c.shape(1) {
        c[(i, j)] = a[(i, j)] + b[(i, j)];
    }
}

/// Reads the read-only array off the own index (a neighbour), accumulates into the written one.
#[kernel]
fn smooth_accumulate(a: Array1<f32>, out: Array1<f32>, w: f32) {
    let i = grid1();
    if i < out.len() {
        let right = if i + 1 < a.len() { a[i + 1] } else { 0.0 };
        out[i] += w * (a[i] + right);
    }
}

/// A 3-D kernel with an early return and a local loop.
#[kernel]
fn cube(a: Array3<i64>, c: Array3<i64>) {
    let (x, y, z) = grid3();
    if z >= c.shape(0) || y >= c.shape(1) || x >= c.shape(2) {
        return;
    }
    let mut s = 0i64;
    for k in 0..3 {
        s += a[(z, y, x)] * k as i64;
    }
    c[(z, y, x)] = s + (x + 10 * y + 100 * z) as i64;
}

/// Writes a 1-D array from every row of a 2-D grid: threads of different rows share an element.
#[kernel]
fn rows_into_one(a: Array2<f32>, out: Array1<f32>) {
    let (j, i) = grid2();
    if i < a.shape(0) && j < out.len() {
        out[j] = a[(i, j)];
    }
}

/// Reads a neighbour of the array it writes: never plain.
#[kernel]
fn shift_left(c: Array1<f32>) {
    let i = grid1();
    if i + 1 < c.len() {
        c[i] = c[i + 1];
    }
}

/// `c += a`, elementwise.
#[kernel]
fn accumulate(a: Array2<f32>, c: Array2<f32>) {
    let (j, i) = grid2();
    if i < c.shape(0) && j < c.shape(1) {
        c[(i, j)] += a[(i, j)];
    }
}

/// No bounds test: threads past the end fault.
#[kernel]
fn unguarded(c: Array2<f32>) {
    let (j, i) = grid2();
    c[(i, j)] = 1.0;
}

fn data(n: usize, salt: usize) -> Vec<f32> {
    (0..n)
        .map(|k| ((k * 37 + salt) % 101) as f32 * 0.5)
        .collect()
}

/// Runs `launch` on a fresh simulator with the race check on (the atomic reference) and off; returns both
/// results of `read` and the number of plain launches of the second run.
fn both<R: PartialEq + std::fmt::Debug>(
    launch: impl Fn(&Device) -> Result<R, Error>,
) -> Result<(R, R, u64), Error> {
    let reference = Device::simulator();
    reference.set_racecheck(true);
    let checked = launch(&reference)?;
    assert_eq!(reference.plain_launches(), 0);
    let device = Device::simulator();
    device.set_racecheck(false);
    let plain = launch(&device)?;
    Ok((checked, plain, device.plain_launches()))
}

#[test]
fn admitted_kernels_give_the_atomic_forms_results() -> Result<(), Error> {
    // Odd extents and a grid that overhangs them on both axes; blocks narrower than a row, and wider.
    for (rows, cols, block) in [(37, 53, (16, 16)), (5, 300, (128, 2)), (1, 7, (32, 1))] {
        let (checked, plain, n) = both(|d| {
            let a = d.to_device(&data(rows * cols, 1), &[rows, cols])?;
            let b = d.to_device(&data(rows * cols, 2), &[rows, cols])?;
            let c = d.zeros::<f32>(&[rows, cols])?;
            add2.launch(&LaunchConfig::for_matrix(rows, cols, block), (&a, &b, &c))?;
            c.copy_to_host()
        })?;
        assert_eq!(checked, plain, "{rows} x {cols}");
        assert_eq!(n, 1);
    }
    let (checked, plain, n) = both(|d| {
        let a = d.to_device(&[1i64, 2, 3, 4], &[2, 2])?;
        let c = d.zeros::<i64>(&[2, 2])?;
        add2.launch(&LaunchConfig::new((1, 1), (8, 8)), (&a, &a, &c))?;
        c.copy_to_host()
    })?;
    assert_eq!((checked.clone(), n), (vec![2, 4, 6, 8], 1));
    assert_eq!(checked, plain);

    let (checked, plain, n) = both(|d| {
        let n = 1000;
        let a = d.to_device(&data(n, 3), &[n])?;
        let out = d.to_device(&data(n, 4), &[n])?;
        let cfg = LaunchConfig::for_elements(n, 96);
        smooth_accumulate.launch(&cfg, (&a, &out, 0.25))?;
        smooth_accumulate.launch(&cfg, (&a, &out, 0.5))?;
        out.copy_to_host()
    })?;
    assert_eq!(checked, plain);
    assert_eq!(n, 2);

    let (checked, plain, n) = both(|d| {
        let shape = [3, 5, 7];
        let a: Vec<i64> = (0..105).collect();
        let a = d.to_device(&a, &shape)?;
        let c = d.zeros::<i64>(&shape)?;
        cube.launch(&LaunchConfig::new((2, 2, 2), (4, 4, 2)), (&a, &c))?;
        c.copy_to_host()
    })?;
    assert_eq!(checked, plain);
    assert_eq!(checked[104], 104 * 3 + 6 + 40 + 200);
    assert_eq!(n, 1);
    Ok(())
}

#[test]
fn what_the_plain_form_cannot_prove_runs_atomic() -> Result<(), Error> {
    // Every row of the grid writes the same elements of a 1-D array.
    let (checked, plain, n) = both(|d| {
        let a = d.to_device(&[1.0f32, 2.0, 3.0, 4.0], &[1, 4])?;
        let out = d.zeros::<f32>(&[4])?;
        rows_into_one.launch(&LaunchConfig::new((1, 1), (4, 1)), (&a, &out))?;
        out.copy_to_host()
    })?;
    assert_eq!((checked.clone(), n), (vec![1.0, 2.0, 3.0, 4.0], 1));
    assert_eq!(checked, plain);
    // (The race check reports this one: the reference is the form, not the result.)
    let device = Device::simulator();
    device.set_racecheck(false);
    let a = device.to_device(&[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], &[2, 4])?;
    let out = device.zeros::<f32>(&[4])?;
    rows_into_one.launch(&LaunchConfig::new((1, 1), (4, 2)), (&a, &out))?;
    assert_eq!(
        device.plain_launches(),
        0,
        "a 1-D array written from two grid rows"
    );
    let last = out.copy_to_host()?;
    assert!(
        last == [1.0, 2.0, 3.0, 4.0] || last == [5.0, 6.0, 7.0, 8.0],
        "{last:?}"
    );

    // A kernel reading another thread's element of the array it writes.
    let (_, _, n) = both(|d| {
        let c = d.to_device(&[1.0f32, 2.0, 3.0], &[3])?;
        shift_left.launch(&LaunchConfig::new(1, 1), (&c,))?;
        c.copy_to_host()
    })?;
    assert_eq!(n, 0);

    // The same array read and written, and an array whose view the program holds.
    let device = Device::simulator();
    device.set_racecheck(false);
    let a = device.to_device(&[1.0f32, 2.0, 3.0, 4.0], &[2, 2])?;
    add2.launch(&LaunchConfig::new(1, (2, 2)), (&a, &a, &a))?;
    assert_eq!(a.copy_to_host()?, [2.0, 4.0, 6.0, 8.0]);
    assert_eq!(device.plain_launches(), 0);
    let c = device.zeros::<f32>(&[2, 2])?;
    add2.launch(&LaunchConfig::new(1, (2, 2)), (&a, &a, &c))?;
    assert_eq!(device.plain_launches(), 1);
    let view = c.view()?;
    add2.launch(&LaunchConfig::new(1, (2, 2)), (&a, &a, &c))?;
    assert_eq!(device.plain_launches(), 1, "c escaped");
    assert_eq!(view.get(3), 16.0);
    Ok(())
}

#[test]
fn faults_in_plain_form_name_the_thread_and_line() -> Result<(), Error> {
    let device = Device::simulator();
    device.set_racecheck(false);
    let c = device.zeros::<f32>(&[3, 5])?;
    let err = unguarded
        .launch(&LaunchConfig::new((1, 1), (8, 4)), (&c,))
        .expect_err("column 5 is past the end");
    assert_eq!(device.plain_launches(), 1);
    let text = err.to_string();
    assert!(
        text.contains(
            "tid=[5, 0, 0] ctaid=[0, 0, 0]: index 5 is out of bounds for axis 1 with size 5"
        ),
        "{text}"
    );
    let line = include_str!("plain_form.rs")
        .lines()
        .position(|l| l.trim() == "c[(i, j)] = 1.0;")
        .map(|k| k + 1)
        .expect("the line");
    assert!(text.contains(&format!("plain_form.rs:{line}:")), "{text}");
    Ok(())
}

/// Host copies of the arrays from another thread while launches read and write them: the copies wait for a
/// plain launch (or make it run atomic), nothing hangs, and no update is lost.
#[test]
fn host_copies_racing_plain_launches_wait_for_them() -> Result<(), Error> {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let result = (|| -> Result<(), Error> {
            let device = Device::simulator();
            device.set_racecheck(false);
            let (rows, cols) = (64, 256);
            let ones = device.to_device(&vec![1.0f32; rows * cols], &[rows, cols])?;
            let c: DeviceArray<f32> = device.zeros(&[rows, cols])?;
            let cfg = LaunchConfig::for_matrix(rows, cols, (32, 4));
            std::thread::scope(|s| -> Result<(), Error> {
                let reader = s.spawn(|| -> Result<(), Error> {
                    for _ in 0..200 {
                        let seen = c.copy_to_host()?;
                        assert!(seen.iter().all(|&v| (0.0..=200.0).contains(&v)));
                        ones.copy_from_host(&vec![1.0f32; rows * cols])?;
                    }
                    Ok(())
                });
                for _ in 0..200 {
                    accumulate.launch(&cfg, (&ones, &c))?;
                }
                reader.join().expect("the reader")
            })?;
            assert!(c.copy_to_host()?.iter().all(|&v| v == 200.0));
            Ok(())
        })();
        let _ = done.send(result);
    });
    finished
        .recv_timeout(Duration::from_secs(120))
        .expect("no hang")
}

/// `out[i] = alpha * x[i] + y[i]` over a grid-stride loop, the stride bound once.
#[kernel]
fn stride_saxpy(alpha: f32, x: Array1<f32>, y: Array1<f32>, out: Array1<f32>) {
    let stride = gridsize1();
    let mut i = grid1();
    while i < out.len() {
        out[i] = alpha * x[i] + y[i];
        i += stride;
    }
}

/// The `for` form, a scalar bound (which may pass the arrays' end) and a read of a neighbour.
#[kernel]
fn stride_for(n: usize, a: Array1<i64>, out: Array1<i64>) {
    for i in (grid1()..n).step_by(gridsize1()) {
        let next = if i + 1 < a.len() { a[i + 1] } else { 0 };
        out[i] += a[i] * 3 + next + i as i64;
    }
}

/// `i += gridsize1()` and a local loop inside the body.
#[kernel]
fn stride_inline(out: Array1<i64>) {
    let mut i = grid1();
    while i < out.len() {
        let mut s = 0i64;
        for k in 0..4 {
            s += (k * i) as i64;
        }
        out[i] = s;
        i += gridsize1();
    }
}

/// Writes the next pass's element: another thread's. Never plain.
#[kernel]
fn stride_ahead(out: Array1<i64>) {
    let s = gridsize1();
    let mut i = grid1();
    while i < out.len() {
        if i + s < out.len() {
            out[i + s] = i as i64;
        }
        i += s;
    }
}

/// Steps twice in one pass: the loop variable is assigned in the body. Never plain.
#[kernel]
fn stride_twice(out: Array1<i64>) {
    let s = gridsize1();
    let mut i = grid1();
    while i < out.len() {
        out[i] = 1;
        i += s;
        if i < out.len() {
            out[i] = 2;
        }
        i += s;
    }
}

/// Half a stride: threads share elements. Never plain.
#[kernel]
fn stride_half(out: Array1<i64>) {
    let s = gridsize1() / 2;
    let mut i = grid1();
    while i < out.len() {
        out[i] = i as i64;
        i += s;
    }
}

#[test]
fn grid_stride_loops_run_plain_and_give_the_atomic_forms_results() -> Result<(), Error> {
    // One pass per thread, several full passes, a ragged last pass, a grid wider than the data.
    for (n, blocks, block) in [(1000, 8, 128), (1000, 3, 32), (1 << 12, 4, 64), (5, 2, 64)] {
        let cfg = LaunchConfig::new(blocks, block);
        let (checked, plain, count) = both(|d| {
            let x = d.to_device(&data(n, 5), &[n])?;
            let y = d.to_device(&data(n, 6), &[n])?;
            let out = d.zeros::<f32>(&[n])?;
            stride_saxpy.launch(&cfg, (1.5, &x, &y, &out))?;
            out.copy_to_host()
        })?;
        assert_eq!(checked, plain, "{n} over {blocks} x {block}");
        assert_eq!(count, 1);
        let want: Vec<f32> = (0..n)
            .map(|k| 1.5 * data(n, 5)[k] + data(n, 6)[k])
            .collect();
        assert_eq!(plain, want);

        for bound in [n, n / 2] {
            let (checked, plain, count) = both(|d| {
                let a: Vec<i64> = (0..n as i64).map(|v| v * 7 % 13).collect();
                let a = d.to_device(&a, &[n])?;
                let out = d.to_device(&vec![1i64; n], &[n])?;
                stride_for.launch(&cfg, (bound, &a, &out))?;
                stride_inline.launch(&cfg, (&a,))?;
                let mut r = out.copy_to_host()?;
                r.extend(a.copy_to_host()?);
                Ok(r)
            })?;
            assert_eq!(checked, plain, "{n} below {bound}");
            assert_eq!(count, 2);
            assert_eq!(plain[n + n - 1], 6 * (n as i64 - 1));
        }
    }
    Ok(())
}

#[test]
fn grid_stride_loops_that_reach_other_threads_elements_run_atomic() -> Result<(), Error> {
    let cfg = LaunchConfig::new(2, 32);
    let run = |name: &str, launch: &dyn Fn(&DeviceArray<i64>) -> Result<(), Error>| {
        let (checked, plain, count) = both(|d| {
            let out = d.zeros::<i64>(&[300])?;
            launch(&out)?;
            out.copy_to_host()
        })?;
        // `half` races (two threads write one element, the same value): the results still agree.
        assert_eq!(checked, plain, "{name}");
        assert_eq!(count, 0, "{name}");
        Ok::<_, Error>(())
    };
    run("ahead", &|out| stride_ahead.launch(&cfg, (out,)))?;
    run("twice", &|out| stride_twice.launch(&cfg, (out,)))?;
    run("half", &|out| stride_half.launch(&cfg, (out,)))?;
    Ok(())
}

#[test]
fn a_grid_stride_loop_past_the_arrays_end_faults_with_thread_and_line() -> Result<(), Error> {
    let device = Device::simulator();
    device.set_racecheck(false);
    let a = device.to_device(&[1i64; 100], &[100])?;
    let out = device.zeros::<i64>(&[100])?;
    let err = stride_for
        .launch(&LaunchConfig::new(2, 32), (130, &a, &out))
        .expect_err("130 is past the end");
    assert_eq!(device.plain_launches(), 1);
    let text = err.to_string();
    // Thread 36 (block 1, thread 4) reaches index 100 in its second pass.
    assert!(
        text.contains(
            "tid=[4, 0, 0] ctaid=[1, 0, 0]: index 100 is out of bounds for axis 0 with size 100"
        ),
        "{text}"
    );
    let line = include_str!("plain_form.rs")
        .lines()
        .position(|l| l.trim() == "out[i] += a[i] * 3 + next + i as i64;")
        .map(|k| k + 1)
        .expect("the line");
    assert!(text.contains(&format!("plain_form.rs:{line}:")), "{text}");
    Ok(())
}

#[test]
fn the_librarys_saxpy_runs_plain_on_one_dimensional_arrays() -> Result<(), Error> {
    let n = 3000;
    for cfg in [
        LaunchConfig::for_elements(n, 256),
        LaunchConfig::new(2, 128),
    ] {
        let (checked, plain, count) = both(|d| {
            let x = d.to_device(&data(n, 7), &[n])?;
            let y = d.to_device(&data(n, 8), &[n])?;
            let out = d.zeros::<f32>(&[n])?;
            gpu::kernels::saxpy(&cfg, 2.5, &x, &y, &out)?;
            out.copy_to_host()
        })?;
        assert_eq!(checked, plain);
        assert_eq!(count, 1);
    }
    Ok(())
}
