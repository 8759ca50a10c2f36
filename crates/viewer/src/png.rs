//! `imwrite`: saving an image as PNG, the answer for programs with no display. The file is written beside
//! its destination and renamed into place, so a failure never leaves a truncated file over an existing one.

use crate::Error;
use crate::image::{Channels, Image, Sample};
use std::any::TypeId;
use std::io::Write as _;
use std::path::Path;

/// Writes `image` to `path` as PNG (the extension must be `.png`, any case).
///
/// u8 images are written exactly; u16 images as 16-bit PNG; f32/f64 images as 8-bit, scaled exactly as
/// `imshow` shows them (0.0..=1.0 to 0..=255; cv2.imwrite would write them unscaled, i.e. almost black).
/// BGR/BGRA are reordered to PNG's RGB/RGBA, so the file looks like the window.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("viewer-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// use viewer::{imwrite, Image};
/// let bgr = [0u8, 0, 255, 255, 0, 0]; // a red and a blue pixel, in OpenCV's order
/// imwrite(dir.join("two.png"), &Image::bgr(&bgr, 2, 1)?)?;
/// assert!(imwrite(dir.join("two.jpg"), &Image::bgr(&bgr, 2, 1)?).is_err()); // PNG only
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), viewer::Error>(())
/// ```
pub fn imwrite<T: Sample>(path: impl AsRef<Path>, image: &Image<'_, T>) -> Result<(), Error> {
    let path = path.as_ref();
    let is_png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if !is_png {
        return Err(Error::UnsupportedFormat {
            path: path.to_owned(),
        });
    }
    let (color, sixteen) = layout(image);
    let bytes = samples(image, sixteen);
    let tmp = temp_name(path);
    let result = write_png(&tmp, image, color, sixteen, &bytes).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| match e {
        Error::Write { source, .. } => Error::Write {
            path: path.to_owned(),
            source,
        },
        Error::Encode { source, .. } => Error::Encode {
            path: path.to_owned(),
            source,
        },
        other => other,
    })
}

fn layout<T: Sample>(image: &Image<'_, T>) -> (png::ColorType, bool) {
    let color = match image.channels() {
        Channels::Gray => png::ColorType::Grayscale,
        Channels::Rgb | Channels::Bgr => png::ColorType::Rgb,
        Channels::Rgba | Channels::Bgra => png::ColorType::Rgba,
    };
    (color, TypeId::of::<T>() == TypeId::of::<u16>())
}

/// The samples in PNG order (RGB/RGBA), 8-bit or 16-bit big-endian.
fn samples<T: Sample>(image: &Image<'_, T>, sixteen: bool) -> Vec<u8> {
    let n = image.channels().count();
    let swap = matches!(image.channels(), Channels::Bgr | Channels::Bgra);
    let order = |i: usize| if swap && i < 3 { 2 - i } else { i };
    let mut out = Vec::with_capacity(image.data().len() * if sixteen { 2 } else { 1 });
    for pixel in image.data().chunks_exact(n) {
        for i in 0..n {
            let v = pixel[order(i)];
            if sixteen {
                out.extend_from_slice(&v.to_u16().to_be_bytes());
            } else {
                out.push(v.to_u8());
            }
        }
    }
    out
}

fn temp_name(path: &Path) -> std::path::PathBuf {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{file}.{}.tmp", std::process::id()))
}

fn write_png<T: Sample>(
    tmp: &Path,
    image: &Image<'_, T>,
    color: png::ColorType,
    sixteen: bool,
    bytes: &[u8],
) -> Result<(), Error> {
    let io = |source| Error::Write {
        path: tmp.to_owned(),
        source,
    };
    let file = std::fs::File::create(tmp).map_err(io)?;
    let mut buffered = std::io::BufWriter::new(file);
    let (w, h) = (image.width() as u32, image.height() as u32); // at most 32767 each (Image::new checks)
    let mut encoder = png::Encoder::new(&mut buffered, w, h);
    encoder.set_color(color);
    encoder.set_depth(if sixteen {
        png::BitDepth::Sixteen
    } else {
        png::BitDepth::Eight
    });
    let encode = |source| Error::Encode {
        path: tmp.to_owned(),
        source,
    };
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(bytes).map_err(encode)?;
    writer.finish().map_err(encode)?;
    buffered.flush().map_err(io)?;
    buffered
        .into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).expect("written"),
        ));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("viewer-png-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    }

    #[test]
    fn bgr_is_written_as_rgb_exactly() {
        let d = dir("bgr");
        let bgr = [1u8, 2, 3, 4, 5, 6];
        imwrite(d.join("a.PNG"), &Image::bgr(&bgr, 1, 2).expect("valid")).expect("written");
        let (info, data) = read(&d.join("a.PNG"));
        assert_eq!(
            (info.width, info.height, info.color_type),
            (1, 2, png::ColorType::Rgb)
        );
        assert_eq!(data, [3, 2, 1, 6, 5, 4]);
        let leftovers: Vec<_> = std::fs::read_dir(&d).expect("dir").collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
        std::fs::remove_dir_all(&d).expect("cleanup");
    }

    #[test]
    fn u16_and_float_images() {
        let d = dir("depth");
        imwrite(
            d.join("g16.png"),
            &Image::gray(&[0x1234u16, 0xffff], 2, 1).expect("valid"),
        )
        .expect("written");
        let (info, data) = read(&d.join("g16.png"));
        assert_eq!(info.bit_depth, png::BitDepth::Sixteen);
        assert_eq!(data, [0x12, 0x34, 0xff, 0xff]);
        imwrite(
            d.join("f.png"),
            &Image::rgba(&[0.0f32, 0.5, 1.0, 2.0], 1, 1).expect("valid"),
        )
        .expect("written");
        let (_, data) = read(&d.join("f.png"));
        assert_eq!(data, [0, 128, 255, 255]);
        std::fs::remove_dir_all(&d).expect("cleanup");
    }

    #[test]
    fn failures_are_typed_and_leave_old_files_alone() {
        let d = dir("fail");
        let img = [0u8; 3];
        let image = Image::rgb(&img, 1, 1).expect("valid");
        let err = imwrite(d.join("x.jpg"), &image).expect_err("jpg refused");
        assert!(err.to_string().contains("only PNG is supported"), "{err}");
        let err = imwrite(d.join("missing/x.png"), &image).expect_err("no such directory");
        assert!(
            matches!(&err, Error::Write { path, .. } if path.ends_with("missing/x.png")),
            "{err}"
        );
        std::fs::remove_dir_all(&d).expect("cleanup");
    }
}
