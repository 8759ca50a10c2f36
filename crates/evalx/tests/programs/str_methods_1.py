s = "  Hello, World  "
print(s.strip(), s.lstrip(), s.rstrip(), "xxhixx".strip("x"), s.upper(), s.lower(), s.swapcase())
print("hello world".title(), "hello".capitalize(), "HELLO".casefold(), "a,b,,c".split(","), "a b  c".split())
print("a-b-c".rsplit("-", 1), "a-b-c".split("-", 1), "  a  b  ".split(None, 1), "line1\nline2\r\nl3".splitlines())
print("x".join(["1", "2", "3"]), "abcabc".replace("b", "B"), "abcabc".replace("b", "B", 1), "abc".find("c"), "abc".find("z"))
print("abcabc".rfind("b"), "abcabc".index("c"), "abcabc".rindex("a"), "aaaa".count("aa"), "abc".count(""))
print("abc".startswith("ab"), "abc".endswith(("x", "c")), "abc".startswith("b", 1), "hello"[1:4], "hello"[::-1], "hello"[-2:])
