// block_sum_f32: each block sums a grid-stride share of x into dynamic shared memory (`extern __shared__`,
// blockDim.x floats), reduces it as a tree with a barrier per level, and thread 0 writes partial[blockIdx.x].
// blockDim.x must be a power of two (src/kernels.rs checks). The host adds the partial sums.

extern "C" __global__ void block_sum_f32(const float *x, float *partial, unsigned long long n) {
    extern __shared__ float sh[];
    unsigned tid = threadIdx.x;
    unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;
    float acc = 0.0f;
    for (unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + tid; i < n; i += stride) {
        acc += x[i];
    }
    sh[tid] = acc;
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
        if (tid < s) {
            sh[tid] += sh[tid + s];
        }
        __syncthreads();
    }
    if (tid == 0) {
        partial[blockIdx.x] = sh[0];
    }
}
