s = "héllo wörld"
print(len(s), s[1], s[-1], s[2:5], s.upper(), s.find("w"), s.index("ö"), list(s[:3]), s[::2])
print(ord("é"), chr(233), chr(0x1F600) == "\U0001F600", "ß".upper(), "İ".lower() == "i̇")
