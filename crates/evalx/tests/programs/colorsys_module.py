# colorsys: RGB to and from YIQ, HLS and HSV over a grid of colours (CPython's floats, digit for digit).
import colorsys

steps = [0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0]
for r in steps[::3]:
    for g in steps[::2]:
        for b in steps[1::3]:
            yiq = colorsys.rgb_to_yiq(r, g, b)
            hls = colorsys.rgb_to_hls(r, g, b)
            hsv = colorsys.rgb_to_hsv(r, g, b)
            print((r, g, b), yiq, hls, hsv)
            print("  back", colorsys.yiq_to_rgb(*yiq), colorsys.hls_to_rgb(*hls), colorsys.hsv_to_rgb(*hsv))
for h in [0.0, 0.1, 0.2, 0.4, 0.55, 0.7, 0.9, 1.0, 1.3, -0.2]:
    print(h, colorsys.hsv_to_rgb(h, 0.8, 0.6), colorsys.hls_to_rgb(h, 0.3, 0.7), colorsys.hls_to_rgb(h, 0.7, 0.4))
print(colorsys.rgb_to_hsv(1, 0, 0), colorsys.rgb_to_hls(0, 0, 0), colorsys.rgb_to_hls(1, 1, 1))
print(colorsys.yiq_to_rgb(1.0, 0.9, -0.9), colorsys.hsv_to_rgb(0.5, 0.0, 0.4), colorsys.hls_to_rgb(0.5, 0.2, 0.0))
print(colorsys.ONE_THIRD, colorsys.ONE_SIXTH, colorsys.TWO_THIRD)
