//! Faults in the span form of `#[gpu::kernel]` (barrier-free kernels, one loop per run of threads): the fast
//! loops keep the running thread in a register, and a second copy of the loop serves arrays that share one
//! shape; a fault must still name the thread that made it, its block, and the kernel's line, with the race
//! check on and off, whichever copy runs.

use gpu::{Array1, Array2, Device, Error, LaunchConfig, atomic, kernel};

/// Thread (x 5, y 1) reads three columns further than the others: past `a` when `a` has 6 or 7 columns.
#[kernel]
fn shifted_copy(a: Array2<f32>, b: Array2<f32>) {
    let (j, i) = grid2();
    if i < b.shape(0) && j < b.shape(1) {
        let extra: usize = if i == 1 && j == 5 { 3 } else { 0 };
        b[(i, j)] = a[(i, j + extra)] + 1.0;
    }
}

/// Thread 5 (block 1, thread 1) adds to a bin past the end.
#[kernel]
fn binning(x: Array1<u32>, bins: Array1<u32>) {
    let i = grid1();
    if i < x.len() {
        atomic::add(&bins, x[i] as usize, 1);
    }
}

/// Threads 6 and 7 read past `x` (noted in the loop, reported at the span's end) in a kernel with atomics.
#[kernel]
fn binning_past(x: Array1<u32>, bins: Array1<u32>) {
    let i = grid1();
    if i < 8 {
        atomic::add(&bins, (x[i + 2] % 4) as usize, 1);
    }
}

/// Thread 6 writes one past `out`, in a 1-D kernel whose two arrays have one length.
#[kernel]
fn one_past(x: Array1<f32>, out: Array1<f32>) {
    let i = grid1();
    if i < out.len() {
        let k = if i == 6 { out.len() } else { i };
        out[k] = x[i] * 2.0;
    }
}

fn line_of(text: &str) -> usize {
    include_str!("span_faults.rs")
        .lines()
        .position(|l| l.trim() == text)
        .map(|i| i + 1)
        .expect("the kernel's line")
}

#[test]
fn a_span_kernels_fault_names_its_thread_with_shared_and_different_shapes() -> Result<(), Error> {
    let device = Device::simulator();
    for racecheck in [false, true] {
        device.set_racecheck(racecheck);
        // b is 2 x 6; a is 2 x 6 (one shape: the shared-extent loop) or 2 x 7.
        for cols_a in [6usize, 7] {
            let host: Vec<f32> = (0..2 * cols_a).map(|k| k as f32).collect();
            let a = device.to_device(&host, &[2, cols_a])?;
            let b = device.zeros::<f32>(&[2, 6])?;
            let err = shifted_copy
                .launch(&LaunchConfig::new((2, 1), (4, 2)), (&a, &b))
                .expect_err("a[1, 8]");
            let text = err.to_string();
            assert!(
                text.contains(&format!(
                    "tid=[1, 1, 0] ctaid=[1, 0, 0]: index 8 is out of bounds for axis 1 with size {cols_a}"
                )),
                "racecheck {racecheck}, a 2 x {cols_a}: {text}"
            );
            let line = line_of("b[(i, j)] = a[(i, j + extra)] + 1.0;");
            assert!(text.contains(&format!("span_faults.rs:{line}:")), "{text}");
            // Every other thread ran; the faulting read gave zero.
            let mut expected: Vec<f32> = (0..2)
                .flat_map(|i| (0..6).map(move |j| (i * cols_a + j) as f32 + 1.0))
                .collect();
            expected[6 + 5] = 1.0;
            assert_eq!(b.copy_to_host()?, expected, "racecheck {racecheck}");
        }

        let x = device.to_device(&[0u32, 1, 2, 3, 0, 9, 1, 2], &[8])?;
        let bins = device.zeros::<u32>(&[4])?;
        let text = binning
            .launch(&LaunchConfig::new(2, 4), (&x, &bins))
            .expect_err("bins[9]")
            .to_string();
        assert!(
            text.contains("tid=[1, 0, 0] ctaid=[1, 0, 0]: index 9 is out of bounds"),
            "racecheck {racecheck}: {text}"
        );
        assert_eq!(bins.copy_to_host()?, [2, 2, 2, 1]);
        let bins = device.zeros::<u32>(&[4])?;
        let text = binning_past
            .launch(&LaunchConfig::new(2, 4), (&x, &bins))
            .expect_err("x[8]")
            .to_string();
        assert!(
            text.contains(
                "tid=[2, 0, 0] ctaid=[1, 0, 0]: index 8 is out of bounds for axis 0 with size 8"
            ),
            "racecheck {racecheck}: {text}"
        );
        // x[2..8] is 2, 3, 0, 9, 1, 2 (bins 2, 3, 0, 1, 1, 2); threads 6 and 7 read zero (bin 0).
        assert_eq!(bins.copy_to_host()?, [3, 2, 2, 1]);

        let x = device.to_device(&[1.0f32; 8], &[8])?;
        let out = device.zeros::<f32>(&[8])?;
        let text = one_past
            .launch(&LaunchConfig::new(2, 4), (&x, &out))
            .expect_err("out[8]")
            .to_string();
        assert!(
            text.contains(
                "tid=[2, 0, 0] ctaid=[1, 0, 0]: index 8 is out of bounds for axis 0 with size 8"
            ),
            "racecheck {racecheck}: {text}"
        );
        let line = line_of("out[k] = x[i] * 2.0;");
        assert!(text.contains(&format!("span_faults.rs:{line}:")), "{text}");
        assert_eq!(
            out.copy_to_host()?,
            [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 2.0]
        );
    }
    Ok(())
}

#[test]
fn a_span_kernel_over_arrays_of_one_shape_matches_plain_rust() -> Result<(), Error> {
    let device = Device::simulator();
    device.set_racecheck(false);
    // Arrays of one shape, and a grid that overhangs them.
    let (rows, cols) = (37, 53);
    let host: Vec<f32> = (0..rows * cols).map(|k| (k * 7 % 101) as f32).collect();
    let a = device.to_device(&host, &[rows, cols])?;
    let b = device.zeros::<f32>(&[rows, cols])?;
    shifted_copy.launch(&LaunchConfig::for_matrix(rows, cols, (16, 16)), (&a, &b))?;
    let expected: Vec<f32> = (0..rows * cols)
        .map(|k| {
            let (i, j) = (k / cols, k % cols);
            if i == 1 && j == 5 {
                host[i * cols + j + 3] + 1.0
            } else {
                host[k] + 1.0
            }
        })
        .collect();
    assert_eq!(b.copy_to_host()?, expected);
    Ok(())
}
