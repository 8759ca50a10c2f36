// mandelbrot: escape-time iteration counts of the Mandelbrot set, one thread per pixel of a height x width
// image; pixel (px, py) is the point (x0 + px * dx, y0 + py * dy). Used by the viewer and the report. Compiled
// with -fmad=false so that counts match the simulator's Rust twin exactly.

extern "C" __global__ void mandelbrot(unsigned *out, unsigned width, unsigned height, float x0, float y0, float dx,
                                      float dy, unsigned max_iter) {
    unsigned px = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned py = blockIdx.y * blockDim.y + threadIdx.y;
    if (px >= width || py >= height) {
        return;
    }
    float cr = x0 + (float)px * dx;
    float ci = y0 + (float)py * dy;
    float zr = 0.0f, zi = 0.0f;
    unsigned it = 0;
    while (it < max_iter && zr * zr + zi * zi <= 4.0f) {
        float t = zr * zr - zi * zi + cr;
        zi = 2.0f * zr * zi + ci;
        zr = t;
        ++it;
    }
    out[(size_t)py * width + px] = it;
}
