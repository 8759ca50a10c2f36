// mat_add: the seed's numba kernel, C[i, j] = A[i, j] + B[i, j], over a 2-D grid in which x runs along the
// columns (numba's `j, i = cuda.grid(2)`). Threads outside the array do nothing. The simulator's twin is
// `mat_add` in src/kernels.rs. Compiled to mat_add.ptx by `cargo xtask kernels`.

template <typename T>
__device__ void mat_add(const T *a, const T *b, T *c, unsigned rows, unsigned cols) {
    unsigned j = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i < rows && j < cols) {
        size_t k = (size_t)i * cols + j;
        c[k] = a[k] + b[k];
    }
}

extern "C" __global__ void mat_add_i32(const int *a, const int *b, int *c, unsigned rows, unsigned cols) {
    mat_add(a, b, c, rows, cols);
}
extern "C" __global__ void mat_add_i64(const long long *a, const long long *b, long long *c, unsigned rows,
                                       unsigned cols) {
    mat_add(a, b, c, rows, cols);
}
extern "C" __global__ void mat_add_f32(const float *a, const float *b, float *c, unsigned rows, unsigned cols) {
    mat_add(a, b, c, rows, cols);
}
extern "C" __global__ void mat_add_f64(const double *a, const double *b, double *c, unsigned rows,
                                       unsigned cols) {
    mat_add(a, b, c, rows, cols);
}
