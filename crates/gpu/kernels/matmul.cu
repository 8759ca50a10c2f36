// matmul_f32: C (m x n) = A (m x k) * B (k x n), row-major, tiled through shared memory: each 16 x 16 block
// stages one tile of A and one of B, synchronises, accumulates, synchronises again. Launch with 16 x 16
// blocks (src/kernels.rs does). The simulator's twin runs its threads as coroutines for the barriers.

#define TILE 16

extern "C" __global__ void matmul_f32(const float *a, const float *b, float *c, unsigned m, unsigned k,
                                      unsigned n) {
    __shared__ float ta[TILE][TILE];
    __shared__ float tb[TILE][TILE];
    unsigned tx = threadIdx.x, ty = threadIdx.y;
    unsigned col = blockIdx.x * TILE + tx;
    unsigned row = blockIdx.y * TILE + ty;
    float acc = 0.0f;
    for (unsigned t = 0; t < (k + TILE - 1) / TILE; ++t) {
        unsigned ac = t * TILE + tx;
        unsigned br = t * TILE + ty;
        ta[ty][tx] = (row < m && ac < k) ? a[(size_t)row * k + ac] : 0.0f;
        tb[ty][tx] = (br < k && col < n) ? b[(size_t)br * n + col] : 0.0f;
        __syncthreads();
        for (unsigned e = 0; e < TILE; ++e) {
            acc += ta[ty][e] * tb[e][tx];
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[(size_t)row * n + col] = acc;
    }
}
