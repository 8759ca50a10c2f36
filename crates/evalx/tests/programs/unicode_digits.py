for s in ["123", "٣", "²", "½", "Ⅻ", "৩", "一", "١٢", "x1", "", "³4", "๓", "𝟘", "〇", "፩", "①"]:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric())
print(int("٣٤"), int(" ３ "), float("١.٥"), int("१२३"))
for bad in ["²", "½"]:
    try:
        int(bad)
    except ValueError as e:
        print(e)
