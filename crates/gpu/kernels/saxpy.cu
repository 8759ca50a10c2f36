// saxpy: out[i] = alpha * x[i] + y[i] with a grid-stride loop (numba's `cuda.gridsize(1)` idiom), so any grid
// covers any length. The simulator's twin is `saxpy` in src/kernels.rs. Compiled with -fmad=false, so the
// multiply and the add round separately, exactly as in Rust.

extern "C" __global__ void saxpy(float alpha, const float *x, const float *y, float *out, unsigned long long n) {
    unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;
    for (unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        out[i] = alpha * x[i] + y[i];
    }
}
