# cpython: runs past 10 s
import json
s = json.dumps(list(range(10**6)))
while True:
    json.loads(s)
