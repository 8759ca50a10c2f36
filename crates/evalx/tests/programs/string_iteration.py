total = 0
for ch in "a1b2c3":
    if ch.isdigit():
        total += int(ch)
print(total)
words = "the quick brown fox jumps over the lazy dog".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(freq, max(freq, key=freq.get), sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(" ".join(w.capitalize() for w in words), "-".join(map(str, range(5))))
