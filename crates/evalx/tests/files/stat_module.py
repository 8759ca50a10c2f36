import os
import stat

os.makedirs("d/e")
with open("d/f.txt", "w") as f:
    f.write("hello")
for p in ("d", "d/f.txt"):
    m = os.stat(p).st_mode
    print(p, stat.S_ISDIR(m), stat.S_ISREG(m), stat.S_ISLNK(m), stat.S_IFMT(m) == stat.S_IFDIR, oct(stat.S_IFMT(m)))
print(os.stat("d/f.txt")[stat.ST_SIZE], stat.ST_MTIME, stat.ST_MODE)
for m in (0o100644, 0o40755, 0o120777, 0o104755, 0o102711, 0o41777, 0o41776, 0o20660, 0o60660, 0o10600,
          0o140755, 0o777, 0, 0o107777):
    print(oct(m), stat.filemode(m), oct(stat.S_IMODE(m)), stat.S_ISCHR(m), stat.S_ISBLK(m), stat.S_ISFIFO(m),
          stat.S_ISSOCK(m), stat.S_ISDOOR(m), stat.S_ISPORT(m), stat.S_ISWHT(m))
print(stat.S_IRWXU | stat.S_IRGRP, stat.S_IREAD, stat.S_IWRITE, stat.S_IEXEC, stat.S_ISUID, stat.S_ISGID, stat.S_ISVTX,
      stat.S_ENFMT, stat.UF_HIDDEN, stat.SF_SNAPSHOT, stat.FILE_ATTRIBUTE_DIRECTORY, stat.S_IFDOOR)
for bad in ("x", -1, 1.5):
    try:
        stat.S_ISDIR(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
