# json is a package: json.decoder / json.encoder / json.scanner hold the same classes, imported with json.
import json
print(json.decoder.JSONDecodeError is json.JSONDecodeError, json.JSONDecoder)
import json.decoder
from json import JSONDecodeError, decoder, encoder
print(json.decoder.JSONDecodeError is JSONDecodeError, decoder.JSONDecoder, encoder.JSONEncoder)
print(json.JSONDecoder is decoder.JSONDecoder, encoder.JSONEncoder is json.JSONEncoder)
try:
    json.loads("{")
except json.decoder.JSONDecodeError as e:
    print(e.msg, e.pos, type(e))
from json.decoder import scanstring
print(scanstring('x"ab\\"c" tail', 2))
print(encoder.encode_basestring('é"\n'), encoder.encode_basestring_ascii('é"\n'))
try:
    scanstring('"abc', 1)
except ValueError as e:
    print(e)
try:
    scanstring('"a\\qc"', 1)
except ValueError as e:
    print(e)
import json.scanner
sc = json.scanner.make_scanner(json.JSONDecoder())
print(sc('[1, {"a": 2}] rest', 0))
try:
    json.nothing
except AttributeError as e:
    print(e)
