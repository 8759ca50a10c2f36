# A deflated archive is byte for byte the one CPython writes (C zlib underneath).
import zipfile, io, hashlib
b = io.BytesIO()
with zipfile.ZipFile(b, "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("a.txt", date_time=(2020, 1, 1, 0, 0, 0)), "hello " * 1000, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("b.bin", date_time=(2020, 1, 1, 0, 0, 0)), bytes(range(256)) * 50, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
print(len(b.getvalue()), hashlib.sha256(b.getvalue()).hexdigest()[:16])
