//! Helpers shared by the integration tests: a small seeded generator for fresh random inputs (the seed is
//! printed so a failure can be replayed with `GPU_TEST_SEED`), and the poison values written into outputs.

#![allow(dead_code)]

/// xorshift64*: enough randomness for test inputs, no dependency.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn fresh(test: &str) -> Rng {
        let seed = std::env::var("GPU_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            })
            | 1;
        eprintln!("{test}: GPU_TEST_SEED={seed}");
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn f32s(&mut self, n: usize) -> Vec<f32> {
        (0..n)
            .map(|_| (self.next() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0)
            .collect()
    }

    pub fn f64s(&mut self, n: usize) -> Vec<f64> {
        (0..n)
            .map(|_| (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0)
            .collect()
    }

    pub fn i64s(&mut self, n: usize) -> Vec<i64> {
        (0..n)
            .map(|_| (self.next() >> 2) as i64 - (1i64 << 60))
            .collect()
    }

    pub fn i32s(&mut self, n: usize) -> Vec<i32> {
        (0..n)
            .map(|_| (self.next() >> 34) as i32 - (1 << 29))
            .collect()
    }
}

pub const POISON_F32: f32 = -7.77e30;
pub const POISON_U32: u32 = 0xDEAD_BEEF;
