# unicodedata.decomposition: the UCD's one-step mapping, with its compatibility tag.
import unicodedata

for ch in ['A', '\xa0', '\xe9', '\u00bd', '\u01c4', '\u1e9b', '\ufb01', '\u2460', '\uff21', '\u0958',
           '\u212b', '\u2126', '\U0001d400', '\uac00', '\u0000', '\u00b2', '\u3000', '\ufe35']:
    print(hex(ord(ch)), repr(unicodedata.decomposition(ch)))
for bad in ['ab', '', 5]:
    try:
        unicodedata.decomposition(bad)
    except TypeError as e:
        print('TypeError:', e)
print(sum(1 for cp in range(0x3000) if unicodedata.decomposition(chr(cp))))
