# logging.FileHandler and basicConfig(filename=...) write through open(), into the granted folder.
import logging
import os

logging.basicConfig(filename="app.log", filemode="w", format="%(levelname)s:%(name)s:%(message)s",
                    level=logging.INFO)
logging.info("started %d", 1)
logging.getLogger("db").warning("slow query")
log = logging.getLogger("audit")
fh = logging.FileHandler("audit.log", mode="a", delay=True)
print(fh.stream is None, os.path.basename(fh.baseFilename), os.path.exists("audit.log"))
fh.setFormatter(logging.Formatter("[%(name)s] %(message)s"))
log.addHandler(fh)
log.error("first")
log.error("second %s", "x")
fh.close()
log.removeHandler(fh)
for h in logging.getLogger().handlers:
    h.flush()
print(open("app.log").read(), end="")
print(open("audit.log").read(), end="")
print(repr(fh).replace(os.getcwd(), "CWD"))
